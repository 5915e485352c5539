import { describe, expect, it } from 'vitest';
import { MODEL_GENERATION, portfolioPass } from '../../jobs/portfolio-pass.ts';
import { DEFAULT_SETTINGS, scorePortfolio, toOutputProperties } from '../../src/model/index.ts';
import { portalKeys } from '../../src/store/portal-keys.ts';
import { PortfolioState } from '../../src/store/portfolio-state.ts';
import { useTestRedis } from '../support/redis.ts';
import { saveSettings } from '../support/save-settings.ts';
import { AS_OF, portalDeps, portfolioOf, seededCrm } from './portal-fixture.ts';

const ctx = useTestRedis();

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

describe('the first pass of a new model generation', () => {
  const PORTAL = '24681357';
  const plansFor = (crm: ReturnType<typeof seededCrm>): string[] => crm.tasks.filter((t) => t.subject.startsWith('Write the account plan')).map((t) => t.subject);
  /** The previous model: a fixed target (high, so that few were key), and a portfolio state that holds neither a target nor a generation. */
  async function scoredByThePreviousModel() {
    const crm = seededCrm(300);
    const settings = new (await import('../../src/store/settings-store.ts')).SettingsStore(ctx.redis, ctx.prefix);
    await saveSettings(settings, PORTAL, { profitTarget: 5_000_000 });
    await portfolioPass(portalDeps(ctx, crm));
    await ctx.redis.hdel(portalKeys(ctx.prefix, PORTAL).portfolio.totals, 'profitTarget', 'modelGeneration');
    return { crm, settings };
  }

  it('when a portal scored by the previous model (a fixed target, none held) gets its first pass with the auto target, then the key list changes without a wave of tasks, and the next pass fires plays again', async () => {
    const { crm, settings } = await scoredByThePreviousModel();
    const keyBefore = new Set([...crm.companies].filter(([, p]) => p.kam_category === 'key').map(([id]) => id));
    const plansBefore = plansFor(crm).length;

    await saveSettings(settings, PORTAL, {});
    const upgrade = await portfolioPass(portalDeps(ctx, crm, PORTAL, () => AS_OF.getTime() + 60_000));
    expect(upgrade.profitTarget.source).toBe('auto');
    const becameKey = [...crm.companies].filter(([id, p]) => p.kam_category === 'key' && !keyBefore.has(id));
    expect(becameKey.length).toBeGreaterThan(0);
    expect(plansFor(crm).length).toBe(plansBefore);

    // A company that becomes key after the upgrade gets its account plan as before.
    const [promotedId] = [...crm.companies].find(([, p]) => p.kam_category === 'normal' && p.kam_is_key_account !== 'true')!;
    crm.deals.set('990001', { amount: '900000000', closedate: '2026-10-01T00:00:00Z', hs_is_closed_won: 'true', hs_is_closed: 'true', dealstage: 'closedwon' });
    crm.link('990001', promotedId);
    await portfolioPass(portalDeps(ctx, crm, PORTAL, () => AS_OF.getTime() + 120_000));
    expect(crm.companies.get(promotedId)?.kam_category).toBe('key');
    expect(plansFor(crm).length).toBe(plansBefore + 1);
  });

  it('when that first pass fails after its swap and is retried, then the retry is as quiet as the first try', async () => {
    const { crm, settings } = await scoredByThePreviousModel();
    const plansBefore = plansFor(crm).length;

    await saveSettings(settings, PORTAL, {});
    // The first write batch fails: the new state (and its 'auto' target) is in, nothing written.
    const update = crm.updateCompanies.bind(crm);
    crm.updateCompanies = async () => {
      crm.updateCompanies = update;
      throw new Error('connection reset');
    };
    await expect(portfolioPass(portalDeps(ctx, crm, PORTAL, () => AS_OF.getTime() + 60_000))).rejects.toThrow('connection reset');
    expect(await new PortfolioState(ctx.redis, ctx.prefix, PORTAL).profitTarget()).not.toBeNull();

    const retry = await portfolioPass(portalDeps(ctx, crm, PORTAL, () => AS_OF.getTime() + 90_000));
    expect(retry.updated).toBeGreaterThan(0);
    expect(plansFor(crm).length).toBe(plansBefore);
    // Once written in full, the next pass is an ordinary one (its generation recorded).
    expect(await new PortfolioState(ctx.redis, ctx.prefix, PORTAL).modelGeneration()).toBe(MODEL_GENERATION);
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
