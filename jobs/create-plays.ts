// Turns plays into HubSpot tasks, at most one open task per company and play. The order makes it
// crash-safe: record "pending" with a unique marker, create the task carrying that marker, record
// "created". A retry that finds "pending" looks the marker up in HubSpot before creating anything.
import type { Play } from '../src/model/index.ts';
import { playMarker, type PlayLedger, type PlayRecord } from '../src/store/play-ledger.ts';
import type { CrmPort, KeyedPlay } from './crm-port.ts';
import { createTasksRecovering } from './create-tasks-recovering.ts';

export interface CreatePlaysDeps {
  crm: CrmPort;
  ledger: PlayLedger;
  portalId: string;
  now: () => number;
}

export interface CreatePlaysResult {
  created: number;
  skippedOpen: number;
  recovered: number;
  /** The plays whose task HubSpot did not create: their companies keep their old properties. */
  failed: { companyId: string; playKey: string; message: string }[];
}

export async function createPlays(deps: CreatePlaysDeps, plays: readonly Play[]): Promise<CreatePlaysResult> {
  const result: CreatePlaysResult = { created: 0, skippedOpen: 0, recovered: 0, failed: [] };
  if (plays.length === 0) return result;
  const records = await deps.ledger.get(plays.map((p) => ({ companyId: p.companyId, kind: p.kind })));
  const stillOpen = await openRecords(deps, plays, records, result);
  const toCreate = plays.filter((_, i) => !stillOpen.has(i));
  if (toCreate.length === 0) return result;

  const at = deps.now();
  const tasks: KeyedPlay[] = toCreate.map((p) => ({ ...p, playKey: playMarker(deps.portalId, p.companyId, p.kind, at) }));
  await deps.ledger.put(tasks.map((t) => ({ companyId: t.companyId, kind: t.kind, record: { state: 'pending', playKey: t.playKey, at } })));
  const outcome = await createTasksRecovering(deps.crm, tasks);
  const done = tasks.flatMap((t) => {
    const taskId = outcome.created.get(t.playKey);
    return taskId ? [{ companyId: t.companyId, kind: t.kind, record: { state: 'created' as const, playKey: t.playKey, taskId, at } }] : [];
  });
  await deps.ledger.put(done);
  result.created = done.length;
  const byKey = new Map(tasks.map((t) => [t.playKey, t]));
  result.failed = outcome.failed.map((f) => ({ companyId: byKey.get(f.playKey)!.companyId, ...f }));
  return result;
}

/** Indexes of plays whose earlier task is still open (or was created before a crash). */
async function openRecords(deps: CreatePlaysDeps, plays: readonly Play[], records: (PlayRecord | null)[], result: CreatePlaysResult): Promise<Set<number>> {
  const pending = records.flatMap((r, i) => (r?.state === 'pending' ? [{ r, i }] : []));
  if (pending.length > 0) {
    const found = await deps.crm.findTasksByPlayKey(pending.map((p) => p.r.playKey));
    const recovered = pending.flatMap(({ r, i }) => {
      const taskId = found.get(r.playKey);
      if (!taskId) return [];
      const record: PlayRecord = { ...r, state: 'created', taskId };
      records[i] = record;
      return [{ companyId: plays[i]!.companyId, kind: plays[i]!.kind, record }];
    });
    await deps.ledger.put(recovered);
    result.recovered = recovered.length;
  }
  const open = new Set<number>();
  const created = records.flatMap((r, i) => (r?.state === 'created' && r.taskId ? [{ taskId: r.taskId, i }] : []));
  if (created.length > 0) {
    const openIds = await deps.crm.openTasks(created.map((c) => c.taskId));
    for (const c of created) if (openIds.has(c.taskId)) open.add(c.i);
  }
  result.skippedOpen = open.size;
  return open;
}
