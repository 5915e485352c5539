import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRateLimiter, NoBudgetError, rateLimitKey, rateLimitsFromConfig, type RateLimit, type RateLimiter } from '../../src/hubspot/rate-limiter.ts';
import { portalKeys } from '../../src/store/portal-keys.ts';
import { testRedisUrl, useTestRedis } from '../support/redis.ts';
import { testConfig } from '../support/test-config.ts';

const LIMIT: RateLimit = { limit: 5, windowMs: 500 };

/** Every window of `windowMs` starting at a grant holds at most `limit` grants. */
function maxInAnyWindow(grants: number[], windowMs: number): number {
  const sorted = [...grants].sort((a, b) => a - b);
  let max = 0;
  for (let i = 0; i < sorted.length; i++) {
    let j = i;
    while (j < sorted.length && (sorted[j] as number) - (sorted[i] as number) < windowMs) j++;
    max = Math.max(max, j - i);
  }
  return max;
}

/** How long a caller that will not wait (maxWaitMs 0) is told to come back; 0 when it was granted a call. */
async function toldToWait(limiter: RateLimiter, portalId: string): Promise<number> {
  try {
    await limiter.acquire(portalId, 'api', 0, 0);
    return 0;
  } catch (err) {
    if (err instanceof NoBudgetError) return err.retryAfterMs;
    throw err;
  }
}

describe('rate limiter', () => {
  const ctx = useTestRedis();
  let other: Redis;
  beforeEach(async () => {
    other = new Redis(testRedisUrl());
  });
  afterEach(async () => {
    other.disconnect();
  });

  it('when two limiter instances on separate connections share a portal, then no window ever holds more than the limit', async () => {
    const a = createRateLimiter({ redis: ctx.redis, prefix: ctx.prefix, limits: { api: LIMIT, search: LIMIT } });
    const b = createRateLimiter({ redis: other, prefix: ctx.prefix, limits: { api: LIMIT, search: LIMIT } });
    const grants = await Promise.all(Array.from({ length: 24 }, (_, i) => (i % 2 ? a : b).acquire('24681357')));
    expect(grants).toHaveLength(24);
    expect(maxInAnyWindow(grants, LIMIT.windowMs)).toBeLessThanOrEqual(LIMIT.limit);
    // The limit is reached, not just respected: the first window is full.
    expect(maxInAnyWindow(grants, LIMIT.windowMs)).toBe(LIMIT.limit);
  });

  it('when the wait is longer than the caller may wait, then acquire throws NoBudgetError with the wait, takes no call and sleeps not', async () => {
    const limiter = createRateLimiter({ redis: ctx.redis, prefix: ctx.prefix, limits: { api: { limit: 2, windowMs: 60_000 }, search: LIMIT } });
    await limiter.acquire('1', 'api', 0, 2000);
    await limiter.acquire('1', 'api', 0, 2000);
    const err = await limiter.acquire('1', 'api', 0, 2000).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NoBudgetError);
    // Until the oldest grant leaves the window, no longer.
    expect((err as NoBudgetError).retryAfterMs).toBeGreaterThan(55_000);
    expect((err as NoBudgetError).retryAfterMs).toBeLessThanOrEqual(60_001);
    expect(await ctx.redis.zcard(rateLimitKey(ctx.prefix, '1', 'api'))).toBe(2);
  });

  it('when portals differ, then they do not share a window', async () => {
    const limiter = createRateLimiter({ redis: ctx.redis, prefix: ctx.prefix, limits: { api: { limit: 2, windowMs: 60_000 }, search: LIMIT } });
    await limiter.acquire('1');
    await limiter.acquire('1');
    // A third call for portal 1 would wait a minute; portal 2 is granted at once.
    await expect(limiter.acquire('2')).resolves.toBeTypeOf('number');
  });

  /** `n` grants made `agoMs` before Redis's now, so a paced caller is not held by the last grant's spacing. */
  async function oldGrants(portalId: string, n: number, agoMs: number): Promise<void> {
    const [seconds, micros] = await ctx.redis.time();
    const at = Number(seconds) * 1_000_000 + Number(micros) - agoMs * 1000;
    for (let i = 0; i < n; i++) await ctx.redis.zadd(rateLimitKey(ctx.prefix, portalId, 'api'), at + i, `${at + i}:old-${i}`);
  }

  it('when a caller leaves calls of the window and another caller of the portal waits for budget, then it stops short of the limit and the waiting caller gets the freed calls first', async () => {
    // A caller told to wait never wakes here (no timer left behind): only who is granted at once counts.
    const limiter = createRateLimiter({ redis: ctx.redis, prefix: ctx.prefix, limits: { api: { limit: 5, windowMs: 60_000 }, search: LIMIT }, sleep: () => new Promise(() => undefined) });
    await oldGrants('1', 5, 30_000);
    // A flush finds the window full: it is told to wait, and that raises the flag.
    expect(await toldToWait(limiter, '1')).toBeGreaterThan(0);
    expect(await ctx.redis.exists(portalKeys(ctx.prefix, '1').rateLimit.apiWanted)).toBe(1);
    // Two grants leave the window (deleted here instead of waiting half a minute): the pass-like
    // caller now stops at 5 − 2 = 3 in the window, so both freed calls stay for the waiting flush.
    await ctx.redis.zpopmin(rateLimitKey(ctx.prefix, '1', 'api'), 2);
    const passCall = limiter.acquire('1', 'api', 2).then(() => 'pass');
    const flushCalls = Promise.all([limiter.acquire('1'), limiter.acquire('1')]).then(() => 'flush');
    expect(await Promise.race([passCall, flushCalls])).toBe('flush');
    expect(await toldToWait(limiter, '1')).toBeGreaterThan(0);
  });

  it('when a caller leaves calls of the window but nobody waits (or only on another portal), then it takes the whole window', async () => {
    const limiter = createRateLimiter({ redis: ctx.redis, prefix: ctx.prefix, limits: { api: { limit: 5, windowMs: 60_000 }, search: LIMIT }, sleep: () => new Promise(() => undefined) });
    for (let i = 0; i < 5; i++) await limiter.acquire('2', 'api');
    expect(await toldToWait(limiter, '2')).toBeGreaterThan(0);
    await oldGrants('1', 4, 30_000);
    await limiter.acquire('1', 'api', 2);
    expect(await ctx.redis.zcard(rateLimitKey(ctx.prefix, '1', 'api'))).toBe(5);
    expect(await ctx.redis.exists(portalKeys(ctx.prefix, '1').rateLimit.apiWanted)).toBe(0);
  });

  it('when a caller is told to wait, then its flag lasts that wait and a short grace, no longer', async () => {
    const limiter = createRateLimiter({ redis: ctx.redis, prefix: ctx.prefix, limits: { api: { limit: 2, windowMs: 200 }, search: LIMIT } });
    await limiter.acquire('3');
    await limiter.acquire('3');
    const wait = await toldToWait(limiter, '3');
    expect(wait).toBeGreaterThan(0);
    const flag = portalKeys(ctx.prefix, '3').rateLimit.apiWanted;
    // The flag lasts the wait plus a grace for the caller to come back, no longer.
    expect(await ctx.redis.pttl(flag)).toBeLessThanOrEqual(wait + 250);
    expect(await ctx.redis.pttl(flag)).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, wait + 300));
    expect(await ctx.redis.exists(flag)).toBe(0);
  });

  it('when a caller leaves calls of the window, then its grants come at once until the window is half full, then paced one per window ÷ limit', async () => {
    const limiter = createRateLimiter({ redis: ctx.redis, prefix: ctx.prefix, limits: { api: { limit: 10, windowMs: 1000 }, search: LIMIT } });
    const grants: number[] = [];
    for (let i = 0; i < 8; i++) grants.push(await limiter.acquire('4', 'api', 2));
    const gaps = grants.slice(1).map((g, i) => g - grants[i]!);
    // Five grants (half of 10) without waiting, then 1,000 ms ÷ 10 = 100 ms between grants (Redis's clock, µs precision).
    expect(Math.max(...gaps.slice(0, 4))).toBeLessThan(100);
    expect(Math.min(...gaps.slice(4))).toBeGreaterThanOrEqual(100);
  });

  it('when search calls are made, then they use their own bucket', async () => {
    const limiter = createRateLimiter({ redis: ctx.redis, prefix: ctx.prefix, limits: { api: { limit: 1, windowMs: 60_000 }, search: { limit: 3, windowMs: 60_000 } } });
    await limiter.acquire('1', 'api');
    const searches = await Promise.all([limiter.acquire('1', 'search'), limiter.acquire('1', 'search'), limiter.acquire('1', 'search')]);
    expect(searches).toHaveLength(3);
  });

  it('when the window is full, then the waiter is told how long to sleep and is granted after it', async () => {
    const sleeps: number[] = [];
    const limiter = createRateLimiter({
      redis: ctx.redis, prefix: ctx.prefix, limits: { api: { limit: 1, windowMs: 200 }, search: LIMIT },
      sleep: async (ms) => {
        sleeps.push(ms);
        await new Promise((r) => setTimeout(r, ms));
      },
    });
    const first = await limiter.acquire('1');
    const second = await limiter.acquire('1');
    expect(sleeps.length).toBeGreaterThan(0);
    expect(sleeps[0]).toBeLessThanOrEqual(200 + 5);
    expect(second - first).toBeGreaterThanOrEqual(200);
  });

  it('when a portal is paused after a 429, then the next grant waits for the pause', async () => {
    const sleeps: number[] = [];
    const limiter = createRateLimiter({
      redis: ctx.redis, prefix: ctx.prefix, limits: { api: LIMIT, search: LIMIT },
      sleep: async (ms) => {
        sleeps.push(ms);
        await new Promise((r) => setTimeout(r, ms));
      },
    });
    await limiter.pause('1', 150);
    await limiter.acquire('1');
    expect(sleeps[0]).toBeGreaterThan(0);
    expect(sleeps[0]).toBeLessThanOrEqual(150 + 5);
  });

  it('when limits come from config, then they are 110 per 10 s and 5 searches per second', () => {
    // Windows a little longer than HubSpot's, so a call never reaches HubSpot inside its window.
    expect(rateLimitsFromConfig(testConfig())).toEqual({ api: { limit: 110, windowMs: 10_250 }, search: { limit: 5, windowMs: 1025 } });
  });

  it('when a portal is paused after a 429, then a caller that will not wait is told the pause, and takes no call', async () => {
    const limiter = createRateLimiter({ redis: ctx.redis, prefix: ctx.prefix, limits: { api: { limit: 2, windowMs: 10_000 }, search: LIMIT } });
    await limiter.pause('8', 3000);
    const wait = await toldToWait(limiter, '8');
    expect(wait).toBeGreaterThan(2000);
    expect(wait).toBeLessThanOrEqual(3000);
    expect(await ctx.redis.zcard(rateLimitKey(ctx.prefix, '8', 'api'))).toBe(0);
  });

});
