import { describe, expect, it } from 'vitest';
import { createPortalStore } from '../../src/store/portal-store.ts';
import { createInstalledCheck } from '../../webhooks/installed-portals.ts';
import { useTestRedis } from '../support/redis.ts';

const ctx = useTestRedis();

describe('installed check at the door', () => {
  it('when a portal installs right after it was found not installed, then the next batch sees it (a "no" is never remembered)', async () => {
    let t = 0;
    const check = createInstalledCheck({ redis: ctx.redis, prefix: ctx.prefix, ttlMs: 2000, now: () => t });
    expect(await check(['1', '2'])).toEqual([false, false]);
    await createPortalStore({ redis: ctx.redis, prefix: ctx.prefix }).markInstalled('2');
    t += 1;
    expect(await check(['1', '2'])).toEqual([false, true]);
  });

  it('when a portal uninstalls, then its "yes" is trusted only until the ttl runs out', async () => {
    let t = 0;
    const portals = createPortalStore({ redis: ctx.redis, prefix: ctx.prefix });
    await portals.markInstalled('3');
    const check = createInstalledCheck({ redis: ctx.redis, prefix: ctx.prefix, ttlMs: 2000, now: () => t });
    expect(await check(['3'])).toEqual([true]);
    await portals.markUninstalled('3', 'test');
    t += 1999;
    expect(await check(['3'])).toEqual([true]);
    t += 1;
    expect(await check(['3'])).toEqual([false]);
  });

  it('when more portals are remembered than the bound, then the memory starts afresh and answers stay right', async () => {
    const portals = createPortalStore({ redis: ctx.redis, prefix: ctx.prefix });
    const ids = Array.from({ length: 30 }, (_, i) => String(i + 1));
    for (const id of ids) await portals.markInstalled(id);
    const check = createInstalledCheck({ redis: ctx.redis, prefix: ctx.prefix, maxEntries: 10, now: () => 0 });
    for (let i = 0; i < 30; i += 5) expect(await check(ids.slice(i, i + 5))).toEqual([true, true, true, true, true]);
    // A batch mixing remembered portals with new ones that overflow the memory: every answer still right.
    expect(await check([...ids.slice(25, 30), ...ids.slice(0, 8), '999'])).toEqual([...Array(13).fill(true), false]);
    expect(await check(['999'])).toEqual([false]);
  });
});
