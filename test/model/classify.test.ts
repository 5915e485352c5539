import { describe, expect, it } from 'vitest';
import { actionOf, categoryOf, DEFAULT_SETTINGS, quadrantOf, recommendCoverage, tierOf } from '../../src/model/index.ts';

const T = { attractiveness: 6, strength: 5.5 };

describe('quadrant', () => {
  it.each([
    [6, 5.5, 'key'],
    [9, 2, 'key_development'],
    [5.99, 5.5, 'maintenance'],
    [1, 5.49, 'opportunistic'],
    [null, 9, 'maintenance'],
    [9, null, 'key_development'],
    [null, null, 'opportunistic'],
  ] as const)('when attractiveness %s and strength %s, then %s (≥ the threshold is high)', (a, s, q) => {
    expect(quadrantOf(a, s, T)).toBe(q);
  });
});

describe('action', () => {
  it.each([
    [100_000, 100_000, false, 'grow'],
    [99_999, 100_000, false, 'cultivate'],
    [100_000, 99_999, false, 'milk'],
    [0, 0, false, 'deprioritize'],
    [0, 0, true, 'remove'],
    [200_000, 200_000, true, 'grow'],
  ] as const)('when current %s and potential %s (was key: %s), then %s', (cur, pot, wasKey, action) => {
    expect(actionOf(cur, pot, 100_000, wasKey)).toBe(action);
  });
});

describe('tier by rank percentile', () => {
  const tiers = DEFAULT_SETTINGS.tiers;
  it.each([
    [1, 100, 'platinum'],
    [5, 100, 'platinum'],
    [6, 100, 'gold'],
    [20, 100, 'gold'],
    [21, 100, 'silver'],
    [50, 100, 'silver'],
    [51, 100, 'standard'],
    [1, 7, 'platinum'],
    [2, 7, 'gold'],
    [4, 7, 'silver'],
    [5, 7, 'standard'],
  ] as const)('when rank %s of %s with a positive score, then %s', (rank, size, tier) => {
    expect(tierOf(rank, size, 1, tiers)).toBe(tier);
  });

  it('when the priority score is zero or negative, then standard whatever the rank', () => {
    expect(tierOf(1, 100, 0, tiers)).toBe('standard');
    expect(tierOf(1, 100, -5, tiers)).toBe('standard');
  });
});

describe('category', () => {
  it.each([
    [false, false, false, 'target'],
    [true, true, false, 'lost'],
    [true, true, true, 'lost'],
    [true, false, true, 'key'],
    [true, false, false, 'normal'],
  ] as const)('when ever won %s, lost %s, key %s, then %s', (everWon, lost, key, category) => {
    expect(categoryOf(everWon, lost, key)).toBe(category);
  });
});

describe('recommended coverage', () => {
  it.each([
    [{ dedicated: 100_000, shared: 300_000, channel: 350_000 }, 'dedicated'],
    [{ dedicated: 99_999, shared: 100_000, channel: 150_000 }, 'shared'],
    [{ dedicated: -1, shared: 99_999, channel: 100_000 }, 'channel'],
    [{ dedicated: -1, shared: -1, channel: 5 }, 'channel'],
  ] as const)('when the profits per model are %o, then %s', (profitBy, coverage) => {
    expect(recommendCoverage(profitBy, 100_000)).toBe(coverage);
  });
});
