// The one path from an authentic body to durable work, shared by the HTTP route and the
// dead-letter replay: parse, group by portal, map events to marks, write them (one atomic step per
// portal), then ask for a flush. Throws only when Redis did not take the marks.
import type { Queue } from 'bullmq';
import type { RedisClient } from '../src/store/redis-client.ts';
import { requestFlush, type FlushJobData } from '../src/queues.ts';
import { markDirty, marksCount } from '../src/store/dirty-marks.ts';
import { parseWebhookBatch, type WebhookEvent } from './event-schemas.ts';
import { eventsToMarks } from './events-to-marks.ts';
import type { InstalledCheck } from './installed-portals.ts';

export interface IngestDeps {
  redis: RedisClient;
  prefix: string;
  flushQueue: Queue<FlushJobData>;
  appId: string | undefined;
  flushDelayMs: number;
  /** Bound on the fast-path flush request: BullMQ waits forever for a connection that never came up. */
  flushTimeoutMs?: number;
  /**
   * Which portals have the app installed; events of the others are counted and dropped, leaving no
   * mark (R12: a signed batch naming thousands of strangers' portals must not create their state).
   * Without it every portal counts as installed (replays in tests).
   */
  installed?: InstalledCheck;
}

export const DEFAULT_FLUSH_TIMEOUT_MS = 1000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`flush request took over ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export type IngestOutcome =
  | {
    kind: 'accepted';
    events: number;
    /** Portals whose marks were written. */
    portals: string[];
    droppedOwn: number;
    /** Events of portals that have not installed the app (or have uninstalled): dropped. */
    notInstalled: number;
    unknownTypes: Record<string, number>;
    /** The fast-path flush request failed; the marks are durable and the sweeper will queue it. */
    flushErrors: { portalId: string; err: unknown }[];
  }
  | { kind: 'invalid'; issues: string[] };

export function groupByPortal(events: readonly WebhookEvent[]): Map<string, WebhookEvent[]> {
  const groups = new Map<string, WebhookEvent[]>();
  for (const event of events) {
    const group = groups.get(event.portalId);
    if (group) group.push(event);
    else groups.set(event.portalId, [event]);
  }
  return groups;
}

export async function ingestBatch(deps: IngestDeps, body: string): Promise<IngestOutcome> {
  const parsed = parseWebhookBatch(body);
  if (!parsed.ok) return { kind: 'invalid', issues: parsed.issues };
  const portals: string[] = [];
  let droppedOwn = 0;
  let notInstalled = 0;
  const groups = groupByPortal(parsed.events);
  const ids = [...groups.keys()];
  const installed = deps.installed && ids.length ? await deps.installed(ids) : ids.map(() => true);
  // Sequential on purpose: a failure part-way answers 5xx, HubSpot resends the whole batch, and
  // re-marking the portals already written is harmless.
  for (const [i, [portalId, events]] of [...groups].entries()) {
    if (!installed[i]) {
      notInstalled += events.length;
      continue;
    }
    const result = eventsToMarks(events, { portalId, appId: deps.appId });
    droppedOwn += result.droppedOwn;
    if (marksCount(result.marks) === 0) continue;
    await markDirty(deps.redis, deps.prefix, portalId, result.marks);
    portals.push(portalId);
  }
  const flushErrors: { portalId: string; err: unknown }[] = [];
  const timeoutMs = deps.flushTimeoutMs ?? DEFAULT_FLUSH_TIMEOUT_MS;
  await Promise.all(portals.map((portalId) =>
    withTimeout(requestFlush(deps.flushQueue, portalId, deps.flushDelayMs), timeoutMs)
      .catch((err: unknown) => void flushErrors.push({ portalId, err }))));
  return { kind: 'accepted', events: parsed.events.length, portals, droppedOwn, notInstalled, unknownTypes: parsed.unknownTypes, flushErrors };
}
