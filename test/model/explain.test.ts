import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, scorePortfolio, type Settings } from '../../src/model/index.ts';
import { AS_OF, company, wonDeal } from './builders.ts';

const fixed: Settings = { ...DEFAULT_SETTINGS, thresholds: { attractiveness: 5, strength: 5 } };
const manual = (prefix: string, names: string[], value: string) => Object.fromEntries(names.map((n) => [`${prefix}${n}`, value]));

function explained(...companies: ReturnType<typeof company>[]) {
  const accounts = scorePortfolio(companies, fixed, AS_OF).accounts;
  return Object.fromEntries(accounts.map((a) => [a.companyId, a]));
}

describe('explanation', () => {
  it('when an axis equals its threshold, then it reads as high, with the threshold and the factors known', () => {
    const attr = manual('kam_attr_', ['financial_stability', 'ease_of_access', 'relationship', 'strategic_fit'], '5');
    const a = explained(company('1', { ...attr, kam_str_price: '4' }))['1'];
    expect(a?.quadrant).toBe('key_development');
    expect(a?.explanation).toContain(
      'Key development quadrant: attractiveness 5 (high against 5; 4 of 6 factors known), strength 4 (weak against 5; 1 of 7 factors known).',
    );
  });

  it('when an axis is above its threshold, then it reads as strong; when nothing is known, as unknown', () => {
    const byId = explained(company('1', { kam_str_price: '7.25' }), company('2', {}));
    expect(byId['1']?.explanation).toContain('Maintenance quadrant: attractiveness unknown (no factor known), strength 7.3 (strong against 5; 1 of 7 factors known).');
    expect(byId['2']?.explanation).toContain('Opportunistic quadrant: attractiveness unknown (no factor known), strength unknown (no factor known).');
  });

  it('when the expected profit is negative, then it is written with a plain minus, and a clean record explains in plain ASCII', () => {
    const a = explained(company('1', { kam_category_spend: '200000', kam_coverage: 'shared' }, [wonDeal(50_000, '2026-06-01')]))['1'];
    expect(a?.expectedProfit).toBeLessThan(0);
    expect(a?.notes).toEqual([]);
    // 50,000 won of a 200,000 wallet: expected revenue 50,000 × 30 % − 48,000 shared cost to serve.
    expect(a?.explanation).toContain('Expected profit -33,000 at 30 % margin with shared coverage (recommended: channel); won in the last 12 months 50,000;');
    // ASCII only: V8 keeps it one byte per character (one '≥' would double the size of every explanation).
    expect(a?.explanation).toMatch(/^[\x20-\x7e]+$/);
  });

  it('when the revenue window is not a year, then the explanation names its months', () => {
    const six: Settings = { ...fixed, windowMonths: 6 };
    const [a] = scorePortfolio([company('1', {}, [wonDeal(10_000, '2026-10-01')])], six, AS_OF).accounts;
    expect(a?.explanation).toContain('won in the last 6 months 10,000;');
  });

  it('when a manual factor is out of range, then the explanation says so, still in ASCII', () => {
    const a = explained(company('1', { kam_str_price: '250' }))['1'];
    expect(a?.explanation).toContain("Ignored: kam_str_price '250' is outside 1 to 10.");
    expect(a?.explanation).toMatch(/^[\x20-\x7e]+$/);
  });
});
