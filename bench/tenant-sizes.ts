// The portals of the many-portals scenario (quality.md P6): one large, a few mid-sized, and many
// small ones whose sizes are heavy-tailed (most near the minimum, a few near the maximum), drawn
// from a seeded generator so every run has the same portals.
import { mulberry32 } from '../src/sandbox/generate-portfolio.ts';

export interface TenantMix {
  large: number;
  mid: { count: number; size: number };
  small: { count: number; min: number; max: number };
}

/** quality.md: 200 portals, 1 of 20,000 companies, 9 of 2,000, 190 of 50–500. */
export const FULL_MIX: TenantMix = { large: 20_000, mid: { count: 9, size: 2000 }, small: { count: 190, min: 50, max: 500 } };
/** The same shape, small enough to run in a minute or two while developing. */
export const QUICK_MIX: TenantMix = { large: 2000, mid: { count: 3, size: 500 }, small: { count: 24, min: 50, max: 200 } };

/** Pareto tail index of the small portals: about 70 % below twice the minimum, a few at the maximum. */
const TAIL = 1.5;

/** Sizes in portal order: the large portal first, then the mid-sized, then the small ones. */
export function tenantSizes(mix: TenantMix, seed = 6): number[] {
  const rnd = mulberry32(seed);
  const small = Array.from({ length: mix.small.count }, () => {
    const pareto = mix.small.min / Math.max(rnd(), 1e-9) ** (1 / TAIL);
    return Math.min(mix.small.max, Math.round(pareto));
  });
  return [mix.large, ...new Array<number>(mix.mid.count).fill(mix.mid.size), ...small];
}
