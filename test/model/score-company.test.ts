import { describe, expect, it } from 'vitest';
import { scoreCompany, type ModelSettings } from '../../src/model/index.ts';
import { AS_OF, TARGET_100K, company, lostDeal, openDeal, wonDeal } from './builders.ts';

const score = (c: Parameters<typeof scoreCompany>[0], settings: ModelSettings = TARGET_100K) => scoreCompany(c, settings, AS_OF);

describe('wallet', () => {
  it('when only annual revenue is known, then the wallet is estimated by the industry ratio or the default', () => {
    const settings = { ...TARGET_100K, walletFromRevenue: { default: 0.02, byIndustry: { BANKING: 0.05 } } };
    expect(score(company('1', { annualrevenue: '10000000', industry: 'BANKING' }), settings)).toMatchObject({ wallet: 500_000, walletSource: 'estimated' });
    expect(score(company('2', { annualrevenue: '10000000', industry: 'RETAIL' }), settings)).toMatchObject({ wallet: 200_000, walletSource: 'estimated' });
  });

  it('when neither spend nor revenue is known, then the wallet is unknown and expected revenue is won plus weighted pipeline', () => {
    const s = score(company('1', {}, [wonDeal(50_000, '2026-05-01T00:00:00Z'), openDeal(10_000, '0.3')]));
    expect(s).toMatchObject({ wallet: null, walletSource: 'unknown', potential: null, shareOfWallet: null, position: null, expectedRevenue: 53_000 });
    expect(s.strength.factors.share_of_wallet).toBeNull();
    expect(s.attractiveness.factors.size).toBeNull();
  });

  it('when the wallet is below the revenue won this year, then it is raised to it and flagged', () => {
    const s = score(company('1', { kam_category_spend: '1000' }, [wonDeal(5_000, '2026-05-01T00:00:00Z')]));
    expect(s.wallet).toBe(5_000);
    expect(s.shareOfWallet).toBe(1);
    expect(s.notes.join(' ')).toContain('raised');
  });

  it('when an addressable share and a winnable share are entered, then potential and position use them', () => {
    const s = score(company('1', { kam_category_spend: '1000000', kam_addressable_pct: '40', kam_target_share_pct: '25' }));
    expect(s).toMatchObject({ potential: 400_000, position: 0.25, expectedRevenue: 100_000 });
  });

  it('when the potential is zero, then the position is zero (no division by zero)', () => {
    expect(score(company('1', { kam_category_spend: '0' })).position).toBe(0);
  });
});

describe('deals', () => {
  it('when the home-currency amount is valid, then it wins over the amount', () => {
    const s = score(company('1', {}, [wonDeal(100, '2026-05-01T00:00:00Z', { amount_in_home_currency: '250' })]));
    expect(s.wonTTM).toBe(250);
  });

  it('when deals fall in this year, last year and earlier, then each sums into its window', () => {
    const s = score(company('1', {}, [
      wonDeal(100, '2026-11-22T00:00:00Z'),
      wonDeal(10, '2025-11-23T00:00:00Z'),
      wonDeal(1, '2025-11-22T00:00:00Z'),
      wonDeal(1000, '2024-11-22T00:00:00Z'),
      wonDeal(5000, '2027-01-01T00:00:00Z'),
    ]));
    expect(s.wonTTM).toBe(110);
    expect(s.wonPrevTTM).toBe(1);
  });

  it('when a deal has its own margin, then the margin is the revenue-weighted mean', () => {
    const s = score(company('1', {}, [wonDeal(100, '2026-05-01T00:00:00Z', { kam_gross_margin_pct: '50' }), wonDeal(300, '2026-06-01T00:00:00Z')]));
    expect(s.marginPct).toBeCloseTo(35, 10);
  });

  it('when an open deal has no probability or one over 1, then it is left out of the pipeline and named', () => {
    const s = score(company('1', {}, [openDeal(100, '0.5'), openDeal(100, null), openDeal(100, '70')]));
    expect(s.weightedPipeline).toBe(50);
    expect(s.notes.filter((n) => n.includes('pipeline'))).toHaveLength(2);
  });

  it('when amounts are negative, text or absurd, then they are ignored and named', () => {
    const s = score(company('1', {}, [wonDeal(-5, '2026-05-01T00:00:00Z'), wonDeal('lots', '2026-05-01T00:00:00Z'), wonDeal(1e13, '2026-05-01T00:00:00Z'), wonDeal(7, '2026-05-01T00:00:00Z')]));
    expect(s.wonTTM).toBe(7);
    expect(s.notes.join(' ')).toMatch(/negative.*not a number.*implausibly large/);
  });
});

describe('lost rule at its boundary', () => {
  // lostAfterMonths 18 before 2026-11-22 is 2025-05-22: a win after that instant keeps the customer.
  it.each([
    ['2025-05-22T00:00:01Z', false],
    ['2025-05-22T00:00:00Z', true],
    ['2024-01-01T00:00:00Z', true],
  ])('when the last win closed at %s, then lost is %s', (closedate, lost) => {
    const s = score(company('1', {}, [wonDeal(1000, closedate)]));
    expect(s.everWon).toBe(true);
    expect(s.lost).toBe(lost);
  });

  it('when only lost deals exist, then the company was never won (a target)', () => {
    const s = score(company('1', {}, [lostDeal(1000, '2026-01-01T00:00:00Z')]));
    expect(s.everWon).toBe(false);
    expect(s.lost).toBe(false);
  });
});

describe('factors', () => {
  it.each([
    [100, 100, 5],
    [90, 100, 4],
    [301, 100, 10],
    [50, 100, 2],
    [40, 100, 1],
    [10, 0, 8],
  ])('when won this year %s and last year %s, then the growth factor is %s', (now, before, expected) => {
    const s = score(company('1', {}, [wonDeal(now, '2026-05-01T00:00:00Z'), ...(before ? [wonDeal(before, '2025-05-01T00:00:00Z')] : [])]));
    expect(s.attractiveness.factors.growth).toBe(expected);
  });

  it('when nothing was won in either year, then growth is unknown and the mean renormalises over the rest', () => {
    const s = score(company('1', { kam_attr_relationship: '4', kam_attr_strategic_fit: '10' }));
    expect(s.attractiveness.factors.growth).toBeNull();
    expect(s.attractiveness.known).toBe(2);
    expect(s.attractiveness.value).toBeCloseTo((4 * 6 + 10 * 8) / 14, 12);
  });

  it('when 3 of 4 closed deals in 24 months were won, then the win-rate factor is 8', () => {
    const s = score(company('1', {}, [wonDeal(1, '2026-01-01T00:00:00Z'), wonDeal(1, '2025-06-01T00:00:00Z'), wonDeal(1, '2025-01-01T00:00:00Z'), lostDeal(1, '2025-02-01T00:00:00Z'), lostDeal(1, '2023-01-01T00:00:00Z')]));
    expect(s.strength.factors.win_rate).toBe(8);
  });

  it('when manual factors are outside 1–10 or text, then they are ignored and named', () => {
    const s = score(company('1', { kam_str_price: '11', kam_str_service: 'good', kam_str_innovation: '0', kam_str_responsiveness: '10' }));
    expect(s.strength.factors).toMatchObject({ price: null, service: null, innovation: null, responsiveness: 10 });
    expect(s.notes.filter((n) => n.startsWith('kam_str_'))).toHaveLength(3);
  });

  it('when the coverage is entered, then it replaces the recommended one for cost and profit', () => {
    const s = score(company('1', { kam_category_spend: '2000000', kam_coverage: 'dedicated' }, [wonDeal(300_000, '2026-03-01T00:00:00Z'), openDeal(200_000, '0.5')]));
    expect(s).toMatchObject({ coverage: 'dedicated', recommendedCoverage: 'channel', costToServe: 288_000 });
    expect(s.expectedProfit).toBeCloseTo(-168_000, 6);
  });
});
