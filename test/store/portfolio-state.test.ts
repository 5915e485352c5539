// §5: a company recomputed between passes gets exactly the rank, thresholds and key place a full
// pass would give it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPortfolio, DEFAULT_SETTINGS, type PortfolioEntry } from '../../src/model/index.ts';
import { portalKeys } from '../../src/store/portal-keys.ts';
import { PortfolioState } from '../../src/store/portfolio-state.ts';
import { useTestRedis } from '../support/redis.ts';

const ctx = useTestRedis();

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
      // Whatever the state's bucket count (sized by a pass for 0 to 20,000 companies, or unsized).
      fc.asyncProperty(portfolioArb, portfolioArb, fc.option(fc.integer({ min: 0, max: 20_000 }), { nil: null }), async (first, second, sizedFor) => {
        const state = new PortfolioState(ctx.redis, ctx.prefix, String(Math.floor(Math.random() * 1e12)));
        if (sizedFor !== null) await state.sizeFor(sizedFor);
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

  it('when a portal still has the one axes hash of the previous layout, then an upsert takes the old values out of the sums and drains it', async () => {
    const portalId = String(Math.floor(Math.random() * 1e12));
    const state = new PortfolioState(ctx.redis, ctx.prefix, portalId);
    const keys = portalKeys(ctx.prefix, portalId).portfolio;
    const e = (id: string, a: number | null, s: number | null): PortfolioEntry => ({ companyId: id, priorityScore: 10, attractiveness: a, strength: s, keyEligible: false, strategic: false, wasKey: false });
    // What the previous version wrote for companies 7 and 8: fields zero-padded ids, sums in totals.
    await ctx.redis.hset(keys.axes, '7'.padStart(20, '0'), '4|', '8'.padStart(20, '0'), '6|2');
    await ctx.redis.hset(keys.totals, 'attrSum', 10, 'attrCount', 2, 'strSum', 2, 'strCount', 1);
    await ctx.redis.zadd(keys.priority, -10, '7'.padStart(20, '0'), -10, '8'.padStart(20, '0'));
    await state.upsert([e('7', 9, 3)]);
    await state.remove(['8']);
    expect(await state.totals()).toEqual({ attractiveness: { sum: 9, count: 1 }, strength: { sum: 3, count: 1 }, size: 1 });
    expect(await ctx.redis.exists(keys.axes)).toBe(0);
    // Upserted again: the old values now come from its bucket, still counted once.
    await state.upsert([e('7', 5, null)]);
    expect(await state.totals()).toEqual({ attractiveness: { sum: 5, count: 1 }, strength: { sum: 0, count: 0 }, size: 1 });
    await state.clear();
  });

  it('when a full pass replaces the state of a 100-company portal, then its axes sit in 2 buckets and stay exact through later changes', async () => {
    const portalId = String(Math.floor(Math.random() * 1e12));
    const state = new PortfolioState(ctx.redis, ctx.prefix, portalId);
    const entry = (i: number, attractiveness: number): PortfolioEntry => ({ companyId: String(1001 + i), priorityScore: i, attractiveness, strength: 2, keyEligible: false, strategic: false, wasKey: false });
    // Written before states were sized: 256 buckets, about one company a key.
    await state.upsert(Array.from({ length: 100 }, (_, i) => entry(i, 4)));
    const buckets = portalKeys(ctx.prefix, portalId).portfolio.axesBuckets;
    const used = async (): Promise<number> => (await Promise.all(buckets.map((k) => ctx.redis.exists(k)))).filter(Boolean).length;
    expect(await used()).toBeGreaterThan(50);

    await state.replaceAll(Array.from({ length: 100 }, (_, i) => entry(i, 6)));
    expect(await used()).toBe(2);
    // A flush after the swap: company 1001 moves from 6 to 10, company 1002 leaves.
    await state.upsert([entry(0, 10)]);
    await state.remove(['1002']);
    expect(await used()).toBe(2);
    expect(await state.totals()).toEqual({ attractiveness: { sum: 6 * 98 + 10, count: 99 }, strength: { sum: 2 * 99, count: 99 }, size: 99 });
    await state.clear();
  });

  it('when a portal holds thousands of companies, then its axes buckets stay listpacks (the compact encoding)', async () => {
    const portalId = String(Math.floor(Math.random() * 1e12));
    const state = new PortfolioState(ctx.redis, ctx.prefix, portalId);
    await state.upsert(Array.from({ length: 5000 }, (_, i): PortfolioEntry => ({ companyId: String(1001 + i), priorityScore: i, attractiveness: 10 / 3, strength: 7 / 3, keyEligible: false, strategic: false, wasKey: false })));
    const encodings = new Set<unknown>();
    for (const key of portalKeys(ctx.prefix, portalId).portfolio.axesBuckets) encodings.add(await ctx.redis.call('OBJECT', 'ENCODING', key));
    expect([...encodings]).toEqual(['listpack']);
    await state.clear();
  });
});
