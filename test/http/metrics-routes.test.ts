// /metrics with thousands of portals: a fixed set of labels and a fixed number of Redis reads.
import express from 'express';
import type { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { createCallCounter } from '../../src/hubspot/call-counter.ts';
import { createMetrics } from '../../src/http/metrics-routes.ts';
import { useTestRedis } from '../support/redis.ts';
import { serve, type Served } from '../support/serve.ts';

const ctx = useTestRedis();
let server: Served | undefined;
afterEach(async () => {
  await server?.close();
});

/** The connection, counting every command sent through it. */
function counting(redis: Redis): { redis: Redis; count: () => number } {
  let n = 0;
  const proxy = new Proxy(redis, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function' || typeof prop !== 'string' || !/^[a-z]+$/.test(prop) || ['on', 'once', 'emit', 'duplicate'].includes(prop)) return value;
      return (...args: unknown[]) => {
        n += 1;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { redis: proxy, count: () => n };
}

async function scrape(redis: Redis, prefix: string): Promise<string> {
  const metrics = createMetrics({ redis, prefix, queues: [], calls: createCallCounter({ redis, prefix }) });
  const app = express().use(metrics.router);
  server = await serve(app);
  const text = await (await fetch(`${server.url}/metrics`)).text();
  await server.close();
  server = undefined;
  return text;
}

describe('/metrics with many portals (issue 14.6)', () => {
  it('when 2,000 portals have called HubSpot, then a scrape reads Redis as often as with one, and no label names a portal', async () => {
    const counter = createCallCounter({ redis: ctx.redis, prefix: ctx.prefix });
    await counter.count('1', 'crm.companies.batch.read');
    const one = counting(ctx.redis);
    await scrape(one.redis, ctx.prefix);
    const pipeline = ctx.redis.pipeline();
    for (let p = 2; p <= 2000; p++) pipeline.hincrby(`${ctx.prefix}:calls-total`, 'crm.companies.batch.read', 1).zincrby(`${ctx.prefix}:calls-by-portal`, 1, String(p));
    await pipeline.exec();
    const many = counting(ctx.redis);
    const text = await scrape(many.redis, ctx.prefix);
    expect(one.count()).toBeGreaterThan(0);
    expect(many.count()).toBe(one.count());
    expect(text).toContain('kam_hubspot_calls{kind="crm.companies.batch.read"} 2000');
    expect(text).not.toMatch(/portal=/);
    expect(text.split('\n').filter((l) => l && !l.startsWith('#')).length).toBeLessThan(40);
  });
});
