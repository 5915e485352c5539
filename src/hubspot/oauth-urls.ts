// The two URLs of the install flow: HubSpot's authorize URL we send the browser to, and our callback
// that HubSpot sends it back to (built from PUBLIC_BASE_URL, never from the Host header). The scopes
// come from app.json (app-scopes.ts).
import type { Config } from '../config.ts';

export const redirectUri = (config: Pick<Config, 'PUBLIC_BASE_URL'>): string => `${config.PUBLIC_BASE_URL.replace(/\/+$/, '')}/oauth/callback`;

export function authorizeUrl(
  config: Pick<Config, 'HUBSPOT_AUTHORIZE_URL' | 'HUBSPOT_CLIENT_ID' | 'PUBLIC_BASE_URL'>,
  state: string,
  scopes: readonly string[],
  optionalScopes: readonly string[],
): string {
  const url = new URL(config.HUBSPOT_AUTHORIZE_URL);
  url.searchParams.set('client_id', config.HUBSPOT_CLIENT_ID ?? '');
  url.searchParams.set('redirect_uri', redirectUri(config));
  url.searchParams.set('scope', scopes.join(' '));
  if (optionalScopes.length > 0) url.searchParams.set('optional_scope', optionalScopes.join(' '));
  url.searchParams.set('state', state);
  return url.toString();
}
