// A full pass no longer holds the portal lock while it reads: a flush in the middle of it writes
// at once, the pass does not write its older figures over the flushed company, keeps the flushed
// inputs when it swaps its state in, and leaves the company marked so the next flush places it in
// the new state; after that flush every figure equals a from-scratch recompute.
import { describe, expect, it } from 'vitest';
import { flushPortal } from '../../jobs/flush-portal.ts';
import { portfolioPass, type UnderLock } from '../../jobs/portfolio-pass.ts';
import { DEFAULT_SETTINGS, scorePortfolio, toOutputProperties } from '../../src/model/index.ts';
import { dirtyCounts, emptyMarks, markDirty } from '../../src/store/dirty-marks.ts';
import { flushedDuringPassKey } from '../../src/store/flushed-during-pass.ts';
import { withPortalLock } from '../../src/store/portal-lock.ts';
import { PortfolioInputs } from '../../src/store/portfolio-inputs.ts';
import { useTestRedis } from '../support/redis.ts';
import { AS_OF, portalDeps, portfolioOf, seededCrm } from './portal-fixture.ts';

const PORTAL = '24681357';
const ctx = useTestRedis();

describe('a flush during a full pass', () => {
  it('when a company the pass already read changes and is flushed mid-pass, then its fresh figures stay, and after the next flush all figures are exact', async () => {
    const crm = seededCrm(250);
    await portfolioPass(portalDeps(ctx, crm));
    const underLock: UnderLock = (work) => withPortalLock(ctx.redis, ctx.prefix, PORTAL, work, { waitMs: 10_000 });
    const flushUnderLock = () => withPortalLock(ctx.redis, ctx.prefix, PORTAL, () => flushPortal(portalDeps(ctx, crm)));
    const changed = [...crm.companies.keys()][0]!;
    // A change the pass reads but no flush has written yet, so the pass has figures of its own to write.
    delete crm.companies.get(changed)!.kam_category_spend;
    crm.companies.get(changed)!.annualrevenue = '555555000';
    const pages = crm.pageCompanies.bind(crm);
    let pageCount = 0;
    let flushedWhileReading = false;
    crm.pageCompanies = async function* (properties) {
      for await (const page of pages(properties)) {
        yield page;
        // The first page (holding `changed`) has been read; now the company changes and is flushed.
        if (++pageCount === 1) {
          crm.companies.get(changed)!.annualrevenue = '987654000';
          await markDirty(ctx.redis, ctx.prefix, PORTAL, { ...emptyMarks(), companyIds: [changed] });
          await flushUnderLock();
          flushedWhileReading = true;
        }
      }
    };
    const flushedWallet = () => crm.companies.get(changed)?.kam_wallet;
    const outcome = await portfolioPass(portalDeps(ctx, crm), undefined, underLock);
    expect(flushedWhileReading).toBe(true);
    expect(outcome.flushedMeanwhile).toBe(1);
    // Written by the flush from the new revenue, and not overwritten by the pass's older read.
    expect(flushedWallet()).toBe(String(Math.round(987654000 * (DEFAULT_SETTINGS.walletFromRevenue.default ?? 0))));
    // The pass kept the flush's inputs, not its own older read.
    const stored = await new PortfolioInputs(ctx.redis, ctx.prefix, PORTAL).getMany([changed]);
    expect(stored.get(changed)?.properties.annualrevenue).toBe('987654000');
    expect((await dirtyCounts(ctx.redis, ctx.prefix, PORTAL)).companies).toBe(1);

    await flushUnderLock();
    const expected = scorePortfolio(portfolioOf(crm), DEFAULT_SETTINGS, AS_OF);
    for (const f of expected.accounts) {
      const { kam_scored_at: _a, ...want } = toOutputProperties(f, { scoredAt: AS_OF, modelVersion: 1 });
      const have = crm.companies.get(f.companyId)!;
      for (const [name, value] of Object.entries(want)) expect([f.companyId, name, have[name] ?? '']).toEqual([f.companyId, name, value]);
    }
  });

  it('when no pass runs, then a flush records nothing for one', async () => {
    const crm = seededCrm(20);
    await portfolioPass(portalDeps(ctx, crm));
    await markDirty(ctx.redis, ctx.prefix, PORTAL, { ...emptyMarks(), companyIds: [...crm.companies.keys()].slice(0, 3) });
    await flushPortal(portalDeps(ctx, crm));
    expect(await ctx.redis.exists(flushedDuringPassKey(ctx.prefix, PORTAL))).toBe(0);
  });
});
