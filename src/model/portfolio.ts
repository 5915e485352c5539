// Figures that depend on the whole portfolio (scoring-model.md §4–5): the 'portfolio-average'
// thresholds, the priority rank, and each eligible account's place in the key-account list.
import type { Settings } from './settings.ts';
import type { CompanyScore, PortfolioContext, Thresholds } from './types.ts';

/** What the portfolio needs to know of one company: a few numbers, so 100,000 of them stay small. */
export interface PortfolioEntry {
  companyId: string;
  priorityScore: number;
  attractiveness: number | null;
  strength: number | null;
  keyEligible: boolean;
  strategic: boolean;
  wasKey: boolean;
}

export interface Portfolio {
  size: number;
  thresholds: Thresholds;
  contextFor(companyId: string): PortfolioContext;
}

/** When no company has a known value on an axis, the middle of the 1–10 scale. */
export const NEUTRAL_THRESHOLD = 5.5;

export function portfolioEntry(score: CompanyScore, wasKey = false): PortfolioEntry {
  return {
    companyId: score.companyId,
    priorityScore: score.priorityScore,
    attractiveness: score.attractiveness.value,
    strength: score.strength.value,
    keyEligible: score.keyEligible,
    strategic: score.strategic,
    wasKey,
  };
}

/** Running sums for a 'portfolio-average' threshold; the incremental path keeps the same in Redis. */
export interface AxisTotals {
  sum: number;
  count: number;
}

export function thresholdsFrom(settings: Pick<Settings, 'thresholds'>, totals: { attractiveness: AxisTotals; strength: AxisTotals }): Thresholds {
  const pick = (setting: number | 'portfolio-average', t: AxisTotals): number =>
    setting === 'portfolio-average' ? (t.count > 0 ? t.sum / t.count : NEUTRAL_THRESHOLD) : setting;
  return {
    attractiveness: pick(settings.thresholds.attractiveness, totals.attractiveness),
    strength: pick(settings.thresholds.strength, totals.strength),
  };
}

/** Priority order: higher score first; ties by company id so every run ranks the same. */
export function comparePriority(a: PortfolioEntry, b: PortfolioEntry): number {
  if (a.priorityScore !== b.priorityScore) return b.priorityScore - a.priorityScore;
  return compareIds(a.companyId, b.companyId);
}

export function compareIds(a: string, b: string): number {
  if (a.length !== b.length && /^\d+$/.test(a) && /^\d+$/.test(b)) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

function axisTotals(entries: readonly PortfolioEntry[], pick: (e: PortfolioEntry) => number | null): AxisTotals {
  let sum = 0;
  let count = 0;
  for (const e of entries) {
    const v = pick(e);
    if (v !== null) {
      sum += v;
      count += 1;
    }
  }
  return { sum, count };
}

export function buildPortfolio(input: Iterable<PortfolioEntry>, settings: Pick<Settings, 'thresholds'>): Portfolio {
  const entries = Array.isArray(input) ? input.slice() : [...input];
  entries.sort(comparePriority);
  const thresholds = thresholdsFrom(settings, {
    attractiveness: axisTotals(entries, (e) => e.attractiveness),
    strength: axisTotals(entries, (e) => e.strength),
  });
  // One map from id to a small integer: the index in priority order (rank = index + 1), whether
  // it was key, and whether it has a key place (then in keyPlace[index]). A pass looks up every
  // company once, with a freshly parsed id: one map probe, and touching nothing else for the
  // companies without a key place, keeps that lookup cheap.
  // Key capacity is filled by strategic accounts first, then by priority (§4 "Key eligibility").
  const index = new Map<string, number>();
  const keyPlace = new Int32Array(entries.length);
  let place = 0;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i] as PortfolioEntry;
    index.set(e.companyId, i * 4 + (e.wasKey ? 2 : 0) + (e.keyEligible ? 1 : 0));
    if (e.keyEligible && e.strategic) keyPlace[i] = ++place;
  }
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i] as PortfolioEntry;
    if (e.keyEligible && !e.strategic) keyPlace[i] = ++place;
  }

  return {
    size: entries.length,
    thresholds,
    contextFor(companyId: string): PortfolioContext {
      const packed = index.get(companyId);
      if (packed === undefined) throw new Error(`company ${companyId} is not in the portfolio`);
      const i = packed >> 2;
      return {
        thresholds,
        priorityRank: i + 1,
        portfolioSize: entries.length,
        keyPlace: packed & 1 ? (keyPlace[i] as number) : null,
        wasKey: (packed & 2) !== 0,
      };
    },
  };
}
