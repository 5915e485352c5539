// Task creation that survives a transient failure inside the job. Creation is not idempotent, so a
// 5xx or a timeout leaves its outcome unknown: HubSpot may have created some of the tasks. Each
// task carries its play key, so after a pause (HubSpot's search is eventually consistent) the
// tasks are looked up by key, the ones found are kept, and only the missing ones are created again.
// This is what a job retry would do (create-plays.ts's "pending" recovery), without spending a job
// attempt: R4 at 20,000 events left jobs failed after all their attempts on 5xx from task creation.
import { TransientError } from '../src/errors.ts';
import type { CrmPort, KeyedPlay } from './crm-port.ts';

export type CreateOutcome = Awaited<ReturnType<CrmPort['createTasks']>>;

export interface RecoveringOptions {
  /** Lookups and re-creations after a transient failure (default 2). */
  retries?: number;
  /** Pause before the first lookup, doubled before each next one (default 2 s). */
  pauseMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function createTasksRecovering(crm: CrmPort, tasks: readonly KeyedPlay[], opts: RecoveringOptions = {}): Promise<CreateOutcome> {
  const sleep = opts.sleep ?? defaultSleep;
  const created = new Map<string, string>();
  let remaining = [...tasks];
  for (let attempt = 0; ; attempt++) {
    try {
      const outcome = await crm.createTasks(remaining);
      for (const [key, id] of outcome.created) created.set(key, id);
      return { created, failed: outcome.failed };
    } catch (err) {
      if (!(err instanceof TransientError) || attempt >= (opts.retries ?? 2)) throw err;
      await sleep((opts.pauseMs ?? 2000) * 2 ** attempt);
      const found = await crm.findTasksByPlayKey(remaining.map((t) => t.playKey));
      for (const [key, id] of found) created.set(key, id);
      remaining = remaining.filter((t) => !found.has(t.playKey));
      if (remaining.length === 0) return { created, failed: [] };
    }
  }
}
