// The fault scenarios by id, with their CI and full sizes: the vitest files run the CI sizes, and
// `scripts/fault-suite.ts` runs either and prints the table.
import type { FaultRow } from '../support/fault-row.ts';
import { runDuplicateDelivery } from './duplicate-delivery.ts';
import { runHubSpotFaults } from './hubspot-faults.ts';
import { runRedisRestart } from './redis-restart.ts';
import type { ScenarioOptions } from './scenario-options.ts';
import { runThreeWorkers } from './three-workers.ts';
import { runWorkerKill } from './worker-kill.ts';

export type Size = 'ci' | 'full';
export type ScenarioId = 'R2' | 'R3' | 'R4' | 'R5' | 'R7';

interface Sized {
  companies: number;
  events: number;
  seed: number;
  baseline?: boolean;
}

export const SIZES: Record<ScenarioId, Record<Size, Sized>> = {
  R2: { ci: { companies: 300, events: 2000, seed: 31 }, full: { companies: 2000, events: 10_000, seed: 31 } },
  R3: { ci: { companies: 300, events: 2000, seed: 11 }, full: { companies: 2000, events: 10_000, seed: 11 } },
  R4: { ci: { companies: 400, events: 3000, seed: 23 }, full: { companies: 5000, events: 20_000, seed: 23, baseline: true } },
  R5: { ci: { companies: 300, events: 2000, seed: 43 }, full: { companies: 2000, events: 10_000, seed: 43, baseline: true } },
  R7: { ci: { companies: 300, events: 1500, seed: 7 }, full: { companies: 2000, events: 10_000, seed: 7 } },
};

/** Redis outage (R2) and the app's request timeout (R4) per size. */
export const OUTAGE_MS: Record<Size, number> = { ci: 3000, full: 8000 };
export const REQUEST_TIMEOUT_MS: Record<Size, number> = { ci: 1000, full: 5000 };

export function scenarioOptions(id: ScenarioId, size: Size, redisUrl: string, prefix: ScenarioOptions['prefix']): ScenarioOptions {
  return { redisUrl, prefix, ...SIZES[id][size] };
}

/** Runs one scenario; its row, and (R7) the rows of its reference run. */
export async function runScenario(id: ScenarioId, size: Size, o: ScenarioOptions): Promise<FaultRow> {
  switch (id) {
    case 'R2': return (await runRedisRestart({ ...o, outageMs: OUTAGE_MS[size] })).row;
    case 'R3': return (await runWorkerKill(o)).row;
    case 'R4': return (await runHubSpotFaults({ ...o, requestTimeoutMs: REQUEST_TIMEOUT_MS[size] })).row;
    case 'R5': return (await runDuplicateDelivery(o)).row;
    case 'R7': return (await runThreeWorkers(o)).row;
  }
}

export const SCENARIO_IDS: readonly ScenarioId[] = ['R2', 'R3', 'R4', 'R5', 'R7'];
