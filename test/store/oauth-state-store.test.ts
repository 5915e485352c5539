import { beforeEach, describe, expect, it } from 'vitest';
import { createOAuthStateStore, OAUTH_STATE_TTL_MS } from '../../src/store/oauth-state-store.ts';
import { keysMatching } from '../support/redis-keys.ts';
import { useTestRedis } from '../support/redis.ts';

const SECRET = 'client-secret-for-state-tests';

describe('oauth state', () => {
  const ctx = useTestRedis();
  let t: number;
  const now = (): number => t;
  beforeEach(async () => {
    t = 1_795_327_000_000;
  });

  it('when 10,000 installs are started and never finished, then nothing is stored (R12)', async () => {
    const store = createOAuthStateStore({ redis: ctx.redis, prefix: ctx.prefix, secret: SECRET, now });
    for (let i = 0; i < 10_000; i++) await store.issue();
    expect(await keysMatching(ctx.redis, `${ctx.prefix}*`)).toEqual([]);
  });

  it('when a state is issued, then it is consumed exactly once, even by racing callbacks', async () => {
    const store = createOAuthStateStore({ redis: ctx.redis, prefix: ctx.prefix, secret: SECRET, now });
    const state = await store.issue();
    const results = await Promise.all([store.consume(state), store.consume(state), store.consume(state)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await store.consume(state)).toBe(false);
  });

  it('when a state is used, then what is stored expires once no state of its window can still be used', async () => {
    const store = createOAuthStateStore({ redis: ctx.redis, prefix: ctx.prefix, secret: SECRET, now });
    expect(await store.consume(await store.issue())).toBe(true);
    const [key] = await keysMatching(ctx.redis, `${ctx.prefix}*`);
    const ttl = await ctx.redis.pttl(key as string);
    expect(ttl).toBeGreaterThan(OAUTH_STATE_TTL_MS - 1000);
    expect(ttl).toBeLessThanOrEqual(2 * OAUTH_STATE_TTL_MS + 60_000);
  });

  it('when a state is forged, tampered, made up, signed with another secret or empty, then it is refused and nothing is written', async () => {
    const store = createOAuthStateStore({ redis: ctx.redis, prefix: ctx.prefix, secret: SECRET, now });
    const other = createOAuthStateStore({ redis: ctx.redis, prefix: ctx.prefix, secret: 'another-secret', now });
    const good = await store.issue();
    const [v, at, nonce, mac] = good.split('.');
    const tampered = [v, (parseInt(at as string, 36) + 1).toString(36), nonce, mac].join('.');
    for (const state of [tampered, 'made-up', '', await other.issue(), `${good}x`]) expect(await store.consume(state)).toBe(false);
    expect(await keysMatching(ctx.redis, `${ctx.prefix}*`)).toEqual([]);
  });

  it('when the time-to-live has passed, then the state is refused', async () => {
    const store = createOAuthStateStore({ redis: ctx.redis, prefix: ctx.prefix, secret: SECRET, now });
    const state = await store.issue();
    t += OAUTH_STATE_TTL_MS + 1;
    expect(await store.consume(state)).toBe(false);
  });

  it('when more states are used in one window than its cap, then the rest are refused and the set stops growing (R12)', async () => {
    const store = createOAuthStateStore({ redis: ctx.redis, prefix: ctx.prefix, secret: SECRET, now, maxUsedPerWindow: 50 });
    const states = await Promise.all(Array.from({ length: 80 }, () => store.issue()));
    const used = [];
    for (const s of states) used.push(await store.consume(s));
    expect(used.filter(Boolean)).toHaveLength(50);
    const [key] = await keysMatching(ctx.redis, `${ctx.prefix}*`);
    expect(await ctx.redis.scard(key as string)).toBe(50);
  });

  it('when there is no client secret, then no state can be issued or accepted', async () => {
    const store = createOAuthStateStore({ redis: ctx.redis, prefix: ctx.prefix, secret: undefined, now });
    await expect(store.issue()).rejects.toThrow(/no client secret/);
    expect(await store.consume('v1.abc.AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).toBe(false);
  });
});
