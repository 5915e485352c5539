// §5: a company recomputed between passes gets exactly the rank, thresholds and key place a full
// pass would give it.
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildPortfolio, DEFAULT_SETTINGS, type PortfolioEntry } from '../../src/model/index.ts';
import { PortfolioState } from '../../src/store/portfolio-state.ts';
import { testRedis } from '../support/redis.ts';

let ctx: Awaited<ReturnType<typeof testRedis>>;
beforeEach(async () => {
  ctx = await testRedis();
});
afterEach(async () => ctx.cleanup());

const score = fc.oneof(fc.constantFrom(-6260, 0, 1000), fc.integer({ min: -1e6, max: 1e9 }));
const axis = fc.option(fc.double({ min: 1, max: 10, noNaN: true }), { nil: null });
const entryArb = (id: number): fc.Arbitrary<PortfolioEntry> =>
  fc.record({ priorityScore: score, attractiveness: axis, strength: axis, keyEligible: fc.boolean(), strategic: fc.boolean() })
    .map((r) => ({ ...r, companyId: String(id), wasKey: false }));
const portfolioArb = fc.integer({ min: 1, max: 40 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => entryArb(i * 7 + 1))));

describe('portfolio state in Redis', () => {
  it('when entries are upserted, updated and removed, then every context equals the full-pass one', async () => {
    const settings = { ...DEFAULT_SETTINGS, thresholds: { attractiveness: 'portfolio-average' as const, strength: 'portfolio-average' as const } };
    await fc.assert(
      fc.asyncProperty(portfolioArb, portfolioArb, async (first, second) => {
        const state = new PortfolioState(ctx.redis, ctx.prefix, String(Math.floor(Math.random() * 1e12)));
        await state.upsert(first);
        // Second round: the overlapping ids change, a third of the first ones leave the portfolio.
        const removed = first.filter((_, i) => i % 3 === 2).map((e) => e.companyId);
        await state.upsert(second);
        await state.remove(removed.filter((id) => !second.some((e) => e.companyId === id)));
        const final = new Map<string, PortfolioEntry>();
        for (const e of first) if (!removed.includes(e.companyId)) final.set(e.companyId, e);
        for (const e of second) final.set(e.companyId, e);
        const entries = [...final.values()];
        const expected = buildPortfolio(entries, settings);
        const actual = await state.contexts(entries, settings, () => false);
        for (const e of entries) {
          const got = actual.get(e.companyId);
          const want = expected.contextFor(e.companyId);
          expect(got?.priorityRank).toBe(want.priorityRank);
          expect(got?.keyPlace).toBe(want.keyPlace);
          expect(got?.portfolioSize).toBe(want.portfolioSize);
          expect(got?.thresholds.attractiveness).toBeCloseTo(want.thresholds.attractiveness, 9);
          expect(got?.thresholds.strength).toBeCloseTo(want.thresholds.strength, 9);
        }
        await state.clear();
      }),
      { numRuns: 40 },
    );
  });

  it('when a full pass replaces the state, then old members are gone and ranks follow the new entries', async () => {
    const state = new PortfolioState(ctx.redis, ctx.prefix, '42');
    const e = (id: string, s: number): PortfolioEntry => ({ companyId: id, priorityScore: s, attractiveness: 5, strength: null, keyEligible: false, strategic: false, wasKey: false });
    await state.upsert([e('1', 10), e('2', 20), e('3', 30)]);
    await state.replaceAll([e('2', 5), e('10', 50), e('9', 50)]);
    expect(await state.rankedIds()).toEqual(['9', '10', '2']);
    expect((await state.totals()).attractiveness).toEqual({ sum: 15, count: 3 });
  });
});
