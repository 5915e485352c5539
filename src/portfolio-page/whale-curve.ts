// The whale curve: cumulative expected profit by priority rank. It rises above the total while
// profitable accounts are added and falls back to it as the loss-making tail is added; the gap
// between the peak and the total is what the tail costs.
import type { AccountFigures } from '../model/types.ts';

export interface WhaleCurve {
  /** Cumulative expected profit after rank i + 1, sampled: [rank, cumulative] pairs, first and last included. */
  points: Array<[number, number]>;
  companies: number;
  total: number;
  peak: { rank: number; value: number };
  /** Cumulative profit can dip below zero when the top accounts lose money. */
  min: number;
}

/** Accounts must be in priority order (scorePortfolio returns them so). At most `maxPoints` points are kept, the peak always. */
export function whaleCurve(accounts: readonly AccountFigures[], maxPoints = 400): WhaleCurve {
  const cumulative: number[] = [];
  let sum = 0;
  let peak = { rank: 0, value: 0 };
  let min = 0;
  for (const a of accounts) {
    sum += a.expectedProfit;
    cumulative.push(sum);
    if (sum > peak.value) peak = { rank: cumulative.length, value: sum };
    if (sum < min) min = sum;
  }
  const n = cumulative.length;
  const step = Math.max(1, Math.ceil(n / maxPoints));
  const ranks = new Set<number>([0]);
  for (let r = step; r < n; r += step) ranks.add(r);
  if (n > 0) ranks.add(n);
  if (peak.rank > 0) ranks.add(peak.rank);
  const points = [...ranks].sort((a, b) => a - b).map((r): [number, number] => [r, r === 0 ? 0 : cumulative[r - 1]!]);
  return { points, companies: n, total: sum, peak, min };
}
