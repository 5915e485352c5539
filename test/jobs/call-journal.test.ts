// A flush that runs out of its portal's call budget gives its slot back (its client throws
// NoBudgetError before the call is spent) and, resumed with the journal it saved in its job, redoes
// its step without asking HubSpot anything twice, even when it stopped in the middle of a method
// that takes several calls: same calls in total and same figures as a flush that never stopped.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CallJournal, IN_SLOT_WAIT_MS, journaledCrm } from '../../jobs/call-journal.ts';
import { flushPortal } from '../../jobs/flush-portal.ts';
import { portfolioPass } from '../../jobs/portfolio-pass.ts';
import type { BatchedMethod, CrmPort } from '../../jobs/crm-port.ts';
import { HUBSPOT_CALL_SIZES } from '../../jobs/hubspot-crm.ts';
import { NoBudgetError } from '../../src/hubspot/rate-limiter.ts';
import { dirtyCounts, emptyMarks, markDirty } from '../../src/store/dirty-marks.ts';
import type { MemoryCrm } from '../support/memory-crm.ts';
import { testRedis } from '../support/redis.ts';
import { portalDeps, seededCrm } from './portal-fixture.ts';

const PORTAL = '24681357';
let ctx: Awaited<ReturnType<typeof testRedis>>;
let other: Awaited<ReturnType<typeof testRedis>>;
beforeEach(async () => {
  [ctx, other] = await Promise.all([testRedis(), testRedis()]);
});
afterEach(async () => Promise.all([ctx.cleanup(), other.cleanup()]));

/** A portal after its pass with 150 companies changed and marked (two rounds), in its own Redis prefix. */
async function changedPortal(c: typeof ctx): Promise<MemoryCrm> {
  const crm = seededCrm(150);
  await portfolioPass(portalDeps(c, crm));
  const ids = [...crm.companies.keys()];
  ids.forEach((id, i) => Object.assign(crm.companies.get(id)!, { annualrevenue: String(900_000_000 + i * 1000), kam_attr_relationship: '9' }));
  await markDirty(c.redis, c.prefix, PORTAL, { ...emptyMarks(), companyIds: ids });
  crm.calls = {};
  return crm;
}

/**
 * The port as a flush's HubSpot client behaves: HubSpot's call sizes, and each call takes one of
 * `budget.left`; with none left it throws NoBudgetError (a wait longer than a slot's) before calling.
 */
function budgeted(crm: MemoryCrm, budget: { left: number }): CrmPort {
  const port: CrmPort = { callSizes: HUBSPOT_CALL_SIZES, pageCompanies: (properties) => crm.pageCompanies(properties) } as CrmPort;
  for (const method of Object.keys(HUBSPOT_CALL_SIZES) as BatchedMethod[]) {
    const call = (crm[method] as (...args: unknown[]) => Promise<unknown>).bind(crm);
    (port as unknown as Record<string, unknown>)[method] = async (...args: unknown[]) => {
      if (budget.left <= 0) throw new NoBudgetError(PORTAL, IN_SLOT_WAIT_MS + 5000);
      budget.left -= 1;
      return call(...args);
    };
  }
  return port;
}

describe('call journal', () => {
  it('when a flush runs out of budget again and again and resumes from its saved journal, then it makes the same calls and writes the same figures as one that never stopped', async () => {
    const control = await changedPortal(other);
    await flushPortal({ ...portalDeps(other, control), crm: journaledCrm(budgeted(control, { left: Infinity }), new CallJournal()) });

    const crm = await changedPortal(ctx);
    let saved: unknown;
    let yields = 0;
    for (let run = 0; run < 50; run++) {
      // Two calls of budget per run, as a 2-calls-per-window portal has.
      const budget = { left: 2 };
      const journal = CallJournal.from(saved === undefined ? undefined : JSON.parse(JSON.stringify(saved)));
      const before = crm.totalCalls();
      try {
        await flushPortal({ ...portalDeps(ctx, crm), crm: journaledCrm(budgeted(crm, budget), journal) }, undefined, journal);
        break;
      } catch (err) {
        expect(err).toBeInstanceOf(NoBudgetError);
        expect((err as NoBudgetError).retryAfterMs).toBeGreaterThan(IN_SLOT_WAIT_MS);
        // The budget said no before the call: nothing past the two granted ones was spent.
        expect(crm.totalCalls() - before).toBeLessThanOrEqual(2);
        saved = journal.toJSON();
        yields += 1;
      }
    }
    expect(yields).toBeGreaterThan(2);
    expect(await dirtyCounts(ctx.redis, ctx.prefix, PORTAL)).toMatchObject({ companies: 0, deals: 0 });
    expect(crm.calls).toEqual(control.calls);
    expect([...crm.companies]).toEqual([...control.companies]);
  });

  it('when the budget runs out in the middle of a method that takes several calls, then the resumed method asks only for the batches it lacks', async () => {
    const crm = seededCrm(150);
    const dealIds = [...crm.deals.keys()].slice(0, 250);
    const journal = new CallJournal();
    const err = await journaledCrm(budgeted(crm, { left: 2 }), journal).readDeals(dealIds, ['amount']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NoBudgetError);
    expect(crm.calls['deals.read']).toBe(2);
    const resumed = CallJournal.from(JSON.parse(JSON.stringify(journal.toJSON())));
    const deals = await journaledCrm(budgeted(crm, { left: 1 }), resumed).readDeals(dealIds, ['amount']);
    expect(crm.calls['deals.read']).toBe(3);
    expect(deals).toEqual(await crm.readDeals(dealIds, ['amount']));
  });

  it('when a journal is saved and read back twice, then Maps, Sets and a write result holding a Map come back equal, and unchanged answers are saved as they were', async () => {
    const journal = new CallJournal();
    const answers = {
      map: new Map([['1', [{ id: '9', properties: { amount: '10', $map: null } }]]]),
      set: new Set(['a', 'b']),
      written: { created: new Map([['k', 't1']]), failed: [{ playKey: 'x', message: 'no' }] },
      records: [{ id: '1', properties: { name: 'Acme' } }],
    };
    for (const [key, value] of Object.entries(answers)) journal.put(key, value);
    const once = CallJournal.from(JSON.parse(JSON.stringify(journal.toJSON())));
    const twice = CallJournal.from(JSON.parse(JSON.stringify(once.toJSON())));
    for (const [key, value] of Object.entries(answers)) expect(twice.peek(key)).toEqual(value);
    expect(twice.toJSON()).toEqual(journal.toJSON());
  });

  it('when a write reports failures, then its answer is not kept, so the retry writes again', async () => {
    const journal = new CallJournal();
    let calls = 0;
    const failing = async () => ({ failed: [{ id: '1', message: 'boom' }], n: ++calls });
    await journal.once('w', failing, (r) => r.failed.length === 0);
    await journal.once('w', failing, (r) => r.failed.length === 0);
    expect(calls).toBe(2);
    const kept = await journal.once('r', async () => new Map([['a', ['1', '2']]]));
    expect(CallJournal.from(JSON.parse(JSON.stringify(journal.toJSON()))).has('r')).toBe(true);
    expect(await CallJournal.from(journal.toJSON()).once('r', async () => new Map())).toEqual(kept);
  });
});
