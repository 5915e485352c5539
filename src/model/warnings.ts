// Seed 002's warning: big revenue is not a big customer when the profit is thin.
import type { Settings } from './settings.ts';
import type { AccountFigures } from './types.ts';

/**
 * Customers whose won revenue is in the top quarter and whose margin is below half the default,
 * or whose current contribution is negative.
 */
export function highRevenueLowProfit(accounts: readonly AccountFigures[], settings: Settings): AccountFigures[] {
  const customers = accounts.filter((a) => a.wonTTM > 0);
  if (customers.length === 0) return [];
  const revenues = customers.map((a) => a.wonTTM).sort((x, y) => y - x);
  const topQuarterFloor = revenues[Math.max(0, Math.ceil(revenues.length / 4) - 1)] ?? Infinity;
  return customers.filter(
    (a) => (a.wonTTM >= topQuarterFloor && a.marginPct < settings.defaultMarginPct / 2) || a.currentContribution < 0,
  );
}
