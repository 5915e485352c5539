import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { portfolioPass } from '../../jobs/portfolio-pass.ts';
import { removePortalData } from '../../src/hubspot/remove-portal-data.ts';
import { emptyMarks, markDirty } from '../../src/store/dirty-marks.ts';
import { removePortalState } from '../../src/store/remove-portal-state.ts';
import { SettingsStore } from '../../src/store/settings-store.ts';
import { keysMatching } from '../support/redis-keys.ts';
import { testRedis } from '../support/redis.ts';
import { portalDeps, seededCrm } from '../jobs/portal-fixture.ts';
import { saveSettings } from '../support/save-settings.ts';

let ctx: Awaited<ReturnType<typeof testRedis>>;
beforeEach(async () => {
  ctx = await testRedis();
});
afterEach(async () => ctx.cleanup());

const keysOf = (pattern: string): Promise<string[]> => keysMatching(ctx.redis, pattern);

describe('portal removal', () => {
  it('when a scored portal is removed, then no key of it is left and other portals keep theirs', async () => {
    const crm = seededCrm(40);
    await portfolioPass(portalDeps(ctx, crm, '111'));
    await portfolioPass(portalDeps(ctx, seededCrm(10, 9), '222'));
    await saveSettings(new SettingsStore(ctx.redis, ctx.prefix), '111', { profitTarget: 1 });
    await markDirty(ctx.redis, ctx.prefix, '111', { ...emptyMarks(), companyIds: ['1001'], dealIds: ['x'] });
    await markDirty(ctx.redis, ctx.prefix, '111', { ...emptyMarks(), retiredCompanyIds: ['1002'] });
    const before = await keysOf(`${ctx.prefix}:*111*`);
    expect(before.length).toBeGreaterThan(5);

    await removePortalData({ redis: ctx.redis, prefix: ctx.prefix }, '111');
    await removePortalState(ctx.redis, ctx.prefix, '111');
    expect(await keysOf(`${ctx.prefix}:*111*`)).toEqual([]);
    expect(await ctx.redis.smembers(`${ctx.prefix}:dirty-portals`)).not.toContain('111');
    expect((await keysOf(`${ctx.prefix}:*222*`)).length).toBeGreaterThan(0);
  });
});
