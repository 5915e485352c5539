// OAuth `state` values (CSRF protection for the install flow) that cost no storage until used
// (R12: installs started and never finished, 61,000 in 20 s when tried, used to leave a key each).
// A state is signed and time-limited: `v1.<issued at>.<nonce>.<HMAC>`, under a key derived from the
// client secret. Used once: consuming it adds its nonce to the set of the time window it was issued
// in, so a second use is refused.
//
// The cap. Only a callback with a state we signed, still within its time-to-live, writes anything:
// one nonce (≈ 80 bytes in a Redis set) per such callback. A window's set expires when the last
// state issued in it has expired, so at most three windows' sets exist at once; each holds at most
// `maxUsedPerWindow` nonces (50,000 by default: ≈ 12 MB in all at the worst). A full window refuses
// further installs until it ends ("start again"), rather than grow: failing closed, never open.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { RedisClient } from './redis-client.ts';
import { redisScript } from './redis-script.ts';

export interface OAuthStateStore {
  /** A fresh state, valid for the time-to-live. Writes nothing. */
  issue(): Promise<string>;
  /** True exactly once for a state we issued that has not expired. */
  consume(state: string): Promise<boolean>;
}

export const OAUTH_STATE_TTL_MS = 10 * 60 * 1000;
export const DEFAULT_MAX_USED_PER_WINDOW = 50_000;
/** A state stamped a little ahead (another server's clock) is still accepted. */
const CLOCK_SKEW_MS = 60_000;

export const usedStatesKey = (prefix: string, window: number): string => `${prefix}:oauth-state-used:${window}`;

// KEYS: the window's set. ARGV: nonce, cap, time to live (ms). 1 = first use, 0 = used before, -1 = window full.
const USE_ONCE = redisScript(`
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 1 then return 0 end
if redis.call('SCARD', KEYS[1]) >= tonumber(ARGV[2]) then return -1 end
redis.call('SADD', KEYS[1], ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1
`);

export interface OAuthStateOptions {
  redis: RedisClient;
  prefix: string;
  /** The app's client secret: the signing key is derived from it. */
  secret: string | undefined;
  ttlMs?: number;
  maxUsedPerWindow?: number;
  now?: () => number;
}

const STATE = /^v1\.([0-9a-z]{1,12})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/;

export function createOAuthStateStore(options: OAuthStateOptions): OAuthStateStore {
  const { redis, prefix } = options;
  const ttlMs = options.ttlMs ?? OAUTH_STATE_TTL_MS;
  const cap = options.maxUsedPerWindow ?? DEFAULT_MAX_USED_PER_WINDOW;
  const now = options.now ?? Date.now;
  // A key of its own, so a state can never stand in for anything else signed with the secret.
  const key = options.secret ? createHmac('sha256', options.secret).update('kam oauth state v1').digest() : null;
  const mac = (payload: string): Buffer => createHmac('sha256', key as Buffer).update(payload).digest();
  return {
    async issue() {
      if (!key) throw new Error('no client secret to sign the OAuth state with');
      const payload = `v1.${now().toString(36)}.${randomBytes(16).toString('base64url')}`;
      return `${payload}.${mac(payload).toString('base64url')}`;
    },
    async consume(state) {
      const m = key && typeof state === 'string' ? STATE.exec(state) : null;
      if (!m) return false;
      const [, issuedAt36, nonce, given] = m as unknown as [string, string, string, string];
      const expected = mac(`v1.${issuedAt36}.${nonce}`);
      const givenMac = Buffer.from(given, 'base64url');
      if (givenMac.length !== expected.length || !timingSafeEqual(givenMac, expected)) return false;
      const issuedAt = parseInt(issuedAt36, 36);
      const age = now() - issuedAt;
      if (age > ttlMs || age < -CLOCK_SKEW_MS) return false;
      const window = Math.floor(issuedAt / ttlMs);
      // Every state of this window has expired by the end of the next one (plus the skew allowance).
      const expiresAt = (window + 2) * ttlMs + CLOCK_SKEW_MS;
      // Relative, so Redis' clock and ours need not agree.
      const ttl = Math.max(1, expiresAt - now());
      return Number(await USE_ONCE.run(redis, [usedStatesKey(prefix, window)], [nonce, cap, ttl])) === 1;
    },
  };
}
