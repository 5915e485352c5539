// Factor scores on a 1–10 scale (scoring-model.md §3); axes.ts takes their weighted means.

/** Count of breakpoints met (value ≥ breakpoint), plus one: 1–10 with nine breakpoints. */
export function scoreByBreakpoints(value: number, breakpoints: readonly number[]): number {
  let met = 0;
  for (const b of breakpoints) if (value >= b) met += 1;
  return met + 1;
}

export const SIZE_BREAKPOINTS = [50_000, 100_000, 250_000, 500_000, 1_000_000, 2_500_000, 5_000_000, 10_000_000, 25_000_000] as const;
export const GROWTH_BREAKPOINTS_PCT = [-50, -25, -10, 0, 10, 25, 50, 100, 200] as const;
export const SHARE_OF_WALLET_BREAKPOINTS_PCT = [5, 10, 15, 20, 30, 40, 50, 60, 75] as const;
export const WIN_RATE_BREAKPOINTS_PCT = [10, 20, 30, 40, 50, 60, 70, 80, 90] as const;

/** A first year of revenue (nothing the year before) is strong growth. */
export const FIRST_YEAR_GROWTH_SCORE = 8;

export function growthScore(wonTTM: number, wonPrevTTM: number): number | null {
  if (wonPrevTTM > 0) return scoreByBreakpoints(((wonTTM - wonPrevTTM) / wonPrevTTM) * 100, GROWTH_BREAKPOINTS_PCT);
  return wonTTM > 0 ? FIRST_YEAR_GROWTH_SCORE : null;
}

export function winRateScore(won: number, closed: number): number | null {
  return closed > 0 ? scoreByBreakpoints((won / closed) * 100, WIN_RATE_BREAKPOINTS_PCT) : null;
}

/** Seed 002's signed scorecard: criteria that count against (competition, difficulty) subtract. */
export function scorecardTotal(criteria: readonly { score: number; against?: boolean }[]): number {
  return criteria.reduce((total, c) => total + (c.against ? -c.score : c.score), 0);
}
