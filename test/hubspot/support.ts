// Shared pieces of the HubSpot adapter tests: fixtures, a test config, captured logs, and a portal
// wired to a real Redis with encrypted tokens.
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import type { Redis } from 'ioredis';
import type { DataMatcherMap } from 'nock';
import { loadConfig, type Config } from '../../src/config.ts';
import { createTokenCipher } from '../../src/crypto/token-cipher.ts';
import { createAccessTokenProvider, type AccessTokenProvider } from '../../src/hubspot/access-tokens.ts';
import { createCallCounter, type CallCounter } from '../../src/hubspot/call-counter.ts';
import { createOAuthApi } from '../../src/hubspot/oauth-api.ts';
import { createPortalClient, type PortalClient } from '../../src/hubspot/portal-client.ts';
import { createRateLimiter, type RateLimiter } from '../../src/hubspot/rate-limiter.ts';
import { createLogger, type Logger } from '../../src/logger.ts';
import { createPortalStore, type PortalStore } from '../../src/store/portal-store.ts';
import { createTokenStore, type TokenStore } from '../../src/store/token-store.ts';
import { testRedis } from '../support/redis.ts';

export const BASE = 'https://api.hubapi.com';
export const PORTAL = '24681357';

export interface Fixture {
  source: string;
  request: { method: string; path: string; body?: DataMatcherMap };
  response: { status: number; headers?: Record<string, string>; body: Record<string, unknown> };
}

export function fixture(name: string): Fixture {
  return JSON.parse(readFileSync(new URL(`../fixtures/hubspot/api/${name}.json`, import.meta.url), 'utf8')) as Fixture;
}

const oauthFixture = fixture('oauth-token');
/** The client id and secret of the fixtures, so recorded OAuth bodies match. */
export const CLIENT_ID = String(oauthFixture.request.body?.client_id);
export const CLIENT_SECRET = String(oauthFixture.request.body?.client_secret);
export const ENCRYPTION_KEY = randomBytes(32).toString('base64');

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    HUBSPOT_CLIENT_ID: CLIENT_ID,
    HUBSPOT_CLIENT_SECRET: CLIENT_SECRET,
    HUBSPOT_APP_ID: '3141592',
    PUBLIC_BASE_URL: 'https://kam.example.com',
    TOKEN_ENCRYPTION_KEY: ENCRYPTION_KEY,
    ...env,
  });
}

/** A logger at trace level whose every line is kept, to check that no secret is ever logged. */
export function captureLogs(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: createLogger({ level: 'trace' }, stream), lines };
}

/** A limiter that grants at once and records what it was asked (the real one is tested on its own). */
export function recordingLimiter(): RateLimiter & { acquired: number; pauses: number[] } {
  const l = {
    acquired: 0,
    pauses: [] as number[],
    async acquire() {
      l.acquired += 1;
      return Date.now();
    },
    async waitMs() {
      return 0;
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

/** A portal with valid stored tokens (the fixtures' access token unless given) and a client for it. */
export async function portalHarness(opts: { accessToken?: string; expiresInMs?: number; realLimiter?: boolean } = {}): Promise<PortalHarness> {
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
    portalId: PORTAL, config, redis, prefix, tokens, limiter: opts.realLimiter ? real : limiter, logger, callCounter: counter, sleep,
  });
  return { redis, prefix, config, logger, logs: lines, tokenStore, portals, tokens, counter, limiter, sleeps, client, cleanup };
}
