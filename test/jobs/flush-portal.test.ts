import { describe, expect, it } from 'vitest';
import { flushPortal } from '../../jobs/flush-portal.ts';
import { portfolioPass } from '../../jobs/portfolio-pass.ts';
import { DEFAULT_SETTINGS, scoreCompany, withProfitTarget, type CompanyInput } from '../../src/model/index.ts';
import { dirtyCounts, emptyMarks, markDirty } from '../../src/store/dirty-marks.ts';
import { portalKeys } from '../../src/store/portal-keys.ts';
import { PortfolioInputs } from '../../src/store/portfolio-inputs.ts';
import { PortfolioState } from '../../src/store/portfolio-state.ts';
import { useTestRedis } from '../support/redis.ts';
import { AS_OF, portalDeps, portfolioOf, seededCrm } from './portal-fixture.ts';
import { saveSettings } from '../support/save-settings.ts';

const ctx = useTestRedis();

const PORTAL = '24681357';
const mark = (part: Partial<ReturnType<typeof emptyMarks>>) => markDirty(ctx.redis, ctx.prefix, PORTAL, { ...emptyMarks(), ...part });
/** A from-scratch score with the profit target the last pass worked out for 'auto' (the flush holds it). */
async function scoredLikeTheFlush(): Promise<(c: CompanyInput) => ReturnType<typeof scoreCompany>> {
  const target = await new PortfolioState(ctx.redis, ctx.prefix, PORTAL).profitTarget();
  expect(target).not.toBeNull();
  const settings = withProfitTarget(DEFAULT_SETTINGS, target!);
  return (c) => scoreCompany(c, settings, AS_OF);
}

describe('flush', () => {
  it('when a burst marks 300 companies 3,000 times over, then each is recomputed once in batches of 100', async () => {
    const crm = seededCrm(300);
    await portfolioPass(portalDeps(ctx, crm));
    crm.calls = {};
    const ids = [...crm.companies.keys()];
    // Every company really changed (a closer relationship: attractiveness and explanation move), so
    // every one is written; priorities, and so the key list, stay as they were.
    for (const c of crm.companies.values()) c.kam_attr_relationship = '9';
    for (let i = 0; i < 30; i++) await mark({ companyIds: ids.slice((i * 10) % 300).concat(ids.slice(0, (i * 10) % 300)).slice(0, 100) });
    for (let i = 0; i < 30; i++) await mark({ companyIds: ids });
    const outcome = await flushPortal(portalDeps(ctx, crm));
    expect(outcome.recomputed).toBe(300);
    expect(crm.calls['companies.read']).toBe(3);
    expect(crm.calls['companies.update']).toBe(3);
    expect(await dirtyCounts(ctx.redis, ctx.prefix, PORTAL)).toMatchObject({ companies: 0, deals: 0 });
    // The portfolio-independent figures equal a from-scratch score of the same data.
    const score = await scoredLikeTheFlush();
    for (const c of portfolioOf(crm)) {
      const s = score(c);
      expect(crm.companies.get(c.id)?.kam_expected_profit).toBe(String(Math.round(s.expectedProfit)));
    }
  });

  it('when deals change, then their companies are resolved in the job and recomputed', async () => {
    const crm = seededCrm(50);
    await portfolioPass(portalDeps(ctx, crm));
    const [dealId, companies] = [...crm.links].find(([, cs]) => cs.size > 0)!;
    const companyId = [...companies][0]!;
    crm.deals.get(dealId)!.amount = '99000000';
    Object.assign(crm.deals.get(dealId)!, { hs_is_closed_won: 'true', hs_is_closed: 'true', closedate: '2026-11-01T00:00:00Z' });
    crm.calls = {};
    await mark({ dealIds: [dealId] });
    const outcome = await flushPortal(portalDeps(ctx, crm));
    expect(outcome.recomputed).toBe(companies.size);
    expect(Number(crm.companies.get(companyId)?.kam_expected_revenue)).toBeGreaterThanOrEqual(99_000_000);
  });

  it('when a deal is deleted, then the learned map still reaches its company, which is recomputed without it', async () => {
    const crm = seededCrm(50);
    // A company with an entered wallet and two deals won within the window, at the 25 % margin.
    const companyId = '990001';
    crm.companies.set(companyId, { name: 'Deleted Deal Co', kam_category_spend: '1000000', kam_addressable_pct: '50' });
    const won = (amount: string, closedate: string) => ({ amount, closedate, hs_is_closed_won: 'true', hs_is_closed: 'true', kam_gross_margin_pct: '25' });
    crm.deals.set('990101', won('60000', '2026-06-01T00:00:00Z'));
    crm.deals.set('990102', won('40000', '2026-09-01T00:00:00Z'));
    crm.link('990101', companyId);
    crm.link('990102', companyId);
    await portfolioPass(portalDeps(ctx, crm));
    await mark({ companyIds: [companyId] });
    await flushPortal(portalDeps(ctx, crm)); // learns deal → company for this company
    // won = 60,000 + 40,000 = 100,000; share of wallet = 100,000 / 1,000,000 = 10 %;
    // potential = 1,000,000 × 50 % = 500,000; position = min(1, 100,000 / 500,000) = 0.2;
    // expected revenue = 500,000 × 0.2 = 100,000.
    expect(crm.companies.get(companyId)).toMatchObject({ kam_share_of_wallet: '10', kam_expected_revenue: '100000' });
    crm.deals.delete('990102');
    await mark({ deletedDealIds: ['990102'] });
    await flushPortal(portalDeps(ctx, crm));
    // won = 60,000; share of wallet = 60,000 / 1,000,000 = 6 %; position = 60,000 / 500,000 = 0.12;
    // expected revenue = 500,000 × 0.12 = 60,000. The wallet, entered, stays 1,000,000.
    expect(crm.companies.get(companyId)).toMatchObject({ kam_share_of_wallet: '6', kam_expected_revenue: '60000', kam_wallet: '1000000' });
  });

  it('when an event lands while a round is reading, then the company stays dirty, the flush leaves it to the next flush, which recomputes it', async () => {
    const crm = seededCrm(10);
    const ids = [...crm.companies.keys()];
    await mark({ companyIds: ids });
    const read = crm.readCompanies.bind(crm);
    let injected = false;
    crm.readCompanies = async (batch, props) => {
      const result = await read(batch, props);
      if (!injected) {
        injected = true;
        crm.companies.get(ids[0]!)!.kam_category_spend = '55000000';
        await mark({ companyIds: [ids[0]!] });
      }
      return result;
    };
    const outcome = await flushPortal(portalDeps(ctx, crm));
    // A partial round ends the flush: the late mark waits for the next one and its coalescing delay.
    expect(outcome).toMatchObject({ rounds: 1, recomputed: 10, remaining: 1 });
    expect((await dirtyCounts(ctx.redis, ctx.prefix, PORTAL)).companies).toBe(1);
    expect(crm.companies.get(ids[0]!)?.kam_wallet).not.toBe('55000000');
    const next = await flushPortal(portalDeps(ctx, crm));
    expect(next).toMatchObject({ rounds: 1, recomputed: 1, remaining: 0 });
    expect(crm.companies.get(ids[0]!)?.kam_wallet).toBe('55000000');
  });

  it('when a company is retired (merged or deleted), then HubSpot is asked once and, as it no longer has it, it leaves the portfolio', async () => {
    const crm = seededCrm(20);
    await portfolioPass(portalDeps(ctx, crm));
    const gone = [...crm.companies.keys()][3]!;
    crm.companies.delete(gone);
    crm.calls = {};
    await mark({ retiredCompanyIds: [gone] });
    await mark({ companyIds: [gone] }); // a late event for the retired id is ignored
    await flushPortal(portalDeps(ctx, crm));
    expect(crm.calls['companies.read']).toBe(1);
    // Its links are not asked for beside it, as a company's are: HubSpot has a deleted one no more.
    expect(crm.calls['associations.read']).toBeUndefined();
    expect(crm.calls['companies.update']).toBeUndefined();
    const { PortfolioState } = await import('../../src/store/portfolio-state.ts');
    expect(await new PortfolioState(ctx.redis, ctx.prefix, PORTAL).rankedIds()).not.toContain(gone);
  });

  it('when a deletion arrives after the restore that undid it, then the company HubSpot still has stays in the portfolio, recomputed (R5)', async () => {
    const crm = seededCrm(20);
    await portfolioPass(portalDeps(ctx, crm));
    const restored = [...crm.companies.keys()][5]!;
    crm.companies.get(restored)!.kam_category_spend = '77000000';
    await mark({ restoredCompanyIds: [restored] });
    await mark({ retiredCompanyIds: [restored] }); // the late deletion event
    await flushPortal(portalDeps(ctx, crm));
    const { PortfolioState } = await import('../../src/store/portfolio-state.ts');
    expect(await new PortfolioState(ctx.redis, ctx.prefix, PORTAL).rankedIds()).toContain(restored);
    expect(crm.companies.get(restored)?.kam_wallet).toBe('77000000');
    expect(await dirtyCounts(ctx.redis, ctx.prefix, PORTAL)).toMatchObject({ companies: 0, retiredCompanies: 0 });
  });

  it('when a deletion arrives after the restore that undid it, then the company\'s deals and parent are read as HubSpot has them', async () => {
    const crm = seededCrm(20);
    await portfolioPass(portalDeps(ctx, crm));
    const [parent, restored] = [[...crm.companies.keys()][4]!, [...crm.companies.keys()][5]!];
    crm.parents.set(restored, parent);
    const dealIds = [...crm.links].filter(([, companies]) => companies.has(restored)).map(([dealId]) => dealId).sort();
    expect(dealIds.length).toBeGreaterThan(0);
    await mark({ restoredCompanyIds: [restored] });
    await mark({ retiredCompanyIds: [restored] }); // the late deletion event
    await flushPortal(portalDeps(ctx, crm));
    // Asked for once HubSpot turned out to have it (a company's links are otherwise asked beside it).
    const inputs = (await new PortfolioInputs(ctx.redis, ctx.prefix, PORTAL).getMany([restored])).get(restored);
    expect(inputs?.parentId).toBe(parent);
    expect(inputs?.deals?.map((d) => d.id).sort()).toEqual(dealIds);
  });
});

describe('plays across crashes', () => {
  it('when task creation dies after HubSpot created the tasks, then the retry finds them and creates no duplicate', async () => {
    const crm = seededCrm(200);
    crm.crashAfterCreate = true;
    await expect(portfolioPass(portalDeps(ctx, crm))).rejects.toThrow('connection reset');
    const afterCrash = crm.tasks.length;
    expect(afterCrash).toBeGreaterThan(0);
    await portfolioPass(portalDeps(ctx, crm));
    const keys = crm.tasks.map((t) => `${t.companyId}:${t.subject}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(crm.calls['tasks.search']).toBeGreaterThanOrEqual(1);
  });

  it('when HubSpot refuses one company’s task, then that company is reported failed and keeps its old properties, so the next pass creates its task', async () => {
    const crm = seededCrm(120);
    const create = crm.createTasks.bind(crm);
    let refused: string | undefined;
    crm.createTasks = async (tasks) => {
      refused ??= tasks[0]!.companyId;
      const outcome = await create(tasks.filter((t) => t.companyId !== refused));
      return { ...outcome, failed: tasks.filter((t) => t.companyId === refused).map((t) => ({ playKey: t.playKey, message: 'VALIDATION_ERROR' })) };
    };
    const outcome = await portfolioPass(portalDeps(ctx, crm));
    expect(refused).toBeDefined();
    expect(outcome.failedIds).toEqual([refused]);
    expect(crm.companies.get(refused!)?.kam_category).toBeUndefined();
    expect(crm.tasks.filter((t) => t.companyId === refused)).toEqual([]);
    crm.createTasks = create;
    await portfolioPass(portalDeps(ctx, crm));
    expect(crm.companies.get(refused!)?.kam_category).toBe('key');
    expect(crm.tasks.filter((t) => t.companyId === refused).map((t) => t.subject)).toContainEqual(expect.stringMatching(/^Write the account plan for /));
  });

  it('when a key account’s plan task is completed and the plan is due again, then a new task is created; while one is open, none', async () => {
    const crm = seededCrm(120);
    await portfolioPass(portalDeps(ctx, crm));
    const plans = () => crm.tasks.filter((t) => t.subject.startsWith('Write the account plan for '));
    const [done, open] = plans();
    expect(open).toBeDefined();
    done!.status = 'COMPLETED';
    // Both were written as key; written as 'normal' instead, the next pass sees them become key
    // again, and the account plan is due again for both.
    for (const t of [done!, open!]) crm.companies.get(t.companyId)!.kam_category = 'normal';
    await portfolioPass(portalDeps(ctx, crm));
    const plansOf = (companyId: string) => plans().filter((t) => t.companyId === companyId);
    expect(plansOf(done!.companyId).map((t) => t.status)).toEqual(['COMPLETED', 'NOT_STARTED']);
    expect(plansOf(open!.companyId).map((t) => t.status)).toEqual(['NOT_STARTED']);
    // At most one open task per company and play (a play's subject names its company), across the portal.
    const openKeys = crm.tasks.filter((t) => t.status !== 'COMPLETED').map((t) => `${t.companyId}:${t.subject}`);
    expect(new Set(openKeys).size).toBe(openKeys.length);
  });
});

describe('key capacity between passes', () => {
  it('when a flush brings new accounts onto a full key list, then the displaced ones leave it in the same flush', async () => {
    const crm = seededCrm(200);
    const deps = portalDeps(ctx, crm);
    // Strategic accounts take places first; leave three places for the largest other accounts.
    await portfolioPass(deps);
    const strategicKeys = [...crm.companies.values()].filter((c) => c.kam_is_key_account === 'true' && c.kam_strategic === 'true').length;
    const capacity = strategicKeys + 3;
    await saveSettings(deps.settings, PORTAL, { keyAccountCapacity: capacity });
    await portfolioPass(deps);
    const keyCount = () => [...crm.companies.values()].filter((c) => c.kam_is_key_account === 'true').length;
    expect(keyCount()).toBe(capacity);
    // Two small customers become large and strategic-free key candidates at the top of the list.
    const risers = [...crm.companies].filter(([, c]) => c.kam_category === 'normal').slice(0, 2).map(([id]) => id);
    for (const id of risers) Object.assign(crm.companies.get(id)!, { kam_category_spend: '900000000', kam_target_share_pct: '60' });
    await mark({ companyIds: risers });
    await flushPortal(deps);
    expect(risers.map((id) => crm.companies.get(id)?.kam_category)).toEqual(['key', 'key']);
    expect(keyCount()).toBe(capacity);
  });
});

describe('deal reads', () => {
  it('when 500 deals with no company change, then the stale-deals set stays empty after the flush (R12)', async () => {
    const crm = seededCrm(20);
    await portfolioPass(portalDeps(ctx, crm));
    const orphans = Array.from({ length: 500 }, (_, i) => `9${String(i).padStart(6, '0')}`);
    for (const id of orphans) crm.deals.set(id, { amount: '1000', dealstage: 'appointmentscheduled' });
    const [linked] = [...crm.links].find(([, cs]) => cs.size > 0)!;
    await mark({ dealIds: [...orphans, linked] });
    await flushPortal(portalDeps(ctx, crm));
    expect(await ctx.redis.scard(portalKeys(ctx.prefix, PORTAL).staleDeals)).toBe(0);
    expect(await dirtyCounts(ctx.redis, ctx.prefix, PORTAL)).toMatchObject({ companies: 0, deals: 0 });
  });

  it('when only companies changed, then no deal is read again and the figures still equal a from-scratch score', async () => {
    const crm = seededCrm(120);
    await portfolioPass(portalDeps(ctx, crm));
    crm.calls = {};
    const ids = [...crm.companies.keys()];
    for (const id of ids) crm.companies.get(id)!.kam_attr_relationship = '8';
    await mark({ companyIds: ids });
    await flushPortal(portalDeps(ctx, crm));
    expect(crm.calls['deals.read']).toBeUndefined();
    // Nor their links: no event said they changed, so they come from the stored inputs.
    expect(crm.calls['associations.read']).toBeUndefined();
    const score = await scoredLikeTheFlush();
    for (const c of portfolioOf(crm)) {
      const s = score(c);
      expect(crm.companies.get(c.id)?.kam_attractiveness).toBe(s.attractiveness.value === null ? undefined : String(Math.round(s.attractiveness.value * 100) / 100));
    }
  });

  it('when a deal is linked to a company, then the association event has the company\'s links read and the deal counts', async () => {
    const crm = seededCrm(30);
    await portfolioPass(portalDeps(ctx, crm));
    const id = [...crm.companies.keys()][7]!;
    crm.companies.get(id)!.kam_category_spend = '10000000';
    await mark({ companyIds: [id] });
    await flushPortal(portalDeps(ctx, crm));
    const before = Number(crm.companies.get(id)!.kam_share_of_wallet ?? 0);
    crm.deals.set('880001', { amount: '500000', closedate: '2026-10-01T00:00:00Z', hs_is_closed_won: 'true', hs_is_closed: 'true' });
    crm.link('880001', id);
    crm.calls = {};
    // What the webhook marks for DEAL_TO_COMPANY / COMPANY_TO_DEAL: the deal, and the company with its links to be read.
    await mark({ dealIds: ['880001'], linkCompanyIds: [id] });
    await flushPortal(portalDeps(ctx, crm));
    expect(crm.calls['associations.read']).toBeGreaterThan(0);
    // 500,000 more won against a wallet of 10,000,000: five points more share of wallet.
    expect(Number(crm.companies.get(id)!.kam_share_of_wallet)).toBeCloseTo(before + 5, 5);
    expect(await ctx.redis.scard(portalKeys(ctx.prefix, PORTAL).staleLinks)).toBe(0);
  });

  it('when a link changes again while the flush reads the links, then the company keeps its flag and the next flush reads them again', async () => {
    const crm = seededCrm(30);
    await portfolioPass(portalDeps(ctx, crm));
    const [id, parent] = [[...crm.companies.keys()][9]!, [...crm.companies.keys()][2]!];
    await mark({ linkCompanyIds: [id] });
    // The parent link is added while the first flush reads the links it had: an event the flush did not see.
    const parents = crm.companyParents.bind(crm);
    let during = true;
    crm.companyParents = async (ids) => {
      const answer = await parents(ids);
      if (during) {
        during = false;
        crm.parents.set(id, parent);
        await mark({ linkCompanyIds: [id] });
      }
      return answer;
    };
    const first = await flushPortal(portalDeps(ctx, crm));
    expect(first.remaining).toBe(1);
    expect(await ctx.redis.sismember(portalKeys(ctx.prefix, PORTAL).staleLinks, id)).toBe(1);
    await flushPortal(portalDeps(ctx, crm));
    const inputs = (await new PortfolioInputs(ctx.redis, ctx.prefix, PORTAL).getMany([id])).get(id);
    expect(inputs?.parentId).toBe(parent);
    expect(await ctx.redis.sismember(portalKeys(ctx.prefix, PORTAL).staleLinks, id)).toBe(0);
  });

  it('when a deal changed, then exactly that deal is read again, once, even if it belongs to companies in different rounds', async () => {
    const crm = seededCrm(250);
    await portfolioPass(portalDeps(ctx, crm));
    const ids = [...crm.companies.keys()];
    const [dealId] = [...crm.links].find(([, cs]) => cs.size > 0)!;
    // The deal is shared with a company far down the list, so the two are recomputed in different rounds.
    crm.link(dealId, ids.at(-1)!);
    await mark({ companyIds: ids.slice(0, 150) });
    await flushPortal(portalDeps(ctx, crm));
    crm.calls = {};
    crm.deals.get(dealId)!.amount = '4242000';
    await mark({ companyIds: ids.slice(0, 150), dealIds: [dealId] });
    const read = crm.readDeals.bind(crm);
    const dealsRead: string[] = [];
    crm.readDeals = async (batch, props) => {
      dealsRead.push(...batch);
      return read(batch, props);
    };
    await flushPortal(portalDeps(ctx, crm));
    expect(dealsRead.filter((d) => d === dealId).length).toBeGreaterThanOrEqual(1);
    expect(new Set(dealsRead)).toEqual(new Set([dealId]));
    const score = await scoredLikeTheFlush();
    for (const companyId of crm.links.get(dealId)!) {
      const c = portfolioOf(crm).find((x) => x.id === companyId)!;
      expect(crm.companies.get(companyId)?.kam_expected_revenue).toBe(String(Math.round(score(c).expectedRevenue)));
    }
  });
});
