// The app's configuration for a test: the fixtures' OAuth client (so recorded OAuth bodies match),
// a fresh encryption key, quiet logs. A test names only what it changes.
import { randomBytes } from 'node:crypto';
import { loadConfig, type Config } from '../../src/config.ts';
import type { Sandbox } from '../../src/sandbox/index.ts';
import { fixture } from './hubspot-fixtures.ts';
import { hubspotOfSandbox } from '../../src/embedded/sandbox-hubspot.ts';

const oauthFixture = fixture('oauth-token');
export const CLIENT_ID = String(oauthFixture.request.body?.client_id);
export const CLIENT_SECRET = String(oauthFixture.request.body?.client_secret);
/** The secret before a rotation, still accepted on signed requests. */
export const PREVIOUS_SECRET = 'test-client-secret-previous';
export const APP_ID = '3141592';
export const PUBLIC_BASE_URL = 'https://kam.example.com';
export const ENCRYPTION_KEY = randomBytes(32).toString('base64');

export function testConfig(env: Record<string, string | undefined> = {}): Config {
  return loadConfig({
    HUBSPOT_CLIENT_ID: CLIENT_ID,
    HUBSPOT_CLIENT_SECRET: CLIENT_SECRET,
    HUBSPOT_CLIENT_SECRET_PREVIOUS: PREVIOUS_SECRET,
    HUBSPOT_APP_ID: APP_ID,
    PUBLIC_BASE_URL,
    TOKEN_ENCRYPTION_KEY: ENCRYPTION_KEY,
    LOG_LEVEL: 'silent',
    ...env,
  });
}

/** The configuration of an app whose HubSpot is this sandbox (its OAuth client, API and authorize page). */
export function sandboxConfig(sandbox: Sandbox, env: Record<string, string | undefined> = {}): Config {
  return testConfig({ ...hubspotOfSandbox(sandbox), HUBSPOT_CLIENT_SECRET_PREVIOUS: undefined, TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'), ...env });
}

/**
 * The environment of a whole app (server and worker processes) whose HubSpot is this sandbox, on
 * this port of 127.0.0.1, with fresh secrets of its own: what an operator would set.
 */
export function sandboxAppEnv(sandbox: Sandbox, port: number): Record<string, string> {
  return {
    PORT: String(port), PUBLIC_BASE_URL: `http://127.0.0.1:${port}`, ...hubspotOfSandbox(sandbox),
    TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'), ADMIN_TOKEN: randomBytes(16).toString('hex'),
  };
}
