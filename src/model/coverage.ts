// Cost to serve per coverage model and the recommended coverage (seed 000, scoring-model.md §3–4).
import type { Settings } from './settings.ts';
import { COVERAGES, type Coverage } from './types.ts';

type CoverageModel = Settings['coverage'][Coverage];

/** sum(roles) × (1 + overhead) / accounts per team: the yearly cost of serving one account. */
export function costToServe(model: CoverageModel): number {
  const roles = model.roles.reduce((sum, r) => sum + r, 0);
  return (roles * (1 + model.overheadPct / 100)) / model.accountsPerTeam;
}

// Costs depend only on the settings object; a portfolio scores thousands of companies with one.
const costsBySettings = new WeakMap<Settings['coverage'], Record<Coverage, number>>();

export function costsOf(settings: Settings): Record<Coverage, number> {
  let costs = costsBySettings.get(settings.coverage);
  if (!costs) {
    costs = { dedicated: costToServe(settings.coverage.dedicated), shared: costToServe(settings.coverage.shared), channel: costToServe(settings.coverage.channel) };
    costsBySettings.set(settings.coverage, costs);
  }
  return costs;
}

export function expectedProfitByCoverage(expectedGrossProfit: number, settings: Settings): Record<Coverage, number> {
  const costs = costsOf(settings);
  return { dedicated: expectedGrossProfit - costs.dedicated, shared: expectedGrossProfit - costs.shared, channel: expectedGrossProfit - costs.channel };
}

/** The most intensive coverage that still reaches the profit target; channel when none does. */
export function recommendCoverage(profitBy: Record<Coverage, number>, profitTarget: number): Coverage {
  for (const c of COVERAGES) if (profitBy[c] >= profitTarget) return c;
  return 'channel';
}
