// Per-portal sliding-window rate limiter in Redis, shared by every process: HubSpot's limit is per
// installed account across all our workers. The window is a sorted set of grant times taken from
// Redis's own clock (TIME inside the script), so processes on hosts with skewed clocks still agree.
// Search has its own bucket (HubSpot counts it separately: 5 per second).
//
// A job holding a worker slot does not sleep in it waiting for its portal's budget: it acquires
// with `maxWaitMs`, and a longer wait throws NoBudgetError, so the job gives its slot back until then.
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
   * `leave` calls of the window stay unused by this caller while another caller of the portal
   * waits for budget (a full pass leaves them to its portal's flushes, which ask with none left
   * over and say they wait; with nobody waiting it takes the whole window); at least one call a
   * window is always granted. A wait longer than `maxWaitMs` is not slept: NoBudgetError says how
   * long it would be, so a job can give its worker slot back until then.
   */
  acquire(portalId: string, bucket?: RateBucket, leave?: number, maxWaitMs?: number): Promise<number>;
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
 * Calls of a portal's window its full pass leaves free while one of the portal's other callers (a
 * flush) waits for budget (P6c). A pass waits in place for every call the window frees, so a flush
 * asking between its calls would otherwise only get what the pass did not want. A waiting caller
 * says so (a flag in Redis, as long as its wait); the pass then stops this many calls short of the
 * limit, and the next freed call is the flush's. With nobody waiting the pass takes the whole
 * window (P4), so what it gives up is the flushes' own calls, not a fixed share reserved for them.
 * Once its window is half full the pass is also paced, one call per window ÷ limit at most: a
 * sliding window repeats the shape of its first burst, and a pass that took 110 calls in 3 s would
 * free them in the same 3 s of every window, leaving a flush that asks in the 7 s between nothing
 * to take. Below half, a pass (a small portal's: 59 calls for 500 companies) goes at once.
 */
export const PASS_LEAVES_CALLS = 2;

/** Calls of the api window a full pass leaves to waiting callers (none on a limit too small to share). */
export const passLeavesCalls = (limit: number): number => (limit > 2 * PASS_LEAVES_CALLS ? PASS_LEAVES_CALLS : 0);

/** How much longer than its wait a waiting caller's flag lasts: time for it to come back and ask. */
const WANTED_GRACE_MS = 250;

export function rateLimitsFromConfig(config: Pick<Config, 'RATE_LIMIT_PER_10S' | 'SEARCH_RATE_PER_S'>): Record<RateBucket, RateLimit> {
  return {
    api: { limit: config.RATE_LIMIT_PER_10S, windowMs: 10_000 * (1 + ARRIVAL_SLACK) },
    search: { limit: config.SEARCH_RATE_PER_S, windowMs: 1000 * (1 + ARRIVAL_SLACK) },
  };
}

// Returns {1, grantTimeUs} or {0, waitUs}. A grant at `now` only when fewer than `limit` grants lie
// in (now - window, now], so any window-long interval holds at most `limit` grants. KEYS[3] is the
// bucket's "someone waits" flag: a caller that leaves nothing (ARGV[4] = 0) sets it for as long as
// it is told to wait (plus ARGV[5] ms); one that leaves ARGV[4] calls gets `limit - ARGV[4]` while
// the flag is up, and is paced once the window is half full: never a grant sooner than window ÷
// limit after the last one (a short pass still goes at once).
const ACQUIRE = redisScript(`
if redis.replicate_commands then redis.replicate_commands() end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local leave = tonumber(ARGV[4])
local paused = redis.call('PTTL', KEYS[2])
if paused > 0 then return {0, paused * 1000} end
if leave > 0 and redis.call('EXISTS', KEYS[3]) == 1 then limit = math.max(1, limit - leave) end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local count = redis.call('ZCARD', KEYS[1])
if leave > 0 and count * 2 >= tonumber(ARGV[1]) then
  local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
  local spacing = window / tonumber(ARGV[1])
  if last[2] and now - tonumber(last[2]) < spacing then return {0, tonumber(last[2]) + spacing - now} end
end
if count < limit then
  redis.call('ZADD', KEYS[1], now, now .. ':' .. ARGV[3])
  redis.call('PEXPIRE', KEYS[1], math.ceil(window / 1000) + 1000)
  return {1, now}
end
local oldest = redis.call('ZRANGE', KEYS[1], count - limit, count - limit, 'WITHSCORES')
local wait = tonumber(oldest[2]) + window - now + 1
if leave == 0 then redis.call('SET', KEYS[3], '1', 'PX', math.ceil(wait / 1000) + tonumber(ARGV[5])) end
return {0, wait}
`);

export const rateLimitKey = (prefix: string, portalId: string, bucket: RateBucket): string => portalKeys(prefix, portalId).rateLimit[bucket];
const bucketKeys = (prefix: string, portalId: string, bucket: RateBucket): string[] => {
  const k = portalKeys(prefix, portalId).rateLimit;
  return [k[bucket], k[`${bucket}Pause`], k[`${bucket}Wanted`]];
};

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
    async acquire(portalId, bucket = 'api', leave = 0, maxWaitMs = Number.POSITIVE_INFINITY) {
      const { limit, windowMs } = limits[bucket];
      const keys = bucketKeys(prefix, portalId, bucket);
      for (;;) {
        const member = `${instance}-${(seq = (seq + 1) % 1e9)}`;
        const [granted, value] = (await ACQUIRE.run(redis, keys, [limit, windowMs * 1000, member, leave, WANTED_GRACE_MS])) as [number, number];
        if (granted === 1) return value / 1000;
        if (value / 1000 > maxWaitMs) throw new NoBudgetError(portalId, Math.ceil(value / 1000));
        // A few ms of jitter so waiters in several processes do not all wake on the same tick.
        await sleep(Math.ceil(value / 1000) + Math.floor(Math.random() * 5));
      }
    },
    async pause(portalId, ms, bucket = 'api') {
      if (ms > 0) await redis.set(bucketKeys(prefix, portalId, bucket)[1]!, '1', 'PX', Math.ceil(ms));
    },
  };
}
