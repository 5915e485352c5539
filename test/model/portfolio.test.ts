import { describe, expect, it } from 'vitest';
import { buildPortfolio, scorePortfolio, type PortfolioEntry } from '../../src/model/index.ts';
import { AS_OF, TARGET_100K, company, wonDeal } from './builders.ts';

const entry = (id: string, score: number, extra: Partial<PortfolioEntry> = {}): PortfolioEntry => ({
  companyId: id, priorityScore: score, attractiveness: null, strength: null, keyEligible: false, strategic: false, wasKey: false, ...extra,
});

describe('portfolio', () => {
  it('when scores tie, then ranks are stable by numeric company id', () => {
    const p = buildPortfolio([entry('10', 5), entry('9', 5), entry('100', 7)], TARGET_100K);
    expect(['100', '9', '10'].map((id) => p.contextFor(id).priorityRank)).toEqual([1, 2, 3]);
  });

  it("when a 'portfolio-average' threshold is set, then only companies with a known value count", () => {
    const p = buildPortfolio([entry('1', 1, { attractiveness: 8 }), entry('2', 1, { attractiveness: 4 }), entry('3', 1)], TARGET_100K);
    expect(p.thresholds.attractiveness).toBe(6);
    expect(p.thresholds.strength).toBe(5.5);
  });

  it('when no company has a known value, then the threshold is the middle of the scale', () => {
    const settings = { ...TARGET_100K, thresholds: { attractiveness: 'portfolio-average' as const, strength: 'portfolio-average' as const } };
    expect(buildPortfolio([entry('1', 1)], settings).thresholds).toEqual({ attractiveness: 5.5, strength: 5.5 });
  });

  it('when strategic accounts are eligible, then they take key places before higher-priority large accounts', () => {
    const p = buildPortfolio(
      [entry('a', 900, { keyEligible: true }), entry('b', 800, { keyEligible: true }), entry('s', 10, { keyEligible: true, strategic: true }), entry('x', 1000)],
      TARGET_100K,
    );
    expect(p.contextFor('s').keyPlace).toBe(1);
    expect(p.contextFor('a').keyPlace).toBe(2);
    expect(p.contextFor('b').keyPlace).toBe(3);
    expect(p.contextFor('x').keyPlace).toBeNull();
  });
});

describe('key capacity', () => {
  // Large accounts: wallet 10M entered and half of it winnable, so expProfit(dedicated) is far over target.
  const large = (id: string, won: number, extra: Record<string, string> = {}) =>
    company(id, { kam_category_spend: '10000000', kam_target_share_pct: '50', ...extra }, [wonDeal(won, '2026-06-01T00:00:00Z')]);

  it('when more accounts are eligible than there are places, then the rest stay normal and wait', () => {
    const settings = { ...TARGET_100K, keyAccountCapacity: 2 };
    const result = scorePortfolio([large('1', 3_000_000), large('2', 2_000_000), large('3', 1_000_000)], settings, AS_OF);
    const byId = Object.fromEntries(result.accounts.map((a) => [a.companyId, a]));
    expect([byId['1']?.category, byId['2']?.category, byId['3']?.category]).toEqual(['key', 'key', 'normal']);
    expect(byId['3']?.waitingForKeyPlace).toBe(true);
    expect(byId['3']?.explanation).toMatch(/^Eligible for the key list \(.*\) but all 2 places are taken; rank 3 of 3\./);
    expect(result).toMatchObject({ keyCount: 2, eligibleCount: 3, waitingCount: 1, keyAccountCapacity: 2 });
  });

  it('when a small account is strategic, then it takes a place before a larger one', () => {
    const settings = { ...TARGET_100K, keyAccountCapacity: 1 };
    const small = company('9', { kam_strategic: 'true' }, [wonDeal(1_000, '2026-06-01T00:00:00Z')]);
    const result = scorePortfolio([large('1', 3_000_000), small], settings, AS_OF);
    const byId = Object.fromEntries(result.accounts.map((a) => [a.companyId, a]));
    expect(byId['9']?.largeAccount).toBe(false);
    expect(byId['9']?.category).toBe('key');
    expect(byId['1']?.category).toBe('normal');
  });

  it('when capacity is zero, then no account is key', () => {
    const result = scorePortfolio([large('1', 3_000_000)], { ...TARGET_100K, keyAccountCapacity: 0 }, AS_OF);
    expect(result.accounts[0]?.category).toBe('normal');
  });

  it('when a former key account falls to low/low, then its action is remove', () => {
    const tiny = company('5', {}, [wonDeal(100, '2026-06-01T00:00:00Z')]);
    const result = scorePortfolio([tiny], TARGET_100K, AS_OF, { wasKey: (id) => id === '5' });
    expect(result.accounts[0]?.action).toBe('remove');
    expect(scorePortfolio([tiny], TARGET_100K, AS_OF).accounts[0]?.action).toBe('deprioritize');
  });
});

describe('remove action', () => {
  it('when a strategic key account is low/low, then it is kept (deprioritize), never removed', () => {
    const weak = company('8', { kam_strategic: 'true' }, [wonDeal(100, '2026-06-01T00:00:00Z')]);
    const again = scorePortfolio([weak], TARGET_100K, AS_OF, { wasKey: () => true }).accounts[0];
    expect([again?.category, again?.action]).toEqual(['key', 'deprioritize']);
  });
});
