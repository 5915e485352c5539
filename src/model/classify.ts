// The enumerations: quadrant, action, tier, category (scoring-model.md §4).
import type { Settings } from './settings.ts';
import type { Action, Category, Quadrant, Tier } from './types.ts';

/** High/strong means ≥ the threshold; an unknown axis counts as low (nothing shows it is high). */
export function quadrantOf(attractiveness: number | null, strength: number | null, t: { attractiveness: number; strength: number }): Quadrant {
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

/** By rank r of N: platinum r ≤ ⌈5 % N⌉, gold ≤ ⌈20 % N⌉, silver ≤ ⌈50 % N⌉; score ≤ 0 is standard. */
export function tierOf(rank: number, size: number, priorityScore: number, tiers: Settings['tiers']): Tier {
  if (!(priorityScore > 0)) return 'standard';
  const upTo = (pct: number): number => Math.ceil(Number(((pct / 100) * size).toFixed(9)));
  if (rank <= upTo(tiers.platinumPct)) return 'platinum';
  if (rank <= upTo(tiers.platinumPct + tiers.goldPct)) return 'gold';
  if (rank <= upTo(tiers.platinumPct + tiers.goldPct + tiers.silverPct)) return 'silver';
  return 'standard';
}

export function categoryOf(everWon: boolean, lost: boolean, isKeyAccount: boolean): Category {
  if (!everWon) return 'target';
  if (lost) return 'lost';
  return isKeyAccount ? 'key' : 'normal';
}
