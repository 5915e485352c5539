// The enumerations: quadrant, action, tier, category (scoring-model.md §4).
import type { Settings } from './settings.ts';
import type { Action, Category, Quadrant, Thresholds, Tier } from './types.ts';

/** High/strong means ≥ the threshold; an unknown axis counts as low (nothing shows it is high). */
export function quadrantOf(attractiveness: number | null, strength: number | null, t: Thresholds): Quadrant {
  const high = attractiveness !== null && attractiveness >= t.attractiveness;
  const strong = strength !== null && strength >= t.strength;
  if (high) return strong ? 'key' : 'key_development';
  return strong ? 'maintenance' : 'opportunistic';
}

/** Seed 000's monitoring grid; a key account that falls to low/low is up for removal. */
export function actionOf(current: number, potential: number, profitTarget: number, wasKey: boolean): Action {
  const highNow = current >= profitTarget;
  const highLater = potential >= profitTarget;
  if (highNow && highLater) return 'grow';
  if (highLater) return 'cultivate';
  if (highNow) return 'milk';
  return wasKey ? 'remove' : 'deprioritize';
}

interface TierCutoffs {
  size: number;
  tiers: Settings['tiers'];
  platinum: number;
  gold: number;
  silver: number;
}

// The cutoffs depend only on the portfolio size and the tier settings, which a pass shares.
let lastCutoffs: TierCutoffs | null = null;

function cutoffsFor(size: number, tiers: Settings['tiers']): TierCutoffs {
  const last = lastCutoffs;
  if (last && last.size === size && last.tiers === tiers) return last;
  // toFixed(9) first: 5 % of 100 is 5.000000000000001 in floating point, and must not round up.
  const upTo = (pct: number): number => Math.ceil(Number(((pct / 100) * size).toFixed(9)));
  lastCutoffs = {
    size,
    tiers,
    platinum: upTo(tiers.platinumPct),
    gold: upTo(tiers.platinumPct + tiers.goldPct),
    silver: upTo(tiers.platinumPct + tiers.goldPct + tiers.silverPct),
  };
  return lastCutoffs;
}

/** By rank r of N: platinum r ≤ ⌈5 % N⌉, gold ≤ ⌈20 % N⌉, silver ≤ ⌈50 % N⌉; score ≤ 0 is standard. */
export function tierOf(rank: number, size: number, priorityScore: number, tiers: Settings['tiers']): Tier {
  if (!(priorityScore > 0)) return 'standard';
  const cut = cutoffsFor(size, tiers);
  if (rank <= cut.platinum) return 'platinum';
  if (rank <= cut.gold) return 'gold';
  if (rank <= cut.silver) return 'silver';
  return 'standard';
}

export function categoryOf(everWon: boolean, lost: boolean, isKeyAccount: boolean): Category {
  if (!everWon) return 'target';
  if (lost) return 'lost';
  return isKeyAccount ? 'key' : 'normal';
}
