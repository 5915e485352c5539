// A sandbox on a real port and the app's real HubSpot adapter pointed at it (real Redis for the
// adapter's tokens, limiter and call counter), with the sandbox portal installed.
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Config } from '../../src/config.ts';
import { freePort } from '../../src/embedded/private-redis.ts';
import { createHubSpotAppRoutes } from '../../src/http/hubspot-app-routes.ts';
import { createHubSpotAdapter, type HubSpotAdapter } from '../../src/hubspot/hubspot-adapter.ts';
import type { PortalClient } from '../../src/hubspot/portal-client.ts';
import { createLogger } from '../../src/logger.ts';
import { createSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/index.ts';
import { createPassQueue, type PassJobData } from '../../src/queues.ts';
import { SANDBOX_INSTALLER_ID } from '../../src/sandbox/portal-users.ts';
import { PortfolioInputs } from '../../src/store/portfolio-inputs.ts';
import { SettingsStore } from '../../src/store/settings-store.ts';
import { EXAMPLE_COMPANIES } from '../portfolio-page/example-portfolio.ts';
import { testRedis } from '../support/redis.ts';
import { sandboxConfig } from '../support/test-config.ts';
import { serveRoutes } from '../support/serve.ts';

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

export interface AppBehindProxy {
  sandbox: Sandbox;
  /** The app's origin: what the extensions call their backend. */
  appUrl: string;
  passQueue: Queue<PassJobData>;
  /** hubspot.fetch as HubSpot runs it for `userId` in the sandbox portal: through the sandbox's proxy, which signs it. */
  fetchAs(userId: string, request: { url: string; method?: string; body?: unknown; signOnly?: boolean }): Promise<Response>;
  close(): Promise<void>;
}

/**
 * The app's /api/hubspot routes, wired as the server wires them (the real adapter), on a free port
 * behind the sandbox's proxy: the sandbox portal installed by its OAuth user, with every optional
 * scope (users and teams among them), and `companies` of the example portfolio stored.
 */
export async function startAppBehindProxy(companies: number): Promise<AppBehindProxy> {
  const h = await sandboxHarness();
  // The app's URL is signed over, so it is known before the routes are made: a free port, served below.
  const port = await freePort();
  const config = sandboxConfig(h.sandbox, { PUBLIC_BASE_URL: `http://127.0.0.1:${port}` });
  const tokens = h.sandbox.oauth.issueTokens(h.sandbox.portalId);
  await h.adapter.portals.markInstalled(h.sandbox.portalId, { scopes: tokens.scopes, installedBy: SANDBOX_INSTALLER_ID });
  await h.adapter.tokenStore.save(h.sandbox.portalId, { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, expiresAt: Date.now() + tokens.expiresIn * 1000 });
  await new PortfolioInputs(h.redis, h.prefix, h.sandbox.portalId).save(EXAMPLE_COMPANIES.slice(0, companies));
  const passQueue = createPassQueue(h.redis, h.prefix);
  const logger = createLogger({ level: 'silent' });
  const hubspot = createHubSpotAppRoutes({ config, redis: h.redis, prefix: h.prefix, adapter: h.adapter, settings: new SettingsStore(h.redis, h.prefix), passQueue, logger, now: Date.now });
  const server = await serveRoutes({ hubspot }, undefined, port);
  return {
    sandbox: h.sandbox,
    appUrl: server.url,
    passQueue,
    fetchAs: (userId, request) => fetch(`${h.sandbox.url}/sandbox/hubspot-fetch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...request, portalId: h.sandbox.portalId, userId }),
    }),
    async close() {
      await server.close();
      await passQueue.obliterate({ force: true });
      await passQueue.close();
      await h.close();
    },
  };
}
