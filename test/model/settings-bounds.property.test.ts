// R15: settings that pass validation cannot break the figures. Random valid settings (edges
// included) × random companies: every output is finite, and every surface shows the same figure
// after its documented rounding: HubSpot properties (whole units; share of wallet 0.1 %, axes
// 0.01), the CSV (cents; ratios 0.0001), the page (whole units, money()).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { money, roundTo } from '../../src/model/format.ts';
import { parseSettings, scorePortfolio, toOutputProperties, type CompanyInput, type SettingsInput } from '../../src/model/index.ts';
import { renderKeyAccounts, renderWarnings } from '../../src/portfolio-page/account-tables.ts';
import { accountRow, buildPortfolioView } from '../../src/portfolio-page/portfolio-view.ts';
import { figureRow, formatFiguresCsv } from '../../src/portfolio-files/write-figures.ts';
import { AS_OF } from './builders.ts';

/** A number in [min, max], the two edges drawn often. */
const num = (min: number, max: number) => fc.oneof(fc.constant(min), fc.constant(max), fc.double({ min, max, noNaN: true, noDefaultInfinity: true }));
const int = (min: number, max: number) => fc.oneof(fc.constant(min), fc.constant(max), fc.integer({ min, max }));
const weights = (names: string[]) => fc.record(Object.fromEntries(names.map((n) => [n, num(0, 10)])));
const coverageModel = fc.record({ roles: fc.array(num(0, 1e12), { minLength: 1, maxLength: 20 }), overheadPct: num(0, 1000), accountsPerTeam: num(0.01, 100_000) });
const threshold = fc.oneof(fc.constant('portfolio-average' as const), num(1, 10));

const settingsArb: fc.Arbitrary<SettingsInput> = fc.record({
  windowMonths: int(1, 60),
  lostAfterMonths: int(1, 120),
  defaultMarginPct: num(0, 100),
  defaultAddressablePct: num(0, 100),
  walletFromRevenue: fc.record({ default: fc.oneof(fc.constant(null), num(0, 10)), byIndustry: fc.dictionary(fc.constantFrom('COMPUTER_SOFTWARE', 'RETAIL', 'BANKING'), num(0, 10)) }),
  coverage: fc.record({ dedicated: coverageModel, shared: coverageModel, channel: coverageModel }),
  profitTarget: num(0, 1e12),
  keyAccountCapacity: int(0, 100_000),
  attractivenessWeights: weights(['size', 'growth', 'financial_stability', 'ease_of_access', 'relationship', 'strategic_fit']),
  strengthWeights: weights(['share_of_wallet', 'win_rate', 'price', 'service', 'responsiveness', 'relationship', 'innovation']),
  thresholds: fc.record({ attractiveness: threshold, strength: threshold }),
  tiers: fc.record({ platinumPct: num(0, 33), goldPct: num(0, 33), silverPct: num(0, 34) }),
  lifetimeValue: fc.record({ horizonYears: int(1, 50), retention: num(0, 1), discountRate: num(0, 1) }),
}, { requiredKeys: [] });

const moneyText = fc.oneof(num(0, 1e12), fc.integer({ min: 0, max: 5_000_000 })).map(String);
const deal = fc.record({
  id: fc.integer({ min: 1, max: 1e6 }).map(String),
  properties: fc.record({
    amount: moneyText,
    closedate: fc.date({ min: new Date('2021-01-01'), max: new Date('2027-06-01'), noInvalidDate: true }).map((d) => d.toISOString()),
    hs_is_closed_won: fc.constantFrom('true', 'false'),
    hs_is_closed: fc.constantFrom('true', 'false'),
    hs_deal_stage_probability: num(0, 1).map(String),
    kam_gross_margin_pct: num(-50, 100).map(String),
  }, { requiredKeys: ['amount'] }),
});
const companyArb: fc.Arbitrary<CompanyInput> = fc.record({
  id: fc.integer({ min: 1, max: 1e9 }).map(String),
  properties: fc.record({
    name: fc.string({ maxLength: 12 }),
    annualrevenue: moneyText,
    industry: fc.constantFrom('COMPUTER_SOFTWARE', 'RETAIL', 'MINING'),
    kam_category_spend: moneyText,
    kam_addressable_pct: num(0, 100).map(String),
    kam_strategic: fc.constantFrom('true', 'false'),
    kam_coverage: fc.constantFrom('dedicated', 'shared', 'channel'),
    kam_attr_relationship: int(1, 10).map(String),
    kam_str_price: int(1, 10).map(String),
  }, { requiredKeys: [] }),
  deals: fc.array(deal, { maxLength: 6 }),
});

const META = { scoredAt: AS_OF, modelVersion: 1 };
const pageNumber = (text: string): number => Number(text.replace(/,/g, ''));

describe('settings cannot break the figures (R15)', () => {
  it('when settings are outside the bounds that keep figures finite, then they are refused', () => {
    const coverage = (accountsPerTeam: number, roles = [1]) => ({ coverage: { dedicated: { roles, overheadPct: 0, accountsPerTeam }, shared: { roles: [1], overheadPct: 0, accountsPerTeam: 1 }, channel: { roles: [1], overheadPct: 0, accountsPerTeam: 1 } } });
    expect(parseSettings(coverage(5e-324)).ok).toBe(false);
    expect(parseSettings(coverage(0.009)).ok).toBe(false);
    expect(parseSettings(coverage(1, Array.from({ length: 21 }, () => 1e12))).ok).toBe(false);
    const industries = Object.fromEntries(Array.from({ length: 501 }, (_, i) => [`industry-${i}`, 0.01]));
    expect(parseSettings({ walletFromRevenue: { byIndustry: industries } }).ok).toBe(false);
  });

  it('when random valid settings score random companies, then every output is finite and HubSpot, the CSV and the page show the same figures', () => {
    fc.assert(
      fc.property(settingsArb, fc.uniqueArray(companyArb, { maxLength: 8, selector: (c) => c.id }), (input, companies) => {
        const parsed = parseSettings(input);
        expect(parsed.ok).toBe(true);
        if (!parsed.ok) return;
        const settings = parsed.settings;
        const result = scorePortfolio(companies, settings, AS_OF);
        for (const f of result.accounts) {
          const money0 = [f.expectedRevenue, f.costToServe, f.expectedProfit, f.lifetimeValue, f.wonTTM, f.currentContribution, f.priorityScore, f.marginPct];
          for (const v of money0) expect(Number.isFinite(v)).toBe(true);
          for (const v of [f.wallet, f.potential, f.shareOfWallet, f.position, f.attractiveness.value, f.strength.value]) expect(v === null || Number.isFinite(v)).toBe(true);

          // HubSpot: whole units; every value a finite number or empty.
          const p = toOutputProperties(f, META);
          expect(Number(p.kam_expected_revenue)).toBe(roundTo(f.expectedRevenue, 0));
          expect(Number(p.kam_cost_to_serve)).toBe(roundTo(f.costToServe, 0));
          expect(Number(p.kam_expected_profit)).toBe(roundTo(f.expectedProfit, 0));
          expect(Number(p.kam_lifetime_value)).toBe(roundTo(f.lifetimeValue, 0));
          expect(p.kam_share_of_wallet).toBe(f.shareOfWallet === null ? '' : String(roundTo(f.shareOfWallet * 100, 1)));
          for (const v of Object.values(p)) expect(v).not.toMatch(/NaN|Infinity/);

          // CSV: cents.
          const row = figureRow(f);
          expect(row.expectedRevenue).toBe(roundTo(f.expectedRevenue, 2));
          expect(row.costToServe).toBe(roundTo(f.costToServe, 2));
          expect(row.expectedProfit).toBe(roundTo(f.expectedProfit, 2));
          expect(row.lifetimeValue).toBe(roundTo(f.lifetimeValue, 2));

          // The page: whole units, as HubSpot.
          const r = accountRow(f);
          expect(pageNumber(money(r.expectedProfit))).toBe(Number(p.kam_expected_profit));
          expect(pageNumber(money(r.lifetimeValue))).toBe(Number(p.kam_lifetime_value));
          expect(pageNumber(money(r.expectedRevenue))).toBe(Number(p.kam_expected_revenue));
        }
        const view = buildPortfolioView(result, settings, { portalId: '1', asOf: AS_OF, modelVersion: 1 });
        expect(renderKeyAccounts(view) + renderWarnings(view)).not.toMatch(/NaN|Infinity/);
        expect(formatFiguresCsv(result.accounts)).not.toMatch(/NaN|Infinity/);
        for (const dot of view.matrix.dots ?? []) for (const v of Object.values(dot)) if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
