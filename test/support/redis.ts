// A real Redis connection for a test, with a key prefix of its own so tests never collide.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, beforeEach, inject } from 'vitest';
import { deleteKeysMatching } from './redis-keys.ts';

export function testRedisUrl(): string {
  return inject('redisUrl');
}

/** A fresh connection and a unique prefix; `cleanup` deletes every key under the prefix. */
export async function testRedis(): Promise<{ redis: Redis; prefix: string; cleanup: () => Promise<void> }> {
  const redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: 1 });
  const prefix = `kamtest-${randomUUID().slice(0, 8)}`;
  const cleanup = async (): Promise<void> => {
    await deleteKeysMatching(redis, `*${prefix}*`);
    redis.disconnect();
  };
  return { redis, prefix, cleanup };
}

export type TestRedis = Awaited<ReturnType<typeof testRedis>>;

/**
 * For a test file or describe block: a fresh connection and prefix before each test, its keys
 * deleted after it. Read `ctx.redis` and `ctx.prefix` inside the tests (they change per test).
 */
export function useTestRedis(): TestRedis {
  const ctx = {} as TestRedis;
  beforeEach(async () => {
    Object.assign(ctx, await testRedis());
  });
  afterEach(async () => ctx.cleanup());
  return ctx;
}
