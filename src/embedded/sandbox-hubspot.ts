// The HubSpot side of the app's configuration when its HubSpot is a sandbox: the sandbox's OAuth
// client and app, its API and its authorize page. Everything else stays as configured.
import type { Sandbox } from '../sandbox/index.ts';

export function hubspotOfSandbox(sandbox: Pick<Sandbox, 'clientId' | 'clientSecret' | 'appId' | 'url'>) {
  return {
    HUBSPOT_CLIENT_ID: sandbox.clientId,
    HUBSPOT_CLIENT_SECRET: sandbox.clientSecret,
    HUBSPOT_APP_ID: sandbox.appId,
    HUBSPOT_API_BASE: sandbox.url,
    HUBSPOT_AUTHORIZE_URL: `${sandbox.url}/oauth/authorize`,
  };
}
