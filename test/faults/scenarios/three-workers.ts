// R7: three worker processes on one Redis, every HubSpot call through the recording proxy.
// Writes: the same bursts, in waves that each settle before the next, run once with one worker
// process and once with three; with the timing fixed by the waves, three workers must write no
// more than 1.05 × what one wrote. Concurrency: then a long paced burst keeps several flushes
// coming while the three race for them; no two workers may recompute one company at the same
// time, and nothing may be lost or wrong.
import type { ProxiedCall } from '../support/call-proxy.ts';
import { mergeScripts, runChangeScript, type ScriptResult } from '../support/change-script.ts';
import { emptyRow, type FaultRow } from '../support/fault-row.ts';
import { startFaultStage, type Stage } from '../support/fault-stage.ts';
import { measureBurst, startBurst, verifyFinal } from '../support/measure.ts';
import { companyWrites, overlappingRounds, recomputeRounds, roundsByWorker, type Overlap } from '../support/overlaps.ts';
import type { ScenarioOptions } from './scenario-options.ts';

const WAVES = 5;

/** The waves: each fired at once, then settled, so each is one flush whoever runs it. */
async function waves(stage: Stage, o: ScenarioOptions): Promise<{ script: ScriptResult; calls: ProxiedCall[] }> {
  const scripts: ScriptResult[] = [];
  for (let i = 0; i < WAVES; i++) {
    scripts.push(await runChangeScript(stage.sandbox, { events: Math.ceil(o.events / WAVES), seed: o.seed + i, eventsPerTick: Infinity }));
    await stage.settled();
  }
  return { script: mergeScripts(scripts), calls: [...stage.proxy!.calls] };
}

const stageFor = (workers: number, o: ScenarioOptions): Promise<Stage> =>
  startFaultStage({ redisUrl: o.redisUrl, prefix: o.prefix(`r7w${workers}`), companies: o.companies, seed: o.seed, workers, proxy: true, flushDelayMs: 300 });

async function singleWorkerWaves(o: ScenarioOptions): Promise<ProxiedCall[]> {
  const stage = await stageFor(1, o);
  try {
    startBurst(stage);
    return (await waves(stage, o)).calls;
  } finally {
    await stage.close();
  }
}

export interface ThreeWorkersResult {
  row: FaultRow;
  writes: { one: { calls: number; records: number }; three: { calls: number; records: number } };
  /** Company records written by three workers over those written by one, on the same waves. */
  writeRatio: number;
  overlaps: Overlap[];
  rounds: Record<string, number>;
}

export async function runThreeWorkers(o: ScenarioOptions): Promise<ThreeWorkersResult> {
  const oneCalls = await singleWorkerWaves(o);
  const stage = await stageFor(3, o);
  try {
    const row = emptyRow('R7', 'three worker processes');
    startBurst(stage);
    const wave = await waves(stage, o);
    // Paced over several seconds, so flushes run while events keep coming and the workers race.
    const paced = await runChangeScript(stage.sandbox, { events: o.events, seed: o.seed + 100, eventsPerTick: 40, tickMs: 120 });
    const script = mergeScripts([wave.script, paced]);
    await measureBurst(stage, row, script);
    const rounds = recomputeRounds(stage.proxy!.calls);
    await verifyFinal(stage, row, script);
    const writes = { one: companyWrites(oneCalls), three: companyWrites(wave.calls) };
    const result: ThreeWorkersResult = {
      row, writes, writeRatio: writes.three.records / Math.max(1, writes.one.records),
      overlaps: overlappingRounds(rounds), rounds: roundsByWorker(rounds),
    };
    row.extraCalls = wave.calls.length - oneCalls.length;
    row.notes.push(
      `same ${WAVES} waves: ${writes.three.records} company records written in ${writes.three.calls} calls by 3 workers, ${writes.one.records} in ${writes.one.calls} by 1 (ratio ${result.writeRatio.toFixed(3)}, goal ≤ 1.05); extra calls = ${wave.calls.length} − ${oneCalls.length}`,
      `recompute rounds per worker: ${JSON.stringify(result.rounds)}; rounds of two workers on one company at the same time: ${result.overlaps.length}`,
      ...result.overlaps.slice(0, 3).map((ov) => `overlap: ${ov.a.worker} and ${ov.b.worker} on ${ov.companies.slice(0, 5).join(', ')}`),
    );
    return result;
  } finally {
    await stage.close();
  }
}
