// R4: HubSpot misbehaving during a burst: 10 % 5xx, 5 % 429 with Retry-After, 2 % calls that never
// answer (the app's request timeout must end them) and 2 % access tokens expiring under the call.
// The final state must converge to the correct one, no job may be left failed that a retry could
// have saved, and the calls the faults cost are printed (against the same burst without faults
// when `baseline` is asked for, else the calls answered other than 2xx).
import type { FaultSettings } from '../../../src/sandbox/index.ts';
import { runChangeScript } from '../support/change-script.ts';
import { emptyRow, type FaultRow } from '../support/fault-row.ts';
import { startFaultStage } from '../support/fault-stage.ts';
import { measureBurst, startBurst, verifyFinal } from '../support/measure.ts';
import type { ScenarioOptions } from './scenario-options.ts';

export const R4_FAULTS: Partial<FaultSettings> = {
  serverErrorRate: 0.1,
  rateLimitRate: 0.05,
  retryAfterSeconds: 1,
  timeoutRate: 0.02,
  tokenExpiryRate: 0.02,
  // A hung call is dropped by the sandbox long after the app gave up on it (the app's timeout ends it).
  hangMs: 30_000,
};

export interface HubSpotFaultsOptions extends ScenarioOptions {
  /** The app's request timeout for this run (a production default of 20 s would make a CI run crawl). */
  requestTimeoutMs: number;
}

export interface HubSpotFaultsResult {
  row: FaultRow;
  /** Faults injected, by kind, over the burst and the final pass. */
  faults: Record<string, number>;
  baselineCalls?: number;
}

async function run(o: HubSpotFaultsOptions, faults: Partial<FaultSettings> | undefined, name: string): Promise<{ row: FaultRow; faults: Record<string, number> }> {
  const stage = await startFaultStage({
    redisUrl: o.redisUrl, prefix: o.prefix(name), companies: o.companies, seed: o.seed, flushDelayMs: 500, requestTimeoutMs: o.requestTimeoutMs,
  });
  try {
    const row = emptyRow('R4', faults ? 'HubSpot 5xx, 429, timeouts, expiring tokens' : 'the same burst without faults');
    startBurst(stage);
    if (faults) stage.sandbox.faults.set(faults);
    const script = await runChangeScript(stage.sandbox, { events: o.events, seed: o.seed, eventsPerTick: 250, tickMs: 50 });
    await measureBurst(stage, row, script, 600_000);
    const counted = { ...stage.sandbox.faults.counts };
    // The final pass runs under the same faults: it, too, must get through them.
    await verifyFinal(stage, row, script, 600_000);
    const all = { ...stage.sandbox.faults.counts };
    row.notes.push(`faults injected during the burst ${JSON.stringify(counted)}, with the final pass ${JSON.stringify(all)}`);
    return { row, faults: all };
  } finally {
    await stage.close();
  }
}

export async function runHubSpotFaults(o: HubSpotFaultsOptions): Promise<HubSpotFaultsResult> {
  const baseline = o.baseline ? await run(o, undefined, 'r4base') : undefined;
  const { row, faults } = await run(o, R4_FAULTS, 'r4');
  if (baseline) {
    row.extraCalls = row.calls - baseline.row.calls;
    row.notes.push(`the same burst without faults: ${baseline.row.calls} calls; with them ${row.calls} (${row.failedCalls} not answered 2xx)`);
  }
  return { row, faults, baselineCalls: baseline?.row.calls };
}
