// Re-runs a dead-lettered batch through the same path as a live webhook (parse → marks → flush),
// typically after the schema was fixed. The entry is removed only once its marks are durable.
import { getDeadLetter, removeDeadLetter } from '../src/store/dead-letters.ts';
import { ingestBatch, type IngestDeps } from './ingest-batch.ts';

export type ReplayOutcome =
  | { kind: 'replayed'; events: number; portals: string[] }
  | { kind: 'still-invalid'; issues: string[] }
  | { kind: 'not-found' };

export async function replayDeadLetter(deps: IngestDeps, id: string): Promise<ReplayOutcome> {
  const entry = await getDeadLetter(deps.redis, deps.prefix, id);
  if (!entry) return { kind: 'not-found' };
  const outcome = await ingestBatch(deps, entry.body);
  if (outcome.kind === 'invalid') return { kind: 'still-invalid', issues: outcome.issues };
  await removeDeadLetter(deps.redis, deps.prefix, id);
  return { kind: 'replayed', events: outcome.events, portals: outcome.portals };
}
