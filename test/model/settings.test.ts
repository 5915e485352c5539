import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, parseSettings } from '../../src/model/index.ts';

describe('settings', () => {
  it('when nothing is given, then the defaults of §3 apply', () => {
    expect(DEFAULT_SETTINGS).toMatchObject({
      windowMonths: 12, lostAfterMonths: 18, defaultMarginPct: 30, defaultAddressablePct: 100, profitTarget: 'auto', currency: null, keyAccountCapacity: 25,
      walletFromRevenue: { default: 0.02 }, thresholds: { attractiveness: 'portfolio-average', strength: 5.5 },
      tiers: { platinumPct: 5, goldPct: 15, silverPct: 30 }, lifetimeValue: { horizonYears: 5, retention: 0.85, discountRate: 0.1 },
    });
    expect(DEFAULT_SETTINGS.attractivenessWeights).toEqual({ size: 10, growth: 8, financial_stability: 6, ease_of_access: 4, relationship: 6, strategic_fit: 8 });
    expect(DEFAULT_SETTINGS.strengthWeights).toEqual({ share_of_wallet: 10, win_rate: 6, price: 6, service: 6, responsiveness: 4, relationship: 6, innovation: 4 });
  });

  it('when several values are wrong, then every problem is named with its path', () => {
    const result = parseSettings({ profitTarget: -1, keyAccountCapacity: 2.5, thresholds: { strength: 'median' }, attractivenessWeights: { size: 11 }, colour: 'red' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const paths = result.problems.map((p) => p.split(':')[0]);
    expect(paths).toEqual(expect.arrayContaining(['profitTarget', 'keyAccountCapacity', 'thresholds.strength', 'attractivenessWeights.size', '(settings)']));
    expect(result.problems.length).toBeGreaterThanOrEqual(5);
  });

  it('when a partial object is given, then the rest keeps its defaults', () => {
    const result = parseSettings({ profitTarget: 50_000, coverage: undefined });
    expect(result.ok && result.settings.profitTarget).toBe(50_000);
    expect(result.ok && result.settings.keyAccountCapacity).toBe(25);
  });
});
