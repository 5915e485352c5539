// scoring-model.md §7, figure by figure.
import { describe, expect, it } from 'vitest';
import { costToServe, scoreCompany, scorecardTotal, scorePortfolio } from '../../src/model/index.ts';
import { AS_OF, TARGET_100K, company, openDeal, wonDeal } from './builders.ts';

describe('worked figures of scoring-model.md §7', () => {
  it('when the default coverage models are costed, then dedicated 288,000, shared 48,000, channel 2,160', () => {
    expect(costToServe(TARGET_100K.coverage.dedicated)).toBe(288_000);
    expect(costToServe(TARGET_100K.coverage.shared)).toBe(48_000);
    expect(costToServe(TARGET_100K.coverage.channel)).toBe(2_160);
  });

  it('when the seed-000 company is scored, then every figure matches the worked example', () => {
    const acme = company('101', { kam_category_spend: '2000000', kam_addressable_pct: '100' }, [
      wonDeal(300_000, '2026-03-01T00:00:00Z'),
      openDeal(200_000, '0.5'),
    ]);
    const s = scoreCompany(acme, TARGET_100K, AS_OF);
    expect(s.walletSource).toBe('entered');
    expect(s.shareOfWallet).toBeCloseTo(0.15, 12);
    expect(s.position).toBeCloseTo(0.2, 12);
    expect(s.expectedRevenue).toBeCloseTo(400_000, 6);
    expect(s.marginPct).toBeCloseTo(30, 12);
    expect(s.expectedProfitBy.dedicated).toBeCloseTo(-168_000, 6);
    expect(s.expectedProfitBy.shared).toBeCloseTo(72_000, 6);
    expect(s.expectedProfitBy.channel).toBeCloseTo(117_840, 6);
    expect(s.recommendedCoverage).toBe('channel');
    expect(s.coverage).toBe('channel');
    expect(s.expectedProfit).toBeCloseTo(117_840, 6);
    expect(s.largeAccount).toBe(false);
    expect(s.currentContribution).toBeCloseTo(87_840, 6);
    expect(s.potentialContribution).toBeCloseTo(117_840, 6);
    const [account] = scorePortfolio([acme], TARGET_100K, AS_OF).accounts;
    expect(account?.action).toBe('cultivate');
  });

  it('when four companies score 8/8, 8/3, 3/8 and 3/3 against portfolio averages, then one lands in each quadrant', () => {
    const manual = (a: number, s: number): Record<string, string> => ({
      kam_attr_financial_stability: String(a), kam_attr_ease_of_access: String(a), kam_attr_relationship: String(a), kam_attr_strategic_fit: String(a), kam_attr_growth: String(a),
      kam_str_price: String(s), kam_str_service: String(s), kam_str_responsiveness: String(s), kam_str_relationship: String(s), kam_str_innovation: String(s),
    });
    const settings = { ...TARGET_100K, thresholds: { attractiveness: 'portfolio-average' as const, strength: 'portfolio-average' as const } };
    const result = scorePortfolio(
      [company('1', manual(8, 8)), company('2', manual(8, 3)), company('3', manual(3, 8)), company('4', manual(3, 3))],
      settings,
      AS_OF,
    );
    expect(result.thresholds).toEqual({ attractiveness: 5.5, strength: 5.5 });
    const quadrant = Object.fromEntries(result.accounts.map((a) => [a.companyId, a.quadrant]));
    expect(quadrant).toEqual({ '1': 'key', '2': 'key_development', '3': 'maintenance', '4': 'opportunistic' });
  });

  it("when seed 002's industry scorecard is totalled, then government 42, education 32, finance 28", () => {
    const row = (...scores: number[]): { score: number; against?: boolean }[] =>
      scores.map((s) => (s < 0 ? { score: -s, against: true } : { score: s }));
    expect(scorecardTotal(row(9, 7, 7, -3, -3, 9, 7, 9))).toBe(42);
    expect(scorecardTotal(row(9, 5, 5, -5, -3, 7, 5, 9))).toBe(32);
    expect(scorecardTotal(row(9, 3, 9, -9, -7, 9, 7, 7))).toBe(28);
  });
});
