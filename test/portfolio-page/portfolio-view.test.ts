import { describe, expect, it } from 'vitest';
import { runScore } from '../../src/cli/score-command.ts';
import { DEFAULT_SETTINGS, parseSettings, scorePortfolio, type Settings } from '../../src/model/index.ts';
import { highRevenueLowProfit } from '../../src/model/warnings.ts';
import { buildPortfolioView } from '../../src/portfolio-page/portfolio-view.ts';
import { CATEGORIES, QUADRANTS, type AccountFigures } from '../../src/model/types.ts';
import { fakeIo } from '../cli/fake-io.ts';
import { EXAMPLE_AS_OF, EXAMPLE_COMPANIES, EXAMPLE_PATH, EXAMPLE_TEXT } from './example-portfolio.ts';

const meta = { portalId: '24681357', asOf: EXAMPLE_AS_OF, modelVersion: 3 };
const settingsOf = (input: unknown): Settings => {
  const parsed = parseSettings(input);
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  return parsed.settings;
};
const tally = (accounts: readonly AccountFigures[], pick: (a: AccountFigures) => string) =>
  accounts.reduce<Record<string, number>>((acc, a) => ({ ...acc, [pick(a)]: (acc[pick(a)] ?? 0) + 1 }), {});

async function kamScoreJson(settings?: string): Promise<{ accounts: AccountFigures[]; keyCount: number; waitingCount: number; keyAccountCapacity: number; thresholds: { attractiveness: number; strength: number } }> {
  const files: Record<string, string> = { [EXAMPLE_PATH]: EXAMPLE_TEXT, ...(settings ? { 'settings.json': settings } : {}) };
  const io = fakeIo(files);
  const code = await runScore({ file: EXAMPLE_PATH, format: 'json', ...(settings ? { settings: 'settings.json' } : {}) }, io.io);
  expect(code).toBe(0);
  return JSON.parse(io.stdout());
}

describe('portfolio view model', () => {
  it('when built from scorePortfolio on the example portfolio, then its counts, thresholds and key list equal scorePortfolio', () => {
    const result = scorePortfolio(EXAMPLE_COMPANIES, DEFAULT_SETTINGS, EXAMPLE_AS_OF);
    const view = buildPortfolioView(result, DEFAULT_SETTINGS, meta);
    expect(view.companyCount).toBe(300);
    expect(view.quadrantCounts).toEqual({ key: 0, key_development: 0, maintenance: 0, opportunistic: 0, ...tally(result.accounts, (a) => a.quadrant) });
    expect(view.categoryCounts).toEqual({ target: 0, normal: 0, key: 0, lost: 0, ...tally(result.accounts, (a) => a.category) });
    expect(view.thresholds).toEqual(result.thresholds);
    expect(view.keyAccounts.map((a) => a.companyId)).toEqual(result.accounts.filter((a) => a.isKeyAccount).map((a) => a.companyId));
    expect(view.capacity).toMatchObject({ used: result.keyCount, capacity: 25, waiting: result.waitingCount });
    expect(view.highRevenueLowProfit.map((a) => a.companyId).sort()).toEqual(highRevenueLowProfit(result.accounts, DEFAULT_SETTINGS).map((a) => a.companyId).sort());
  });

  it('when compared with `kam score --format json` on the same file, then the page shows the same figures', async () => {
    const json = await kamScoreJson();
    const view = buildPortfolioView(scorePortfolio(EXAMPLE_COMPANIES, DEFAULT_SETTINGS, EXAMPLE_AS_OF), DEFAULT_SETTINGS, meta);
    for (const q of QUADRANTS) expect(view.quadrantCounts[q]).toBe(json.accounts.filter((a) => a.quadrant === q).length);
    for (const c of CATEGORIES) expect(view.categoryCounts[c]).toBe(json.accounts.filter((a) => a.category === c).length);
    expect(view.thresholds).toEqual(json.thresholds);
    expect(view.keyAccounts.map((a) => [a.companyId, a.priorityRank])).toEqual(json.accounts.filter((a) => a.isKeyAccount).map((a) => [a.companyId, a.priorityRank]));
    expect(view.capacity.line).toBe(`${json.keyCount} of ${json.keyAccountCapacity} places used; ${json.waitingCount} eligible accounts waiting`);
    expect(view.capacity.line).toBe('25 of 25 places used; 10 eligible accounts waiting');
  });

  it('when the settings differ (capacity 10, fixed thresholds), then the view still equals kam score with those settings', async () => {
    const input = { keyAccountCapacity: 10, thresholds: { attractiveness: 6, strength: 'portfolio-average' } };
    const settings = settingsOf(input);
    const json = await kamScoreJson(JSON.stringify(input));
    const view = buildPortfolioView(scorePortfolio(EXAMPLE_COMPANIES, settings, EXAMPLE_AS_OF), settings, meta);
    for (const q of QUADRANTS) expect(view.quadrantCounts[q]).toBe(json.accounts.filter((a) => a.quadrant === q).length);
    expect(view.keyAccounts).toHaveLength(10);
    expect(view.thresholds.attractiveness).toBe(6);
    expect(view.capacity.line).toBe(`10 of 10 places used; ${json.waitingCount} eligible accounts waiting`);
  });

  it('when the matrix is drawn, then there is one dot per company, largest first, area proportional to expected revenue up to the clamp', () => {
    const result = scorePortfolio(EXAMPLE_COMPANIES, DEFAULT_SETTINGS, EXAMPLE_AS_OF);
    const { matrix } = buildPortfolioView(result, DEFAULT_SETTINGS, meta);
    expect(matrix.dots).toHaveLength(300);
    expect(new Set(matrix.dots.map((d) => d.companyId)).size).toBe(300);
    const revenue = new Map(result.accounts.map((a) => [a.companyId, a.expectedRevenue]));
    const radii = matrix.dots.map((d) => d.r);
    expect([...radii].sort((a, b) => b - a)).toEqual(radii);
    for (const d of matrix.dots) {
      const rev = revenue.get(d.companyId)!;
      expect(d.r).toBeGreaterThanOrEqual(matrix.minRadius);
      expect(d.r).toBeLessThanOrEqual(matrix.maxRadius);
      if (rev >= matrix.revenueAtMaxRadius) expect(d.r).toBe(matrix.maxRadius);
      else if (d.r > matrix.minRadius) expect(d.r ** 2 / matrix.maxRadius ** 2).toBeCloseTo(rev / matrix.revenueAtMaxRadius, 9);
    }
    const unknown = result.accounts.filter((a) => a.strength.value === null || a.attractiveness.value === null);
    expect(matrix.unknownAxis).toBe(unknown.length);
    expect(matrix.dots.filter((d) => d.unknownAxis).map((d) => [d.x, d.y].some((v) => v === 1))).toEqual(unknown.map(() => true));
  });

  it('when the portfolio is larger than the dots drawn, then the largest are drawn and the rest are counted as omitted', () => {
    const result = scorePortfolio(EXAMPLE_COMPANIES, DEFAULT_SETTINGS, EXAMPLE_AS_OF);
    const view = buildPortfolioView(result, DEFAULT_SETTINGS, { ...meta, maxDots: 50 });
    expect(view.matrix.dots).toHaveLength(50);
    expect(view.matrix.omitted).toBe(250);
    const smallestDrawn = Math.min(...view.matrix.dots.map((d) => result.accounts.find((a) => a.companyId === d.companyId)!.expectedRevenue));
    const drawn = new Set(view.matrix.dots.map((d) => d.companyId));
    expect(result.accounts.filter((a) => !drawn.has(a.companyId)).every((a) => a.expectedRevenue <= smallestDrawn)).toBe(true);
    expect(Object.values(view.quadrantCounts).reduce((a, b) => a + b, 0)).toBe(300);
  });

  it('when the whale curve is built, then it ends at the total expected profit and marks the highest cumulative value', () => {
    const result = scorePortfolio(EXAMPLE_COMPANIES, DEFAULT_SETTINGS, EXAMPLE_AS_OF);
    const { whale } = buildPortfolioView(result, DEFAULT_SETTINGS, meta);
    const cumulative = result.accounts.reduce<number[]>((acc, a) => [...acc, (acc.at(-1) ?? 0) + a.expectedProfit], []);
    expect(whale.total).toBeCloseTo(cumulative.at(-1)!, 3);
    expect(whale.points.at(-1)).toEqual([300, whale.total]);
    expect(whale.points[0]).toEqual([0, 0]);
    expect(whale.peak.value).toBe(Math.max(...cumulative));
    expect(whale.peak.rank).toBe(cumulative.indexOf(whale.peak.value) + 1);
    expect(whale.points).toContainEqual([whale.peak.rank, whale.peak.value]);
    expect(whale.peak.value).toBeGreaterThan(whale.total);
  });
});
