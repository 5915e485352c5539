// How every scenario ends: wait until everything settled, count what the burst cost and whether
// any acknowledged event was lost (before the final pass, which would hide it), then run the final
// full pass and compare every company and task with a from-scratch recompute.
import { callKind } from '../../../src/sandbox/call-kinds.ts';
import type { ScriptResult } from './change-script.ts';
import type { Stage } from './fault-stage.ts';
import { callCounts, type FaultRow } from './fault-row.ts';
import { checkAllFigures, checkOwnFigures, checkPortfolioMembers, diagnoseStale, formerKeyAccounts } from './verify-state.ts';
import { checkTasks } from './verify-tasks.ts';

/** Starts counting the burst's calls (after the install and its first pass). */
export function startBurst(stage: Stage): void {
  stage.sandbox.calls.reset();
  stage.sandbox.faults.resetCounts();
  if (stage.proxy) stage.proxy.calls.length = 0;
}

/** The sandbox's recent calls that were not answered 2xx, as `kind status` → count. */
function failedByKind(stage: Stage): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of stage.sandbox.calls.recent()) {
    if (c.status >= 200 && c.status < 300) continue;
    // Calls refused in the sandbox's /crm middleware are logged with the mount path cut off.
    const kind = c.kind === 'other' && /^\/v[34]\//.test(c.path) ? callKind(c.method, `/crm${c.path}`) : c.kind;
    const key = `${kind} ${c.status}`;
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

/** After the burst: settled, the calls it cost, and lost updates. */
export async function measureBurst(stage: Stage, row: FaultRow, script: ScriptResult, limitMs?: number): Promise<void> {
  await stage.settled(limitMs);
  Object.assign(row, callCounts(stage.sandbox.calls.summary()));
  row.extraCalls = row.failedCalls;
  const refused = failedByKind(stage);
  if (Object.keys(refused).length) row.notes.push(`calls not answered 2xx, by kind and status: ${JSON.stringify(refused)}`);
  row.events = script.events;
  row.accepted = stage.delivery.accepted;
  const own = await checkOwnFigures(stage.sandbox, stage.redis, stage.prefix, script.touched);
  const members = await checkPortfolioMembers(stage.sandbox, stage.redis, stage.prefix);
  row.lost = stage.delivery.gaveUp + own.lostEvents + members.missing.length + members.extra.length;
  if (stage.delivery.gaveUp) row.notes.push(`${stage.delivery.gaveUp} events never acknowledged (the sender gave up)`);
  if (own.stale.length) {
    row.notes.push(`${own.stale.length} companies with stale own figures before the final pass: ${own.diffs.join('; ')}`);
    for (const id of own.stale.slice(0, 3)) row.notes.push(`stale ${await diagnoseStale(stage.sandbox, stage.redis, stage.prefix, id)}`);
  }
  if (members.missing.length) row.notes.push(`live companies missing from the portfolio state: ${members.missing.slice(0, 5).join(', ')}`);
  if (members.extra.length) row.notes.push(`deleted companies still in the portfolio state: ${members.extra.slice(0, 5).join(', ')}`);
}

/** The final full pass, then every company and task against the model. */
export async function verifyFinal(stage: Stage, row: FaultRow, script: ScriptResult, limitMs?: number): Promise<void> {
  const wasKey = formerKeyAccounts(stage.sandbox);
  const pass = await stage.fullPass(limitMs);
  if (pass !== 'completed') row.notes.push(`the final pass ${pass}`);
  const all = await checkAllFigures(stage.sandbox, stage.redis, stage.prefix, wasKey);
  row.companiesWrong = all.wrong.length;
  if (all.wrong.length) row.notes.push(`wrong after the final pass: ${all.diffs.join('; ')}`);
  const tasks = checkTasks(stage.sandbox, script.madeLost);
  row.duplicateTasks = tasks.duplicates;
  row.missingTasks = tasks.missing;
  if (tasks.diffs.length) row.notes.push(`tasks: ${tasks.diffs.join('; ')}`);
  row.failedJobs = await stage.failedJobs();
  if (row.failedJobs) row.notes.push(`${row.failedJobs} failed jobs left; worker errors: ${JSON.stringify(workerErrors(stage))}`);
}

/** The error lines the worker processes logged, by message (what made a job fail). */
export function workerErrors(stage: Stage): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of stage.workers.flatMap((w) => w.lines)) {
    try {
      const entry = JSON.parse(line) as { level?: number; msg?: string; err?: { message?: string } };
      if ((entry.level ?? 0) < 50) continue;
      const key = `${entry.msg ?? ''}: ${(entry.err?.message ?? '').slice(0, 120)}`;
      out[key] = (out[key] ?? 0) + 1;
    } catch {
      out[line.slice(0, 120)] = (out[line.slice(0, 120)] ?? 0) + 1;
    }
  }
  return out;
}
