// R6: whatever HubSpot (or a CSV) hands us, the engine scores with what is valid, never throws,
// and every output is in range.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTIONS, CATEGORIES, COVERAGES, DEFAULT_SETTINGS, QUADRANTS, scorePortfolio, TIERS, toOutputProperties, WALLET_SOURCES, type CompanyInput } from '../../src/model/index.ts';
import { AS_OF } from './builders.ts';

const nasty = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.constant(''),
  fc.constantFrom('NaN', 'Infinity', '-Infinity', '1e308', '-1e308', '1e30', '250', '-5', 'true', 'false', 'yes', 'abc', ' 42 ', '0x1F', '2026-02-30', '1763800000000'),
  fc.double().map(String),
  fc.integer({ min: -1e6, max: 1e9 }).map(String),
  fc.double({ min: 0, max: 1 }).map(String),
  fc.date({ min: new Date('2000-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.string(),
);

const COMPANY_KEYS = ['name', 'annualrevenue', 'industry', 'hubspot_owner_id', 'kam_category_spend', 'kam_addressable_pct', 'kam_target_share_pct', 'kam_strategic', 'kam_coverage',
  'kam_attr_growth', 'kam_attr_financial_stability', 'kam_attr_relationship', 'kam_str_price', 'kam_str_service', 'kam_str_innovation'];
const DEAL_KEYS = ['amount', 'amount_in_home_currency', 'closedate', 'hs_is_closed_won', 'hs_is_closed', 'hs_deal_stage_probability', 'kam_gross_margin_pct'];

const props = (keys: string[]) => fc.dictionary(fc.constantFrom(...keys), nasty) as fc.Arbitrary<Record<string, string | null>>;
const deal = fc.record({ id: fc.string({ minLength: 1, maxLength: 6 }), properties: props(DEAL_KEYS) });
const companyArb: fc.Arbitrary<CompanyInput> = fc.record({
  id: fc.integer({ min: 1, max: 1e9 }).map(String),
  properties: props(COMPANY_KEYS),
  deals: fc.array(deal, { maxLength: 8 }),
});

const finiteOrNull = (v: number | null) => v === null || Number.isFinite(v);

describe('bad data never breaks the engine', () => {
  it('when records hold text, NaN, negatives, 1e308, empties and garbage, then every output is valid and finite', () => {
    fc.assert(
      fc.property(fc.uniqueArray(companyArb, { maxLength: 12, selector: (c) => c.id }), (companies) => {
        const result = scorePortfolio(companies, DEFAULT_SETTINGS, AS_OF);
        expect(result.accounts).toHaveLength(companies.length);
        for (const a of result.accounts) {
          expect(QUADRANTS).toContain(a.quadrant);
          expect(CATEGORIES).toContain(a.category);
          expect(ACTIONS).toContain(a.action);
          expect(TIERS).toContain(a.tier);
          expect(COVERAGES).toContain(a.coverage);
          expect(WALLET_SOURCES).toContain(a.walletSource);
          for (const v of [a.wonTTM, a.expectedRevenue, a.expectedProfit, a.lifetimeValue, a.costToServe, a.marginPct, a.currentContribution, a.priorityScore]) {
            expect(Number.isFinite(v)).toBe(true);
          }
          for (const v of [a.wallet, a.potential, a.shareOfWallet, a.position, a.attractiveness.value, a.strength.value]) expect(finiteOrNull(v)).toBe(true);
          if (a.attractiveness.value !== null) expect(a.attractiveness.value).toBeGreaterThanOrEqual(1);
          if (a.attractiveness.value !== null) expect(a.attractiveness.value).toBeLessThanOrEqual(10);
          if (a.shareOfWallet !== null) expect(a.shareOfWallet).toBeLessThanOrEqual(1);
          if (a.notes.length > 0) expect(a.explanation).toContain('Ignored:');
          // The explanation may quote a rejected raw value ('NaN'); every figure must be clean.
          const { kam_explanation: _explanation, ...figures } = toOutputProperties(a, { scoredAt: AS_OF, modelVersion: 1 });
          for (const v of Object.values(figures)) expect(v).not.toMatch(/NaN|Infinity|undefined/);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('when a record is missing everything, then it is still scored as a target', () => {
    const empty = { id: '1', properties: {} } as CompanyInput;
    const weird = { id: '2', properties: null, deals: [null, 5, { id: 'x' }] } as unknown as CompanyInput;
    const result = scorePortfolio([empty, weird], DEFAULT_SETTINGS, AS_OF);
    expect(result.accounts.map((a) => a.category)).toEqual(['target', 'target']);
  });

  it('when a deal amount is malformed, then the explanation names the deal and the reason', () => {
    const c: CompanyInput = { id: '3', properties: { name: 'X' }, deals: [{ id: '77', properties: { amount: '12abc', hs_is_closed_won: 'true', hs_is_closed: 'true', closedate: '2026-05-01' } }] };
    const [a] = scorePortfolio([c], DEFAULT_SETTINGS, AS_OF).accounts;
    expect(a?.explanation).toContain("deal 77 amount '12abc' is not a number");
  });
});
