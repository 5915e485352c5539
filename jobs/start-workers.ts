// The BullMQ workers: flushes, full passes, and the maintenance schedules (the sweeper that keeps
// the "every dirty portal has a flush" promise, and the daily pass). Thin: each processor hands
// the portal's work to flush-portal.ts or portfolio-pass.ts under the portal lock.
import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../src/logger.ts';
import { createFlushQueue, createPassQueue, FLUSH_QUEUE, PASS_QUEUE, requestFlush, requestPass, type FlushJobData, type PassJobData } from '../src/queues.ts';
import { dirtyPortals } from '../src/store/dirty-marks.ts';
import { recordFlushLatency } from '../src/store/flush-latency.ts';
import type { SettingsStore } from '../src/store/settings-store.ts';
import type { CrmPort } from './crm-port.ts';
import { flushPortal } from './flush-portal.ts';
import { portfolioPass } from './portfolio-pass.ts';
import { withPortalLock } from './portal-lock.ts';
import type { PortalDeps } from './portal-deps.ts';
import { runPortalJob } from './run-portal-job.ts';

export const MAINTENANCE_QUEUE = 'kam-maintenance';

export interface WorkerDeps {
  /** A connection for BullMQ workers (maxRetriesPerRequest: null). */
  connection: Redis;
  /** A connection for our own state. */
  redis: Redis;
  prefix: string;
  concurrency: number;
  settings: SettingsStore;
  logger: Logger;
  crmFor: (portalId: string) => Promise<CrmPort>;
  /** Creates the portal's properties (before its first pass). */
  provision: (portalId: string) => Promise<void>;
  /** Whether the portal's play tasks are on (its optional task scopes granted); on when not given. */
  tasksEnabled?: (portalId: string) => Promise<boolean>;
  /** Installed portals (the daily pass) and whether one still is (skip uninstalled ones). */
  installedPortals: () => Promise<string[]>;
  isInstalled: (portalId: string) => Promise<boolean>;
  /** HubSpot refused the portal's refresh token (the app was uninstalled): remove its data. */
  onPortalRevoked?: (portalId: string) => Promise<void>;
  /** The coalescing delay (FLUSH_DELAY_MS) of a flush the flush itself asks for (marks left for the next one). */
  flushDelayMs: number;
  sweepEveryMs?: number;
  dailyPassPattern?: string;
  now?: () => number;
}

export interface RunningWorkers {
  flushQueue: Queue<FlushJobData>;
  passQueue: Queue<PassJobData>;
  close(): Promise<void>;
}

async function portalDeps(deps: WorkerDeps, portalId: string, job: Job): Promise<PortalDeps> {
  return {
    redis: deps.redis, prefix: deps.prefix, portalId, settings: deps.settings,
    crm: await deps.crmFor(portalId),
    tasksEnabled: deps.tasksEnabled ? await deps.tasksEnabled(portalId) : true,
    logger: deps.logger.child({ portalId, jobId: job.id, queue: job.queueName }),
    now: deps.now ?? Date.now,
  };
}

/** Runs a portal job; a revoked install removes the portal's data before the job fails for good. */
function guarded<T>(deps: WorkerDeps, portalId: string, run: () => Promise<T>): Promise<T> {
  return run().catch(async (err: unknown) => {
    if (err instanceof UnrecoverableError && err.message.startsWith('portal uninstalled') && deps.onPortalRevoked) {
      await deps.onPortalRevoked(portalId);
      deps.logger.warn({ portalId }, 'refresh token refused: portal uninstalled and its data removed');
    }
    throw err;
  });
}

export async function startWorkers(deps: WorkerDeps): Promise<RunningWorkers> {
  const { connection, prefix } = deps;
  const flushQueue = createFlushQueue(connection, prefix);
  const passQueue = createPassQueue(connection, prefix);
  const maintenance = new Queue(MAINTENANCE_QUEUE, { connection, prefix });

  const flushWorker = new Worker<FlushJobData>(FLUSH_QUEUE, async (job, token) => {
    const { portalId } = job.data;
    if (!(await deps.isInstalled(portalId))) return { skipped: 'not installed' };
    const outcome = await guarded(deps, portalId, () => runPortalJob(job, token, async () => withPortalLock(deps.redis, prefix, portalId, async () => flushPortal(await portalDeps(deps, portalId, job)))));
    // From the flush request (the first event of a burst) to its scores written, coalescing delay included.
    await recordFlushLatency(deps.redis, prefix, ((deps.now ?? Date.now)() - job.timestamp) / 1000).catch(() => undefined);
    // Marks that landed during the last round: their own events asked for a flush already, this
    // makes sure (it is the same deduplicated job, created when this one completes).
    if (outcome.remaining > 0) await requestFlush(flushQueue, portalId, deps.flushDelayMs);
    return outcome;
  }, { connection, prefix, concurrency: deps.concurrency });

  const passWorker = new Worker<PassJobData>(PASS_QUEUE, async (job, token) => {
    const { portalId } = job.data;
    if (!(await deps.isInstalled(portalId))) return { skipped: 'not installed' };
    return guarded(deps, portalId, () => runPortalJob(job, token, async () => withPortalLock(deps.redis, prefix, portalId, async () => {
      if (job.data.reason === 'install') await deps.provision(portalId);
      return portfolioPass(await portalDeps(deps, portalId, job), (p) => job.updateProgress({ ...p }));
    })));
  }, { connection, prefix, concurrency: Math.max(1, Math.floor(deps.concurrency / 2)), lockDuration: 60_000 });

  const maintenanceWorker = new Worker(MAINTENANCE_QUEUE, async (job) => {
    if (job.name === 'sweep') {
      const portals = await dirtyPortals(deps.redis, prefix);
      for (const portalId of portals) await requestFlush(flushQueue, portalId, 0);
      return { flushesRequested: portals.length };
    }
    const portals = await deps.installedPortals();
    for (const portalId of portals) await requestPass(passQueue, portalId, 'schedule');
    return { passesRequested: portals.length };
  }, { connection, prefix, concurrency: 1 });

  await maintenance.upsertJobScheduler('sweep', { every: deps.sweepEveryMs ?? 15_000 }, { name: 'sweep', opts: { removeOnComplete: true, removeOnFail: 100 } });
  await maintenance.upsertJobScheduler('daily-pass', { pattern: deps.dailyPassPattern ?? '0 3 * * *' }, { name: 'daily-pass', opts: { removeOnComplete: true, removeOnFail: 100 } });

  const workers = [flushWorker, passWorker, maintenanceWorker];
  for (const w of workers) {
    // Logged once here, at the boundary; the job itself is kept in the failed set for `kam jobs`.
    w.on('failed', (job, err) => deps.logger.error({ err, jobId: job?.id, queue: w.name, portalId: job?.data?.portalId, attempts: job?.attemptsMade }, 'job failed'));
    w.on('error', (err) => deps.logger.error({ err, queue: w.name }, 'worker error'));
  }
  return {
    flushQueue,
    passQueue,
    async close() {
      // Graceful: running jobs finish (or reach a safe point) before the connections close.
      await Promise.all(workers.map((w) => w.close()));
      await Promise.all([flushQueue.close(), passQueue.close(), maintenance.close()]);
    },
  };
}
