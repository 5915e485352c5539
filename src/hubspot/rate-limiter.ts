// Per-portal sliding-window rate limiter in Redis, shared by every process: HubSpot's limit is per
// installed account across all our workers. The window is a sorted set of grant times taken from
// Redis's own clock (TIME inside the script), so processes on hosts with skewed clocks still agree.
// Search has its own bucket (HubSpot counts it separately: 5 per second).
//
// A job holding a worker slot does not sleep in it waiting for its portal's budget: it asks
// `waitMs` first and, when the budget comes back only later, gives the slot back until then.
import { randomBytes } from 'node:crypto';
import type { Config } from '../config.ts';
import { RateLimitedError } from '../errors.ts';
import { portalKeys } from '../store/portal-keys.ts';
import { redisScript } from '../store/redis-script.ts';
import type { RedisClient } from '../store/redis-client.ts';

export type RateBucket = 'api' | 'search';

/** The portal has no call left in its window for a while: come back in `retryAfterMs`. */
export class NoBudgetError extends RateLimitedError {
  override name = 'NoBudgetError';
  constructor(portalId: string, retryAfterMs: number) {
    super(`portal ${portalId} has no call budget for ${retryAfterMs} ms`, retryAfterMs, 'OWN_BUDGET');
  }
}

export interface RateLimit {
  limit: number;
  windowMs: number;
}

export interface RateLimiter {
  /**
   * Resolves when a call may be made; returns the grant time (Redis clock, epoch ms, µs precision).
   * `leave` calls of the window stay unused by this caller while the portal has marks to flush (a
   * full pass leaves them to its portal's flushes, which ask with none left over; with nothing to
   * flush it takes the whole window); at least one call a window is always granted.
   */
  acquire(portalId: string, bucket?: RateBucket, leave?: number): Promise<number>;
  /** How long until the portal may make a call (0: now), without taking one. */
  waitMs(portalId: string, bucket?: RateBucket): Promise<number>;
  /** Holds every process's calls for this portal and bucket for `ms` (after a 429). */
  pause(portalId: string, ms: number, bucket?: RateBucket): Promise<void>;
}

/**
 * HubSpot counts a call when it arrives, we when we grant it; a call granted the moment an older
 * one leaves our window may still arrive inside HubSpot's if it travelled faster than that one
 * (network jitter, a busy event loop), and be refused. Our windows are this share longer.
 */
export const ARRIVAL_SLACK = 0.025;

/**
 * The share of a portal's window its full pass leaves to the portal's own flushes while they have
 * work (P6c; with no change pending the pass takes the whole window, P4): a flush asks
 * for budget between its calls and gives its slot back when there is none, so against a pass that
 * waits in place for every freed call it would only get the calls the pass did not want (P6c).
 */
export const PASS_LEAVES_SHARE = 0.1;

/** Calls of the api window a full pass leaves unused (none on a limit too small to share). */
export const passLeavesCalls = (limit: number): number => Math.floor(limit * PASS_LEAVES_SHARE);

export function rateLimitsFromConfig(config: Pick<Config, 'RATE_LIMIT_PER_10S' | 'SEARCH_RATE_PER_S'>): Record<RateBucket, RateLimit> {
  return {
    api: { limit: config.RATE_LIMIT_PER_10S, windowMs: 10_000 * (1 + ARRIVAL_SLACK) },
    search: { limit: config.SEARCH_RATE_PER_S, windowMs: 1000 * (1 + ARRIVAL_SLACK) },
  };
}

// Returns {1, grantTimeUs} or {0, waitUs}. A grant at `now` only when fewer than `limit` grants lie
// in (now - window, now], so any window-long interval holds at most `limit` grants. With KEYS[3..4]
// (the portal's dirty marks) and ARGV[4], `limit - ARGV[4]` while the portal has marks to flush.
const ACQUIRE = redisScript(`
if redis.replicate_commands then redis.replicate_commands() end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local paused = redis.call('PTTL', KEYS[2])
if paused > 0 then return {0, paused * 1000} end
-- A caller that leaves calls to the portal's flushes leaves them only while a flush has work.
if #KEYS >= 4 and redis.call('EXISTS', KEYS[3], KEYS[4]) > 0 then limit = math.max(1, limit - tonumber(ARGV[4])) end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < limit then
  redis.call('ZADD', KEYS[1], now, now .. ':' .. ARGV[3])
  redis.call('PEXPIRE', KEYS[1], math.ceil(window / 1000) + 1000)
  return {1, now}
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return {0, tonumber(oldest[2]) + window - now + 1}
`);

// The wait ACQUIRE would answer, in µs (0: a grant now), without granting anything.
const WAIT = redisScript(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local paused = redis.call('PTTL', KEYS[2])
if paused > 0 then return paused * 1000 end
local count = redis.call('ZCOUNT', KEYS[1], '(' .. (now - window), '+inf')
if count < limit then return 0 end
local oldest = redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. (now - window), '+inf', 'WITHSCORES', 'LIMIT', count - limit, 1)
return tonumber(oldest[2]) + window - now + 1
`);

export const rateLimitKey = (prefix: string, portalId: string, bucket: RateBucket): string => portalKeys(prefix, portalId).rateLimit[bucket];
const pauseKey = (prefix: string, portalId: string, bucket: RateBucket): string => portalKeys(prefix, portalId).rateLimit[`${bucket}Pause`];

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function createRateLimiter(deps: {
  redis: RedisClient;
  prefix: string;
  limits: Record<RateBucket, RateLimit>;
  sleep?: (ms: number) => Promise<void>;
}): RateLimiter {
  const { redis, prefix, limits } = deps;
  const sleep = deps.sleep ?? defaultSleep;
  let seq = 0;
  const instance = randomBytes(4).toString('hex');

  return {
    async acquire(portalId, bucket = 'api', leave = 0) {
      const { limit, windowMs } = limits[bucket];
      const keys = [rateLimitKey(prefix, portalId, bucket), pauseKey(prefix, portalId, bucket)];
      if (leave > 0) {
        const k = portalKeys(prefix, portalId);
        keys.push(k.dirtyCompanies, k.dirtyDeals);
      }
      for (;;) {
        const member = `${instance}-${(seq = (seq + 1) % 1e9)}`;
        const [granted, value] = (await ACQUIRE.run(redis, keys, [limit, windowMs * 1000, member, leave])) as [number, number];
        if (granted === 1) return value / 1000;
        // A few ms of jitter so waiters in several processes do not all wake on the same tick.
        await sleep(Math.ceil(value / 1000) + Math.floor(Math.random() * 5));
      }
    },
    async waitMs(portalId, bucket = 'api') {
      const { limit, windowMs } = limits[bucket];
      const keys = [rateLimitKey(prefix, portalId, bucket), pauseKey(prefix, portalId, bucket)];
      return Math.ceil(((await WAIT.run(redis, keys, [limit, windowMs * 1000])) as number) / 1000);
    },
    async pause(portalId, ms, bucket = 'api') {
      if (ms > 0) await redis.set(pauseKey(prefix, portalId, bucket), '1', 'PX', Math.ceil(ms));
    },
  };
}
