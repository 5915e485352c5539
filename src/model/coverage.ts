// Cost to serve per coverage model and the recommended coverage (seed 000, scoring-model.md §3–4).
import type { Settings } from './settings.ts';
import { COVERAGES, type Coverage } from './types.ts';

type CoverageModel = Settings['coverage'][Coverage];

/** sum(roles) × (1 + overhead) / accounts per team: the yearly cost of serving one account. */
export function costToServe(model: CoverageModel): number {
  const roles = model.roles.reduce((sum, r) => sum + r, 0);
  return (roles * (1 + model.overheadPct / 100)) / model.accountsPerTeam;
}

export function expectedProfitByCoverage(expectedGrossProfit: number, settings: Settings): Record<Coverage, number> {
  return {
    dedicated: expectedGrossProfit - costToServe(settings.coverage.dedicated),
    shared: expectedGrossProfit - costToServe(settings.coverage.shared),
    channel: expectedGrossProfit - costToServe(settings.coverage.channel),
  };
}

/** The most intensive coverage that still reaches the profit target; channel when none does. */
export function recommendCoverage(profitBy: Record<Coverage, number>, profitTarget: number): Coverage {
  return COVERAGES.find((c) => profitBy[c] >= profitTarget) ?? 'channel';
}
