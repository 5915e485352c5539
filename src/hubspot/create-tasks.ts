// Batch creation of tasks associated with their company (task → company, type 192), 100 per call.
// Each input carries an objectWriteTraceId (its index) so results and 207 errors map back to inputs:
// HubSpot returns results out of order and does not echo associations. Creation is not idempotent,
// so a failed call is never repeated here (only waits for 429 and a 401 refresh, which HubSpot did
// not process); the caller decides, knowing which inputs were created.
import type { Task } from '../model/plays.ts';
import { chunk } from './chunk.ts';
import type { HubSpotCaller } from './hubspot-caller.ts';
import { BatchObjectsSchema, parseResponse, type StandardError } from './response-schemas.ts';

export const TASK_BATCH_LIMIT = 100;
export const TASK_TO_COMPANY = 192;

export interface TaskCreated {
  index: number;
  companyId: string;
  taskId: string;
}

export interface TaskFailure {
  index: number;
  companyId: string;
  message: string;
  category?: string;
}

export interface CreateTasksResult {
  created: TaskCreated[];
  failed: TaskFailure[];
}

/** Further task properties for a task, e.g. the caller's idempotency marker. */
export type TaskProperties<T extends Task> = (task: T) => Record<string, string>;

function toInput<T extends Task>(t: T, index: number, propertiesOf: TaskProperties<T>) {
  return {
    objectWriteTraceId: String(index),
    properties: {
      hs_timestamp: t.dueAt.toISOString(),
      hs_task_subject: t.subject,
      hs_task_body: t.body,
      hs_task_status: 'NOT_STARTED',
      hs_task_priority: t.priority,
      hs_task_type: 'TODO',
      ...(t.ownerId ? { hubspot_owner_id: t.ownerId } : {}),
      ...propertiesOf(t),
    },
    associations: [
      { to: { id: t.companyId }, types: [{ associationCategory: 'HUBSPOT_DEFINED' as const, associationTypeId: TASK_TO_COMPANY }] },
    ],
  };
}

const traceIdsOf = (e: StandardError): string[] => e.context?.objectWriteTraceId ?? [];
const fingerprint = (subject: string | null | undefined, due: string | null | undefined): string => `${subject ?? ''}\u0000${due ?? ''}`;

/** Task ids by input index: by objectWriteTraceId, else (a result without it) by subject and due time. */
function matchResults(batch: Array<{ t: Task; index: number }>, results: Array<{ id: string; objectWriteTraceId?: string; properties: Record<string, string | null> }>) {
  const matched = new Map<number, string>();
  const untraced = new Map<string, string[]>();
  for (const r of results) {
    if (r.objectWriteTraceId !== undefined) matched.set(Number(r.objectWriteTraceId), r.id);
    else {
      const key = fingerprint(r.properties.hs_task_subject, r.properties.hs_timestamp);
      untraced.set(key, [...(untraced.get(key) ?? []), r.id]);
    }
  }
  for (const { t, index } of batch) {
    if (matched.has(index)) continue;
    const id = untraced.get(fingerprint(t.subject, t.dueAt.toISOString()))?.shift();
    if (id) matched.set(index, id);
  }
  return matched;
}

export async function createTasks<T extends Task>(call: HubSpotCaller, tasks: readonly T[], propertiesOf: TaskProperties<T> = () => ({})): Promise<CreateTasksResult> {
  const out: CreateTasksResult = { created: [], failed: [] };
  const indexed = tasks.map((t, index) => ({ t, index }));
  for (const batch of chunk(indexed, TASK_BATCH_LIMIT)) {
    const res = await call('tasks.batchCreate', async (sdk) =>
      parseResponse(
        BatchObjectsSchema,
        // The SDK's enum type for associationCategory is nominal; the wire value is this string.
        await sdk.crm.objects.tasks.batchApi.create({ inputs: batch.map(({ t, index }) => toInput(t, index, propertiesOf)) as never }),
        'tasks batch create',
      ),
    );
    const byIndex = matchResults(batch, res.results);
    const errors = res.errors ?? [];
    for (const { t, index } of batch) {
      const taskId = byIndex.get(index);
      if (taskId) {
        out.created.push({ index, companyId: t.companyId, taskId });
        continue;
      }
      const e = errors.find((x) => traceIdsOf(x).includes(String(index))) ?? (errors.length === 1 ? errors[0] : undefined);
      out.failed.push({ index, companyId: t.companyId, message: e?.message ?? 'not confirmed by HubSpot', category: e?.category });
    }
  }
  return out;
}
