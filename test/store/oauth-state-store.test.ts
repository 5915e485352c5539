import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { createOAuthStateStore, oauthStateKey } from '../../src/store/oauth-state-store.ts';
import { testRedis } from '../support/redis.ts';

describe('oauth state store', () => {
  let redis: Redis;
  let prefix: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ redis, prefix, cleanup } = await testRedis()));
  afterEach(async () => cleanup());

  it('when a state is issued, then it is consumed exactly once', async () => {
    const store = createOAuthStateStore({ redis, prefix });
    const state = await store.issue();
    expect(state.length).toBeGreaterThanOrEqual(32);
    const results = await Promise.all([store.consume(state), store.consume(state), store.consume(state)]);
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('when a state is issued, then only its hash is stored, with a TTL of at most ten minutes', async () => {
    const store = createOAuthStateStore({ redis, prefix });
    const state = await store.issue();
    const keys = await redis.keys(`${prefix}*`);
    expect(keys).toEqual([oauthStateKey(prefix, state)]);
    expect(keys[0]).not.toContain(state);
    const ttl = await redis.pttl(keys[0] as string);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(10 * 60 * 1000);
  });

  it('when a state was never issued or is empty, then it is refused', async () => {
    const store = createOAuthStateStore({ redis, prefix });
    expect(await store.consume('made-up')).toBe(false);
    expect(await store.consume('')).toBe(false);
  });

  it('when the TTL has passed, then the state is refused', async () => {
    const store = createOAuthStateStore({ redis, prefix, ttlMs: 1 });
    const state = await store.issue();
    while ((await redis.exists(oauthStateKey(prefix, state))) === 1) await new Promise((r) => setTimeout(r, 5));
    expect(await store.consume(state)).toBe(false);
  });
});
