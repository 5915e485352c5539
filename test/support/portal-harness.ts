// A portal wired to a real Redis with encrypted tokens and a HubSpot client for it, for the tests
// of the HubSpot adapter and the jobs that drive it (HubSpot itself answered by nock).
import nock from 'nock';
import type { Redis } from 'ioredis';
import { afterEach } from 'vitest';
import type { Config } from '../../src/config.ts';
import { createTokenCipher } from '../../src/crypto/token-cipher.ts';
import { createAccessTokenProvider, type AccessTokenProvider } from '../../src/hubspot/access-tokens.ts';
import { createCallCounter, type CallCounter } from '../../src/hubspot/call-counter.ts';
import { createOAuthApi } from '../../src/hubspot/oauth-api.ts';
import { createPortalClient, type PortalClient } from '../../src/hubspot/portal-client.ts';
import { createRateLimiter, type RateLimiter } from '../../src/hubspot/rate-limiter.ts';
import type { Logger } from '../../src/logger.ts';
import { createPortalStore, type PortalStore } from '../../src/store/portal-store.ts';
import { createTokenStore, type TokenStore } from '../../src/store/token-store.ts';
import { captureLogs } from './capture-logs.ts';
import { fixture, PORTAL } from './hubspot-fixtures.ts';
import { testRedis } from './redis.ts';
import { testConfig } from './test-config.ts';

/** A limiter that grants at once and records what it was asked (the real one is tested on its own). */
export function recordingLimiter(): RateLimiter & { acquired: number; pauses: number[] } {
  const l = {
    acquired: 0,
    pauses: [] as number[],
    async acquire() {
      l.acquired += 1;
      return Date.now();
    },
    async pause(_portalId: string, ms: number) {
      l.pauses.push(ms);
    },
  };
  return l;
}

export interface PortalHarness {
  redis: Redis;
  prefix: string;
  config: Config;
  logger: Logger;
  logs: string[];
  tokenStore: TokenStore;
  portals: PortalStore;
  tokens: AccessTokenProvider;
  counter: CallCounter;
  /** Records acquire/pause calls (unless `realLimiter`, where the Redis limiter is used). */
  limiter: ReturnType<typeof recordingLimiter>;
  sleeps: number[];
  client: PortalClient;
  cleanup: () => Promise<void>;
}

export interface PortalHarnessOptions {
  accessToken?: string;
  expiresInMs?: number;
  realLimiter?: boolean;
  /** The client's longest wait for budget (a flush's client: see hubspot-adapter.ts). */
  maxWaitMs?: number;
}

const oauthFixture = fixture('oauth-token');

/** A portal with valid stored tokens (the fixtures' access token unless given) and a client for it. */
export async function portalHarness(opts: PortalHarnessOptions = {}): Promise<PortalHarness> {
  const { redis, prefix, cleanup } = await testRedis();
  const config = testConfig();
  const { logger, lines } = captureLogs();
  const tokenStore = createTokenStore({ redis, prefix, cipher: createTokenCipher(config.TOKEN_ENCRYPTION_KEY) });
  const portals = createPortalStore({ redis, prefix });
  await portals.markInstalled(PORTAL, { scopes: ['oauth'] });
  await tokenStore.save(PORTAL, {
    accessToken: opts.accessToken ?? String(oauthFixture.response.body.access_token),
    refreshToken: String(oauthFixture.request.body?.refresh_token),
    expiresAt: Date.now() + (opts.expiresInMs ?? 30 * 60_000),
  });
  const sleeps: number[] = [];
  const sleep = async (ms: number): Promise<void> => {
    sleeps.push(ms);
  };
  const counter = createCallCounter({ redis, prefix });
  const tokens = createAccessTokenProvider({ redis, prefix, tokens: tokenStore, portals, oauth: createOAuthApi({ config }), logger, callCounter: counter, pollMs: 5 });
  const limiter = recordingLimiter();
  const real = createRateLimiter({ redis, prefix, limits: { api: { limit: 100, windowMs: 10_000 }, search: { limit: 5, windowMs: 1000 } } });
  const client = createPortalClient({
    portalId: PORTAL, config, redis, prefix, tokens, limiter: opts.realLimiter ? real : limiter, logger, callCounter: counter, sleep, maxWaitMs: opts.maxWaitMs,
  });
  return { redis, prefix, config, logger, logs: lines, tokenStore, portals, tokens, counter, limiter, sleeps, client, cleanup };
}

/**
 * For a describe block whose tests each set up their portal: call the returned function in a test
 * (with that test's options); after each test its keys are deleted and nock's interceptors cleared.
 */
export function usePortalHarness(): (opts?: PortalHarnessOptions) => Promise<PortalHarness> {
  let current: PortalHarness | undefined;
  afterEach(async () => {
    nock.cleanAll();
    await current?.cleanup();
    current = undefined;
  });
  return async (opts) => (current = await portalHarness(opts));
}
