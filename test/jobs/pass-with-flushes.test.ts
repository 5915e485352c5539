// A full pass no longer holds the portal lock while it reads: a flush in the middle of it writes
// at once, the pass does not write its older figures over the flushed company, keeps the flushed
// inputs when it swaps its state in, and leaves the company marked so the next flush places it in
// the new state; after that flush every figure equals a from-scratch recompute.
import { describe, expect, it } from 'vitest';
import { flushPortal } from '../../jobs/flush-portal.ts';
import { portfolioPass, type UnderLock } from '../../jobs/portfolio-pass.ts';
import { DEFAULT_SETTINGS, scorePortfolio, toOutputProperties } from '../../src/model/index.ts';
import { dirtyCounts, emptyMarks, markDirty, readDirty } from '../../src/store/dirty-marks.ts';
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

  it('when a pass runs, then a flush takes a changed company\'s links from what it stored (two calls a round), still reads those of a company a new deal marked, and after the pass both are flushed again and exact', async () => {
    const crm = seededCrm(250);
    await portfolioPass(portalDeps(ctx, crm));
    const underLock: UnderLock = (work) => withPortalLock(ctx.redis, ctx.prefix, PORTAL, work, { waitMs: 10_000 });
    const flushUnderLock = () => withPortalLock(ctx.redis, ctx.prefix, PORTAL, () => flushPortal(portalDeps(ctx, crm)));
    const [changed, gainsDeal] = [...crm.companies.keys()].slice(0, 2) as [string, string];
    const pages = crm.pageCompanies.bind(crm);
    let pageCount = 0;
    const callsOf = { changed: {} as Record<string, number>, gainsDeal: {} as Record<string, number> };
    const flushCounting = async (into: Record<string, number>): Promise<void> => {
      const before = { ...crm.calls };
      await flushUnderLock();
      for (const [kind, n] of Object.entries(crm.calls)) if (n !== (before[kind] ?? 0)) into[kind] = n - (before[kind] ?? 0);
    };
    crm.pageCompanies = async function* (properties) {
      for await (const page of pages(properties)) {
        yield page;
        if (++pageCount !== 1) continue;
        // A property change: read the company, write it; its deals and parent as stored.
        crm.companies.get(changed)!.annualrevenue = '987654000';
        await markDirty(ctx.redis, ctx.prefix, PORTAL, { ...emptyMarks(), companyIds: [changed] });
        await flushCounting(callsOf.changed);
        // A new won deal on another company: the deal event marks it, and its deal links are read.
        crm.deals.set('999001', { amount: '4000000', closedate: '2026-11-01T00:00:00.000Z', dealstage: 'closedwon', hs_is_closed_won: 'true', hs_is_closed: 'true', hs_deal_stage_probability: '1', pipeline: 'default' });
        crm.link('999001', gainsDeal);
        await markDirty(ctx.redis, ctx.prefix, PORTAL, { ...emptyMarks(), dealIds: ['999001'] });
        await flushCounting(callsOf.gainsDeal);
      }
    };
    await portfolioPass(portalDeps(ctx, crm), undefined, underLock);
    expect(callsOf.changed).toEqual({ 'companies.read': 1, 'companies.update': 1 });
    // The deal resolved to its company, then the company's links read: its deals and its parent.
    expect(callsOf.gainsDeal['associations.read']).toBe(3);
    const stored = await new PortfolioInputs(ctx.redis, ctx.prefix, PORTAL).getMany([gainsDeal]);
    expect(stored.get(gainsDeal)?.deals?.map((d) => d.id)).toContain('999001');

    // After the pass the two are flushed again, links read: their figures are a from-scratch
    // recompute's (the explanation aside: it quotes the portfolio's averages, which the others'
    // written figures catch up with at the next pass).
    const marked = (await readDirty(ctx.redis, ctx.prefix, PORTAL, 100)).companies.map((c) => c.id);
    expect(marked).toEqual(expect.arrayContaining([changed, gainsDeal]));
    await flushUnderLock();
    const expected = scorePortfolio(portfolioOf(crm), DEFAULT_SETTINGS, AS_OF);
    for (const f of expected.accounts.filter((a) => a.companyId === changed || a.companyId === gainsDeal)) {
      const { kam_scored_at: _a, kam_explanation: _e, ...want } = toOutputProperties(f, { scoredAt: AS_OF, modelVersion: 1 });
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
