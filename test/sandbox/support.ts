// A sandbox on a real port and the app's real HubSpot adapter pointed at it (real Redis for the
// adapter's tokens, limiter and call counter), with the sandbox portal installed.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Redis } from 'ioredis';
import { loadConfig, type Config } from '../../src/config.ts';
import { createHubSpotAdapter, type HubSpotAdapter } from '../../src/hubspot/hubspot-adapter.ts';
import type { PortalClient } from '../../src/hubspot/portal-client.ts';
import { createLogger } from '../../src/logger.ts';
import { createSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/index.ts';
import { testRedis } from '../support/redis.ts';

export interface SandboxHarness {
  sandbox: Sandbox;
  config: Config;
  redis: Redis;
  prefix: string;
  adapter: HubSpotAdapter;
  client: PortalClient;
  accessToken: string;
  close: () => Promise<void>;
}

export function sandboxConfig(sandbox: Sandbox, env: Record<string, string> = {}): Config {
  return loadConfig({
    HUBSPOT_CLIENT_ID: sandbox.clientId,
    HUBSPOT_CLIENT_SECRET: sandbox.clientSecret,
    HUBSPOT_APP_ID: sandbox.appId,
    HUBSPOT_API_BASE: sandbox.url,
    HUBSPOT_AUTHORIZE_URL: `${sandbox.url}/oauth/authorize`,
    PUBLIC_BASE_URL: 'https://kam.example.com',
    TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    ...env,
  });
}

/** A sandbox, and an adapter client for its portal holding tokens the sandbox issued. */
export async function sandboxHarness(options: SandboxOptions = {}): Promise<SandboxHarness> {
  const sandbox = await createSandbox(options);
  const { redis, prefix, cleanup } = await testRedis();
  const config = sandboxConfig(sandbox);
  const adapter = createHubSpotAdapter({ config, redis, prefix, logger: createLogger({ level: 'silent' }) });
  const tokens = sandbox.oauth.issueTokens();
  await adapter.portals.markInstalled(sandbox.portalId, { scopes: tokens.scopes });
  await adapter.tokenStore.save(sandbox.portalId, { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, expiresAt: Date.now() + tokens.expiresIn * 1000 });
  const client = adapter.clientFor(sandbox.portalId);
  return {
    sandbox, config, redis, prefix, adapter, client, accessToken: tokens.accessToken,
    close: async () => {
      await sandbox.close();
      await cleanup();
    },
  };
}

export interface Fixture {
  request: { method: string; path: string; body?: unknown };
  response: { status: number; headers?: Record<string, string>; body: Record<string, unknown> };
}

export function fixture(name: string): Fixture {
  return JSON.parse(readFileSync(new URL(`../fixtures/hubspot/api/${name}.json`, import.meta.url), 'utf8')) as Fixture;
}

/** A raw call to the sandbox with a Bearer token; the JSON body (or null) and the response. */
export async function call(
  sandbox: Sandbox,
  token: string | undefined,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; headers: Headers; json: Record<string, unknown> }> {
  const res = await fetch(`${sandbox.url}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}
