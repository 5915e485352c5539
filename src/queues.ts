// Queue names and job options shared by webhooks/ (producer) and jobs/ (workers); the two never
// import each other, so the contract lives here.
import { Queue, type Job } from 'bullmq';
import type { RedisClient } from './store/redis-client.ts';

export const FLUSH_QUEUE = 'kam-flush';
export const PASS_QUEUE = 'kam-pass';

export interface FlushJobData {
  portalId: string;
  /** What the flush's current step already asked HubSpot, saved when it gave its slot back (jobs/call-journal.ts). */
  journal?: Record<string, string>;
}

/** Deduplication id of a portal's flush: never all digits and never ':' (BullMQ's rules for ids). */
export function flushJobId(portalId: string | number): string {
  return `flush-${portalId}`;
}

/**
 * The flush queue on a given connection. On the request path pass a producer connection with
 * `enableOfflineQueue: false` so that an add fails fast instead of waiting for Redis.
 */
export function createFlushQueue(connection: RedisClient, prefix: string): Queue<FlushJobData> {
  return new Queue<FlushJobData>(FLUSH_QUEUE, { connection, prefix });
}

/**
 * Makes sure one flush job is pending for the portal. Uses BullMQ deduplication rather than a
 * fixed jobId: a kept failed job with a fixed id would swallow every later add for that portal,
 * and an add while the flush is active would be dropped although new ids may have been marked
 * after it took its batch. `keepLastIfActive` queues exactly one follow-up in that case.
 * Returns the id of the job that will run (an existing one when deduplicated).
 */
export async function requestFlush(queue: Queue<FlushJobData>, portalId: string | number, delayMs: number): Promise<string | undefined> {
  const job: Job<FlushJobData> = await queue.add(
    'flush',
    { portalId: String(portalId) },
    {
      delay: Math.max(0, delayMs),
      deduplication: { id: flushJobId(portalId), keepLastIfActive: true },
      removeOnComplete: true,
      removeOnFail: false,
      attempts: 8,
      backoff: { type: 'exponential', delay: 1000 },
    },
  );
  return job.id;
}

export interface PassJobData {
  portalId: string;
  reason: 'install' | 'settings' | 'schedule' | 'manual';
}

export function createPassQueue(connection: RedisClient, prefix: string): Queue<PassJobData> {
  return new Queue<PassJobData>(PASS_QUEUE, { connection, prefix });
}

/** Queues a full portfolio pass; one pending per portal (a second request while one waits is the same pass). */
export async function requestPass(queue: Queue<PassJobData>, portalId: string, reason: PassJobData['reason']): Promise<string | undefined> {
  const job = await queue.add(
    'pass',
    { portalId, reason },
    {
      deduplication: { id: `pass-${portalId}`, keepLastIfActive: true },
      removeOnComplete: { count: 100 },
      removeOnFail: false,
      attempts: 5,
      backoff: { type: 'exponential', delay: 5000 },
    },
  );
  return job.id;
}

/** Job states a portal's jobs may be kept in; an active job finishes (it stops at once for an uninstalled portal). */
const REMOVABLE_STATES = ['completed', 'failed', 'delayed', 'wait', 'paused', 'prioritized', 'waiting-children'] as const;

/**
 * Removes every job of the portal from these queues (its uninstall): kept failed and completed
 * ones, and any still waiting. BullMQ drops a job's deduplication key with the job.
 * Returns how many jobs were removed.
 */
export async function removePortalJobs(redis: RedisClient, queues: readonly Queue[], portalId: string): Promise<number> {
  const page = 1000;
  let removed = 0;
  for (const queue of queues) {
    for (const state of REMOVABLE_STATES) {
      for (let start = 0; ;) {
        const jobs = await queue.getJobs([state], start, start + page - 1, true);
        const mine = jobs.filter((job) => (job?.data as { portalId?: unknown } | undefined)?.portalId === portalId);
        for (const job of mine) await job.remove();
        removed += mine.length;
        if (jobs.length < page) break;
        start += page - mine.length; // what was removed no longer takes a place
      }
    }
    await forgetPortalEvents(redis, queue, portalId);
  }
  return removed;
}

/**
 * Deletes the entries of the queue's event stream (bounded by BullMQ to ~10,000) that name the
 * portal: its deduplication ids (`flush-<portal>`) appear in `deduplicated` events.
 */
async function forgetPortalEvents(client: RedisClient, queue: Queue, portalId: string): Promise<void> {
  const stream = queue.toKey('events');
  const names = new RegExp(`(^|[^0-9])${portalId}([^0-9]|$)`);
  let from = '-';
  for (;;) {
    const entries = await client.xrange(stream, from, '+', 'COUNT', 1000);
    const naming = entries.filter(([, fields]) => fields.some((f) => names.test(f))).map(([id]) => id);
    if (naming.length) await client.xdel(stream, ...naming);
    if (entries.length < 1000) return;
    from = `(${entries[entries.length - 1]![0]}`;
  }
}
