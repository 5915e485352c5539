// R3: a worker process killed with SIGKILL in the middle of a batch, at the worst moment: HubSpot
// has just created the round's play tasks, and the worker dies before it hears so (so before the
// play ledger records them and before the companies are written). A new worker process takes
// over once BullMQ finds the job stalled; every dirty company must still be recomputed, the final
// state must equal a from-scratch recompute, and no task may be created twice.
import type { ProxiedCall } from '../support/call-proxy.ts';
import { runChangeScript } from '../support/change-script.ts';
import { emptyRow, type FaultRow } from '../support/fault-row.ts';
import { startFaultStage, type Stage } from '../support/fault-stage.ts';
import { measureBurst, startBurst, verifyFinal } from '../support/measure.ts';
import { waitFor } from '../../support/wait-for.ts';
import type { WorkerProcess } from '../support/worker-process.ts';
import type { ScenarioOptions } from './scenario-options.ts';

export interface WorkerKillResult {
  row: FaultRow;
  /** The call after which the worker died. */
  killedAfter: ProxiedCall | undefined;
  /** Ms from the kill until everything settled (a figure, not a goal). */
  recoveryMs: number;
}

interface Kill {
  call?: ProxiedCall;
  at: number;
  replacement?: Promise<WorkerProcess>;
}

const ok = (c: ProxiedCall): boolean => c.status >= 200 && c.status < 300;

/**
 * Kills the worker when the sandbox has answered its first task creation of the burst (or, should
 * the burst create none, its third company write), drops the answer, and starts a new worker.
 */
function armKill(stage: Stage, victim: WorkerProcess): Kill {
  const kill: Kill = { at: 0 };
  let writes = 0;
  stage.proxy!.beforeReply = async (call) => {
    if (call.worker !== victim.name || !ok(call)) return 'reply';
    if (call.kind === 'companies.batchUpdate') writes += 1;
    if (call.kind !== 'tasks.batchCreate' && writes < 3) return 'reply';
    stage.proxy!.beforeReply = undefined;
    await victim.kill();
    Object.assign(kill, { call, at: Date.now(), replacement: stage.startWorker('w2') });
    return 'drop';
  };
  return kill;
}

export async function runWorkerKill(o: ScenarioOptions): Promise<WorkerKillResult> {
  const stage = await startFaultStage({ redisUrl: o.redisUrl, prefix: o.prefix('r3'), companies: o.companies, seed: o.seed, workers: 1, proxy: true, flushDelayMs: 300 });
  try {
    const row = emptyRow('R3', 'SIGKILL of a worker mid-batch');
    startBurst(stage);
    const kill = armKill(stage, stage.workers[0]!);
    // Paced, so the kill lands while events are still coming.
    const script = await runChangeScript(stage.sandbox, { events: o.events, seed: o.seed, eventsPerTick: 50, tickMs: 100 });
    // Should the burst outrun the trigger, the flushes still to come will reach it.
    await waitFor(async () => !!kill.call || (await stage.isSettled()), 'the kill, or the burst settled without one', 120_000);
    await kill.replacement;
    await measureBurst(stage, row, script);
    const recoveryMs = kill.call ? Date.now() - kill.at : 0;
    row.notes.push(kill.call
      ? `w1 killed after the sandbox answered its ${kill.call.kind} (${kill.call.ids.length} companies), before w1 heard it; w2 started; all settled ${Math.round(recoveryMs / 1000)} s later (portal lock and stalled-job expiry)`
      : 'the burst never reached the kill point (no task creation, fewer than 3 company writes)');
    await verifyFinal(stage, row, script);
    return { row, killedAfter: kill.call, recoveryMs };
  } finally {
    if (stage.proxy) stage.proxy.beforeReply = undefined;
    await stage.close();
  }
}
