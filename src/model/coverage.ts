// Cost to serve per coverage model and the recommended coverage (seed 000, scoring-model.md §3–4).
import { oncePerSettings } from './once-per-settings.ts';
import type { BaseSettings as Settings } from './settings.ts';
import { COVERAGES, type Coverage } from './types.ts';

type CoverageModel = Settings['coverage'][Coverage];

/** sum(roles) × (1 + overhead) / accounts per team: the yearly cost of serving one account. */
export function costToServe(model: CoverageModel): number {
  const roles = model.roles.reduce((sum, r) => sum + r, 0);
  return (roles * (1 + model.overheadPct / 100)) / model.accountsPerTeam;
}

const costsFor = oncePerSettings(
  (coverage: Settings['coverage']): Record<Coverage, number> => ({
    dedicated: costToServe(coverage.dedicated),
    shared: costToServe(coverage.shared),
    channel: costToServe(coverage.channel),
  }),
);

export function costsOf(settings: Settings): Record<Coverage, number> {
  return costsFor(settings.coverage);
}

export function expectedProfitByCoverage(expectedGrossProfit: number, settings: Settings): Record<Coverage, number> {
  const costs = costsOf(settings);
  // The three values are worked out before the literal, not inside it: written inside, V8 (Node 24)
  // compiled this function, and measureCompany which inlines it, into code that deoptimized at the
  // literal every few hundred companies ('reason: Smi' in --trace-deopt) and was compiled again
  // each time: some 95 deoptimizations of each in ten 10k passes, most of the time unoptimized.
  const dedicated = expectedGrossProfit - costs.dedicated;
  const shared = expectedGrossProfit - costs.shared;
  const channel = expectedGrossProfit - costs.channel;
  return { dedicated, shared, channel };
}

/** The most intensive coverage that still reaches the profit target; channel when none does. */
export function recommendCoverage(profitBy: Record<Coverage, number>, profitTarget: number): Coverage {
  for (const c of COVERAGES) if (profitBy[c] >= profitTarget) return c;
  return 'channel';
}
