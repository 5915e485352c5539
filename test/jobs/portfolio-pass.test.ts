import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { portfolioPass } from '../../jobs/portfolio-pass.ts';
import { DEFAULT_SETTINGS, scorePortfolio, toOutputProperties } from '../../src/model/index.ts';
import { PortfolioState } from '../../src/store/portfolio-state.ts';
import { testRedis } from '../support/redis.ts';
import { AS_OF, portalDeps, portfolioOf, seededCrm } from './portal-fixture.ts';

let ctx: Awaited<ReturnType<typeof testRedis>>;
beforeEach(async () => {
  ctx = await testRedis();
});
afterEach(async () => ctx.cleanup());

describe('portfolio pass', () => {
  it('when a 450-company portal is passed, then every company holds exactly the from-scratch figures', async () => {
    const crm = seededCrm(450);
    const progress: string[] = [];
    const outcome = await portfolioPass(portalDeps(ctx, crm), (p) => void progress.push(`${p.phase}:${p.companies}:${p.written}`));
    const expected = scorePortfolio(portfolioOf(crm), DEFAULT_SETTINGS, AS_OF);
    expect(outcome.companies).toBe(450);
    // 'auto' (the default) worked out by the pass from what it read, as the offline scorer does, and held for flushes.
    expect(outcome.profitTarget).toEqual(expected.profitTarget);
    expect(outcome.profitTarget.source).toBe('auto');
    expect(await new PortfolioState(ctx.redis, ctx.prefix, '24681357').profitTarget()).toBe(expected.profitTarget.value);
    for (const f of expected.accounts) {
      const { kam_scored_at: _a, ...want } = toOutputProperties(f, { scoredAt: AS_OF, modelVersion: 1 });
      const have = crm.companies.get(f.companyId)!;
      for (const [name, value] of Object.entries(want)) expect([f.companyId, name, have[name] ?? '']).toEqual([f.companyId, name, value]);
    }
    expect(progress.at(-1)).toBe('done:450:450');
    // One account plan per key account (first scoring: only becoming key is news).
    expect(crm.tasks.filter((t) => t.subject.startsWith('Write the account plan')).length).toBe(expected.keyCount);
    // Calls: pages + deal reads + updates + task batches; each moves up to 100 records.
    expect(crm.calls['companies.page']).toBe(5);
    expect(crm.calls['companies.update']).toBe(5);
  });

  it('when the pass runs again on unchanged data, then it writes nothing and creates no task', async () => {
    const crm = seededCrm(120);
    await portfolioPass(portalDeps(ctx, crm));
    const tasks = crm.tasks.length;
    crm.calls = {};
    const again = await portfolioPass(portalDeps(ctx, crm, undefined, () => AS_OF.getTime() + 60_000));
    expect(again.updated).toBe(0);
    expect(crm.calls['companies.update']).toBeUndefined();
    expect(crm.tasks.length).toBe(tasks);
  });
});

describe('stored portfolio inputs', () => {
  it('when a pass ran, then scoring the stored inputs gives the figures written to HubSpot (what the portfolio page shows)', async () => {
    const { PortfolioInputs } = await import('../../src/store/portfolio-inputs.ts');
    const crm = seededCrm(150);
    await portfolioPass(portalDeps(ctx, crm));
    const stored = [];
    for await (const page of new PortfolioInputs(ctx.redis, ctx.prefix, '24681357').all()) stored.push(...page);
    expect(stored).toHaveLength(150);
    const fromStore = scorePortfolio(stored, DEFAULT_SETTINGS, AS_OF);
    for (const f of fromStore.accounts) {
      expect([f.companyId, crm.companies.get(f.companyId)?.kam_quadrant, crm.companies.get(f.companyId)?.kam_priority_rank])
        .toEqual([f.companyId, f.quadrant, String(f.priorityRank)]);
    }
  });
});
