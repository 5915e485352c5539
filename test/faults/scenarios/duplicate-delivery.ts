// R5: HubSpot guarantees neither order nor single delivery. The burst (everyday edits, customers
// made lost, companies and deals deleted and restored) reaches the app through the chaos relay:
// every batch twice, shuffled, a quarter of them late, after newer ones. The result must be what
// in-order single delivery gives: every company's own figures current, the portfolio holding
// exactly the live companies, and after the final pass everything equal to a recompute.
import { runChangeScript } from '../support/change-script.ts';
import { startChaosRelay, type RelayStats } from '../support/chaos-relay.ts';
import { emptyRow, type FaultRow } from '../support/fault-row.ts';
import { startFaultStage } from '../support/fault-stage.ts';
import { measureBurst, startBurst, verifyFinal } from '../support/measure.ts';
import type { ScenarioOptions } from './scenario-options.ts';

export interface DuplicateDeliveryResult {
  row: FaultRow;
  relay: RelayStats;
}

async function run(o: ScenarioOptions, chaos: boolean): Promise<DuplicateDeliveryResult> {
  const stage = await startFaultStage({ redisUrl: o.redisUrl, prefix: o.prefix(chaos ? 'r5' : 'r5base'), companies: o.companies, seed: o.seed, workers: 1, flushDelayMs: 300 });
  const relay = chaos ? await startChaosRelay({ target: `${stage.config.PUBLIC_BASE_URL}/webhooks/hubspot`, secret: stage.sandbox.clientSecret, seed: o.seed }) : undefined;
  try {
    const row = emptyRow('R5', chaos ? 'duplicated, shuffled and late deliveries' : 'in-order single delivery');
    if (relay) stage.sandbox.webhooks.setTarget(relay.url);
    startBurst(stage);
    const script = await runChangeScript(stage.sandbox, { events: o.events, seed: o.seed, lifecycle: true, eventsPerTick: 100, tickMs: 50 });
    await stage.sandbox.webhooks.idle();
    await relay?.idle();
    await measureBurst(stage, row, script);
    const stats = relay?.stats() ?? { batches: 0, events: script.events, posts: 0, refused: 0, acknowledged: stage.delivery.accepted };
    row.accepted = stats.acknowledged;
    if (relay) row.notes.push(`relay: ${stats.batches} batches of ${stats.events} events delivered as ${stats.posts} POSTs (each batch twice, shuffled, 25 % late), ${stats.refused} refused`);
    row.notes.push(`deleted ${script.deletedCompanies.length} companies, restored ${script.restoredCompanies.length}`);
    await verifyFinal(stage, row, script);
    return { row, relay: stats };
  } finally {
    await relay?.close();
    await stage.close();
  }
}

export async function runDuplicateDelivery(o: ScenarioOptions): Promise<DuplicateDeliveryResult> {
  const baseline = o.baseline ? await run(o, false) : undefined;
  const result = await run(o, true);
  if (baseline) {
    result.row.extraCalls = result.row.calls - baseline.row.calls;
    result.row.notes.push(`in-order single delivery of the same burst: ${baseline.row.calls} calls, lost ${baseline.row.lost}, wrong ${baseline.row.companiesWrong}`);
  }
  return result;
}
