// The BullMQ workers: flushes, full passes, and the maintenance schedules (the sweeper that keeps
// the "every dirty portal has a flush" promise, and the daily pass). Thin: each processor hands
// the portal's work to flush-portal.ts or portfolio-pass.ts under the portal's locks.
import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Logger } from '../src/logger.ts';
import {
  createFlushQueue, createPassQueue, FLUSH_QUEUE, PASS_QUEUE, removePortalJobs, requestFlush, requestPass, type FlushJobData, type PassJobData,
} from '../src/queues.ts';
import { dirtyPortals } from '../src/store/dirty-marks.ts';
import { migrateLegacyDirtyPortals, migratePortalKeys } from '../src/store/migrate-portal-keys.ts';
import { recordFlushLatency } from '../src/store/flush-latency.ts';
import type { RedisClient } from '../src/store/redis-client.ts';
import { FlushedDuringPass } from '../src/store/flushed-during-pass.ts';
import { depthPropertiesReady } from '../src/store/portal-profile.ts';
import type { SettingsStore } from '../src/store/settings-store.ts';
import type { CrmPort } from './crm-port.ts';
import { CallJournal, journaledCrm } from './call-journal.ts';
import { portalsDueBetween } from './daily-pass-times.ts';
import { flushPortal, type FlushOutcome } from './flush-portal.ts';
import { portfolioPass, type UnderLock } from './portfolio-pass.ts';
import { passLockKey, withLock, withPortalLock } from '../src/store/portal-lock.ts';
import { NO_DEPTH, type DepthAccess, type PortalDeps } from './portal-deps.ts';
import { postpone, runPortalJob } from './run-portal-job.ts';

export const MAINTENANCE_QUEUE = 'kam-maintenance';
/**
 * A flush waits this long for its portal's lock before trying again later: the lock is held by a
 * full pass only for one write batch at a time, so waiting beats a retry after the busy delay.
 */
const FLUSH_LOCK_WAIT_MS = 10_000;
/** How long a flush gathers changes, from the first, while its portal's full pass runs. */
export const PASS_GATHER_MS = 4000;
/** When the daily-pass tick last ran (the next one queues the passes due since). */
const dailyTickKey = (prefix: string): string => `${prefix}:daily-pass-tick`;

export interface WorkerDeps {
  /** A connection for BullMQ workers (maxRetriesPerRequest: null). */
  connection: RedisClient;
  /** A connection for our own state. */
  redis: RedisClient;
  prefix: string;
  concurrency: number;
  settings: SettingsStore;
  logger: Logger;
  /**
   * The portal's HubSpot port; a full pass's (`'pass'`) leaves part of each window to the flushes.
   * A flush's should throw NoBudgetError (or a RateLimitedError) rather than wait for budget longer
   * than IN_SLOT_WAIT_MS: the flush then gives its slot back until then; otherwise it waits in place.
   */
  crmFor: (portalId: string, use?: 'flush' | 'pass') => Promise<CrmPort>;
  /** Creates the portal's properties (before its first pass, and on the first pass after an upgrade that added some). */
  provision: (portalId: string) => Promise<void>;
  /** Reads what an admin may change in the portal's account between passes (its company currency). */
  refreshProfile?: (portalId: string) => Promise<void>;
  /**
   * Which account-depth reads the portal grants (its contacts, line items and products features);
   * none when not given. Whether the depth outputs are written is provisioning's flag.
   */
  depthReads?: (portalId: string) => Promise<Omit<DepthAccess, 'outputs'>>;
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
  /** How long after an uninstall its jobs are removed (default FORGET_PORTAL_DELAY_MS). */
  forgetPortalDelayMs?: number;
  /** How often the daily passes whose time came are queued (default every 5 minutes). */
  dailyPassTickMs?: number;
  /** False: no daily pass (DAILY_PASSES=off); a schedule an earlier start left is removed. */
  dailyPasses?: boolean;
  now?: () => number;
}

export interface RunningWorkers {
  flushQueue: Queue<FlushJobData>;
  passQueue: Queue<PassJobData>;
  close(): Promise<void>;
}

/**
 * A portal installed before this release lacks the properties it added: the first pass provisions
 * what is missing (idempotent: only reads when all is there). It never stops the pass: until a run
 * succeeds, the depth flag stays unset, so no write names the missing properties, and the next
 * pass tries again.
 */
async function provisionAfterUpgrade(deps: WorkerDeps, portalId: string): Promise<void> {
  if (await depthPropertiesReady(deps.redis, deps.prefix, portalId)) return;
  try {
    await deps.provision(portalId);
  } catch (err) {
    deps.logger.warn({ portalId, err }, 'provisioning after an upgrade failed; the pass goes on without the new properties');
  }
}

/** Before each pass: a failure keeps what was read before (the money format is no reason to stop a pass). */
async function refreshProfile(deps: WorkerDeps, portalId: string): Promise<void> {
  try {
    await deps.refreshProfile?.(portalId);
  } catch (err) {
    deps.logger.warn({ portalId, err }, 'could not read the portal account details; the currency read before is kept');
  }
}

async function portalDeps(deps: WorkerDeps, portalId: string, job: Job, use: 'flush' | 'pass' = 'flush'): Promise<PortalDeps> {
  return {
    redis: deps.redis, prefix: deps.prefix, portalId, settings: deps.settings,
    crm: await deps.crmFor(portalId, use),
    tasksEnabled: deps.tasksEnabled ? await deps.tasksEnabled(portalId) : true,
    depth: {
      ...(deps.depthReads ? await deps.depthReads(portalId) : NO_DEPTH),
      outputs: await depthPropertiesReady(deps.redis, deps.prefix, portalId),
    },
    logger: deps.logger.child({ portalId, jobId: job.id, queue: job.queueName }),
    now: deps.now ?? Date.now,
  };
}

/** After an uninstall, the portal's jobs go too (later: the job that found out is still running). */
export const FORGET_PORTAL_DELAY_MS = 10_000;

/**
 * Runs a portal job; a revoked install removes the portal's data before the job fails for good,
 * and asks the maintenance queue to remove the portal's jobs once this one has settled.
 */
function guarded<T>(deps: WorkerDeps, maintenance: Queue, portalId: string, run: () => Promise<T>): Promise<T> {
  return run().catch(async (err: unknown) => {
    if (err instanceof UnrecoverableError && err.message.startsWith('portal uninstalled') && deps.onPortalRevoked) {
      await deps.onPortalRevoked(portalId);
      await maintenance.add('forget-portal', { portalId }, { delay: deps.forgetPortalDelayMs ?? FORGET_PORTAL_DELAY_MS, removeOnComplete: true, removeOnFail: 100 });
      deps.logger.warn({ portalId }, 'refresh token refused: portal uninstalled and its data removed');
    }
    throw err;
  });
}

export async function startWorkers(deps: WorkerDeps): Promise<RunningWorkers> {
  const { connection, prefix } = deps;
  // State written by the previous version's key layout moves before any job reads the new one.
  await migratePortalKeys(deps.redis, prefix, deps.logger);
  const flushQueue = createFlushQueue(connection, prefix);
  const passQueue = createPassQueue(connection, prefix);
  const maintenance = new Queue(MAINTENANCE_QUEUE, { connection, prefix });
  const tickMs = deps.dailyPassTickMs ?? 5 * 60_000;

  const flushWorker = new Worker<FlushJobData>(FLUSH_QUEUE, async (job, token) => {
    const { portalId } = job.data;
    if (!(await deps.isInstalled(portalId))) return { skipped: 'not installed' };
    // While the portal's full pass runs, its flushes share the pass's call budget, and a flush
    // costs its calls however few companies it carries: they gather changes for longer before they
    // start, leaving the pass most of the budget (quality.md P6c: the pass at most 10 % longer,
    // changes written within the delay + 5 s).
    const gatherUntil = job.timestamp + PASS_GATHER_MS;
    if (!job.data.journal && (deps.now ?? Date.now)() < gatherUntil && (await new FlushedDuringPass(deps.redis, prefix, portalId).running())) {
      return postpone(job, token, gatherUntil);
    }
    const journal = CallJournal.from(job.data.journal);
    const flush = async (): Promise<FlushOutcome> => {
      const base = await portalDeps(deps, portalId, job);
      return flushPortal({ ...base, crm: journaledCrm(base.crm, journal) }, undefined, journal);
    };
    const saveJournal = () => job.updateData({ portalId, journal: journal.toJSON() });
    const outcome = await guarded(deps, maintenance, portalId, () => runPortalJob(job, token, () => withPortalLock(deps.redis, prefix, portalId, flush, { waitMs: FLUSH_LOCK_WAIT_MS }), deps.now, saveJournal));
    // Marks that landed during the last round: their own events asked for a flush already, this
    // makes sure (it is the same deduplicated job, created when this one completes). They were all
    // made after that round took its marks, so their delay runs from then, not from when this job
    // ends: otherwise every flush's own length is added to the wait of the changes made during it,
    // and a portal under a steady stream is flushed every delay + flush instead of every delay.
    const now = (deps.now ?? Date.now)();
    if (outcome.remaining > 0) await requestFlush(flushQueue, portalId, Math.max(0, outcome.lastTakenAt + deps.flushDelayMs - now));
    // From the flush request (the first event of a burst) to its scores written, coalescing delay included.
    await recordFlushLatency(deps.redis, prefix, (now - job.timestamp) / 1000).catch(() => undefined);
    return outcome;
  }, { connection, prefix, concurrency: deps.concurrency });

  const passWorker = new Worker<PassJobData>(PASS_QUEUE, async (job, token) => {
    const { portalId } = job.data;
    if (!(await deps.isInstalled(portalId))) return { skipped: 'not installed' };
    // One pass per portal at a time; the portal lock only around the pass's swap and write
    // batches, so the portal's flushes go on while it reads (see portfolio-pass.ts).
    const underLock: UnderLock = (work) => withPortalLock(deps.redis, prefix, portalId, work, { waitMs: Number.POSITIVE_INFINITY, giveWayMs: FLUSH_LOCK_WAIT_MS });
    const outcome = await guarded(deps, maintenance, portalId, () => runPortalJob(job, token, () => withLock(deps.redis, passLockKey(prefix, portalId), async () => {
      if (job.data.reason === 'install') await deps.provision(portalId);
      else await provisionAfterUpgrade(deps, portalId);
      await refreshProfile(deps, portalId);
      return portfolioPass(await portalDeps(deps, portalId, job, 'pass'), (p) => job.updateProgress({ ...p }), underLock);
    })));
    // Companies a flush recomputed during the pass are marked again: their flush follows now.
    if (outcome.flushedMeanwhile > 0) await requestFlush(flushQueue, portalId, 0);
    return outcome;
  }, { connection, prefix, concurrency: Math.max(1, Math.floor(deps.concurrency / 2)), lockDuration: 60_000 });

  const maintenanceWorker = new Worker(MAINTENANCE_QUEUE, async (job) => {
    if (job.name === 'sweep') {
      // Marks a receiver of the previous version may still write (one SMEMBERS when there are none).
      await migrateLegacyDirtyPortals(deps.redis, prefix);
      const portals = await dirtyPortals(deps.redis, prefix);
      for (const portalId of portals) await requestFlush(flushQueue, portalId, 0);
      return { flushesRequested: portals.length };
    }
    if (job.name === 'forget-portal') {
      const { portalId } = job.data as { portalId: string };
      return { jobsRemoved: await removePortalJobs(connection, [flushQueue, passQueue], portalId) };
    }
    // Each portal's daily pass at its own time of day (daily-pass-times.ts), since the last tick.
    const now = (deps.now ?? Date.now)();
    const last = Number(await deps.redis.set(dailyTickKey(prefix), String(now), 'GET')) || now - tickMs;
    const due = portalsDueBetween(await deps.installedPortals(), last, now);
    for (const portalId of due) await requestPass(passQueue, portalId, 'schedule');
    return { passesRequested: due.length };
  }, { connection, prefix, concurrency: 1 });

  await maintenance.upsertJobScheduler('sweep', { every: deps.sweepEveryMs ?? 15_000 }, { name: 'sweep', opts: { removeOnComplete: true, removeOnFail: 100 } });
  if (deps.dailyPasses === false) await maintenance.removeJobScheduler('daily-pass');
  else await maintenance.upsertJobScheduler('daily-pass', { every: tickMs }, { name: 'daily-pass', opts: { removeOnComplete: true, removeOnFail: 100 } });

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
