import { describe, expect, it } from 'vitest';
import { countWebhookStats, readWebhookStats } from '../../src/store/webhook-stats.ts';
import { useTestRedis } from '../support/redis.ts';

const ctx = useTestRedis();

describe('webhook stats', () => {
  it('when an older version left a field per unknown type, then the next count drops them and keeps the fixed counters', async () => {
    const legacy = Object.fromEntries(Array.from({ length: 2500 }, (_, i) => [`unknown:made.up-${i}`, '1']));
    await ctx.redis.hset(`${ctx.prefix}:webhook-stats`, { ...legacy, 'dropped-own': '4' });
    await countWebhookStats(ctx.redis, ctx.prefix, { 'unknown-type': 2 });
    expect(await ctx.redis.hlen(`${ctx.prefix}:webhook-stats`)).toBe(2);
    expect(await readWebhookStats(ctx.redis, ctx.prefix)).toEqual({ 'unknown-type': 2, 'dropped-own': 4, 'not-installed': 0, 'dead-lettered': 0 });
  });
});
