import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/model/index.ts';
import { SettingsStore } from '../../src/store/settings-store.ts';
import { testRedis } from '../support/redis.ts';

let ctx: Awaited<ReturnType<typeof testRedis>>;
beforeEach(async () => {
  ctx = await testRedis();
});
afterEach(async () => ctx.cleanup());

describe('settings store', () => {
  it('when a portal has no settings, then the defaults at version 1', async () => {
    expect(await new SettingsStore(ctx.redis, ctx.prefix).get('7')).toEqual({ settings: DEFAULT_SETTINGS, version: 1 });
  });

  it('when valid settings are saved twice, then they are read back and the version goes 2, 3', async () => {
    const store = new SettingsStore(ctx.redis, ctx.prefix);
    const first = await store.save('7', { profitTarget: 50_000 });
    const second = await store.save('7', { profitTarget: 60_000 });
    expect(first.ok && first.stored.version).toBe(2);
    expect(second.ok && second.stored.version).toBe(3);
    expect((await store.get('7')).settings.profitTarget).toBe(60_000);
  });

  it('when bad settings are saved, then every problem is named and the old settings stay', async () => {
    const store = new SettingsStore(ctx.redis, ctx.prefix);
    await store.save('7', { profitTarget: 50_000 });
    const result = await store.save('7', { profitTarget: -1, keyAccountCapacity: 'many' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems).toHaveLength(2);
    expect(await store.get('7')).toMatchObject({ settings: { profitTarget: 50_000 }, version: 2 });
  });
});
