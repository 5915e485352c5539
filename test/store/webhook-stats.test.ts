import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countWebhookStats, readWebhookStats } from '../../src/store/webhook-stats.ts';
import { testRedis } from '../support/redis.ts';

let redis: Redis;
let prefix: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ redis, prefix, cleanup } = await testRedis()));
afterEach(async () => cleanup());

describe('webhook stats', () => {
  it('when an older version left a field per unknown type, then the next count drops them and keeps the fixed counters', async () => {
    const legacy = Object.fromEntries(Array.from({ length: 2500 }, (_, i) => [`unknown:made.up-${i}`, '1']));
    await redis.hset(`${prefix}:webhook-stats`, { ...legacy, 'dropped-own': '4' });
    await countWebhookStats(redis, prefix, { 'unknown-type': 2 });
    expect(await redis.hlen(`${prefix}:webhook-stats`)).toBe(2);
    expect(await readWebhookStats(redis, prefix)).toEqual({ 'unknown-type': 2, 'dropped-own': 4, 'not-installed': 0, 'dead-lettered': 0 });
  });
});
