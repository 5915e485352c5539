import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/model/settings.ts';
import { measureCompany } from '../../src/model/score-company.ts';
import type { CompanyInput } from '../../src/model/types.ts';
import { generatePortfolio, mulberry32 } from '../../src/sandbox/generate-portfolio.ts';

const AS_OF = new Date('2026-11-22T00:00:00Z');
const MONTH_MS = 30.44 * 86_400_000;
const take = (n: number, options: Partial<Parameters<typeof generatePortfolio>[0]> = {}): CompanyInput[] => [
  ...generatePortfolio({ count: n, asOf: AS_OF, ...options }),
];
const won = (c: CompanyInput) => (c.deals ?? []).filter((d) => d.properties.hs_is_closed_won === 'true');
const share = (companies: CompanyInput[], test: (c: CompanyInput) => boolean) => companies.filter(test).length / companies.length;

describe('mulberry32', () => {
  it('when seeded the same, then it yields the same sequence in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(xs).size).toBeGreaterThan(990);
  });

  it('when seeded differently, then the sequences differ', () => {
    expect(mulberry32(1)()).not.toBe(mulberry32(2)());
  });
});

describe('generatePortfolio', () => {
  const portfolio = take(4000, { seed: 3 });

  it('when run twice with the same options, then it yields identical records', () => {
    expect(take(200, { seed: 9 })).toEqual(take(200, { seed: 9 }));
    expect(take(200, { seed: 10 })).not.toEqual(take(200, { seed: 9 }));
  });

  it('when asked for a huge portfolio, then it yields lazily without building it first', () => {
    const iterator = generatePortfolio({ count: 1e12, asOf: AS_OF });
    const first = [iterator.next(), iterator.next(), iterator.next()];
    expect(first.map((r) => r.done)).toEqual([false, false, false]);
    expect(first.map((r) => r.value?.id)).toEqual(['1001', '1002', '1003']);
  });

  it('when generated, then every record has HubSpot API shape: string ids and string-or-null values', () => {
    const ids = new Set<string>();
    for (const c of portfolio) {
      for (const record of [c, ...(c.deals ?? [])]) {
        expect(typeof record.id).toBe('string');
        expect(Object.values(record.properties).every((v) => v === null || typeof v === 'string')).toBe(true);
      }
      ids.add(c.id);
    }
    expect(ids.size).toBe(portfolio.length);
    const dealIds = portfolio.flatMap((c) => (c.deals ?? []).map((d) => d.id));
    expect(new Set(dealIds).size).toBe(dealIds.length);
  });

  it.each([5, 2, 8])('when the mean is %i deals per company, then the generated mean is close to it', (mean) => {
    const companies = take(5000, { seed: 11, dealsPerCompany: mean });
    const average = companies.reduce((n, c) => n + (c.deals?.length ?? 0), 0) / companies.length;
    expect(average).toBeGreaterThan(mean * 0.9);
    expect(average).toBeLessThan(mean * 1.1);
  });

  it('when generated, then revenue is heavy-tailed (the biggest company dwarfs the median)', () => {
    const revenues = portfolio.map((c) => Number(c.properties.annualrevenue)).filter((r) => Number.isFinite(r)).sort((a, b) => a - b);
    const median = revenues[Math.floor(revenues.length / 2)] ?? 0;
    expect((revenues.at(-1) ?? 0) / median).toBeGreaterThan(50);
  });

  it('when generated, then it holds lost customers, never-won targets, strategic accounts and manual factors', () => {
    const lostAfter = AS_OF.getTime() - 18 * MONTH_MS;
    const lost = share(portfolio, (c) => won(c).length > 0 && won(c).every((d) => Date.parse(d.properties.closedate ?? '') < lostAfter));
    expect(lost).toBeGreaterThan(0.05);
    expect(share(portfolio, (c) => won(c).length === 0)).toBeGreaterThan(0.15);
    expect(share(portfolio, (c) => (c.deals ?? []).length === 0)).toBeGreaterThan(0.05);
    expect(share(portfolio, (c) => c.properties.kam_strategic === 'true')).toBeGreaterThan(0.01);
    expect(share(portfolio, (c) => Object.keys(c.properties).some((k) => k.startsWith('kam_attr_') || k.startsWith('kam_str_')))).toBeGreaterThan(0.1);
  });

  it('when generated, then wallets are entered for some, estimable for others and unknown for a few', () => {
    const entered = share(portfolio, (c) => c.properties.kam_category_spend != null);
    const unknown = share(portfolio, (c) => c.properties.kam_category_spend == null && c.properties.annualrevenue == null);
    expect(entered).toBeGreaterThan(0.25);
    expect(entered).toBeLessThan(0.5);
    expect(unknown).toBeGreaterThan(0.05);
  });

  it('when a malformed rate is set, then about that share of companies carries a value the model must ignore', () => {
    const clean = take(3000, { seed: 5, malformedRate: 0 });
    const dirty = take(3000, { seed: 5, malformedRate: 0.2 });
    const flagged = (cs: CompanyInput[]) => share(cs, (c) => measureCompany(c, DEFAULT_SETTINGS, AS_OF).notes.some((n) => !n.includes('below the revenue won')));
    expect(flagged(clean)).toBe(0);
    expect(flagged(dirty)).toBeGreaterThan(0.12);
    expect(flagged(dirty)).toBeLessThan(0.25);
  });
});
