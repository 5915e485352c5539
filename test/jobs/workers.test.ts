// The queue behaviour on a real Redis with real BullMQ workers: coalescing, events during a flush,
// retries into the failed set and replay, permanent errors, several workers at once.
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { MAINTENANCE_QUEUE, PASS_GATHER_MS, startWorkers, type RunningWorkers } from '../../jobs/start-workers.ts';
import { listFailed, retryFailed } from '../../src/cli/jobs-command.ts';
import { PermanentError, TransientError, UnauthorizedError } from '../../src/errors.ts';
import { createFlushQueue, requestFlush } from '../../src/queues.ts';
import { dirtyCounts, emptyMarks, markDirty } from '../../src/store/dirty-marks.ts';
import { FlushedDuringPass } from '../../src/store/flushed-during-pass.ts';
import { SettingsStore } from '../../src/store/settings-store.ts';
import { createWorkerRedis } from '../../src/redis-connections.ts';
import type { MemoryCrm } from '../support/memory-crm.ts';
import { testRedisUrl, useTestRedis } from '../support/redis.ts';
import { portalDeps, seededCrm } from './portal-fixture.ts';
import { portfolioPass } from '../../jobs/portfolio-pass.ts';
import { waitFor } from '../support/wait-for.ts';

const ctx = useTestRedis();
const running: RunningWorkers[] = [];
const logger = pino({ level: 'silent' });
afterEach(async () => {
  await Promise.all(running.splice(0).map((w) => w.close()));
});

async function start(prefix: string, crms: Record<string, MemoryCrm>, extra: { concurrency?: number; flushDelayMs?: number; dailyPasses?: boolean; onPortalRevoked?: (p: string) => Promise<void>; forgetPortalDelayMs?: number } = {}): Promise<RunningWorkers> {
  const connection = createWorkerRedis(testRedisUrl(), logger);
  const w = await startWorkers({
    connection, redis: ctx.redis, prefix, logger, concurrency: extra.concurrency ?? 2, flushDelayMs: extra.flushDelayMs ?? 200,
    settings: new SettingsStore(ctx.redis, prefix),
    crmFor: async (portalId) => crms[portalId]!,
    provision: async () => undefined,
    installedPortals: async () => Object.keys(crms),
    isInstalled: async (portalId) => portalId in crms,
    // The sweeper runs once as the workers start, then would re-queue failed portals behind the
    // tests’ backs: keep its later runs out of the way (its own test is below).
    sweepEveryMs: 600_000,
    onPortalRevoked: extra.onPortalRevoked,
    forgetPortalDelayMs: extra.forgetPortalDelayMs,
    dailyPasses: extra.dailyPasses,
  });
  running.push({ ...w, close: async () => { await w.close(); connection.disconnect(); } });
  return w;
}

const idle = async (prefix: string, portalId: string): Promise<boolean> => {
  const counts = await dirtyCounts(ctx.redis, prefix, portalId);
  return counts.companies === 0 && counts.deals === 0;
};

/** While the first company read of a flush is under way, a rep changes one company's spend and its event is marked. */
function changeDuringFirstRead(crm: MemoryCrm, prefix: string, id: string, spend: string, after?: () => Promise<void>): void {
  let during = false;
  const read = crm.readCompanies.bind(crm);
  crm.readCompanies = async (batch, props) => {
    if (!during) {
      during = true;
      crm.companies.get(id)!.kam_category_spend = spend;
      await markDirty(ctx.redis, prefix, '1', { ...emptyMarks(), companyIds: [id] });
      await after?.();
    }
    return read(batch, props);
  };
}

describe('workers on a real Redis', () => {
  it('when a burst of 2,000 marks over 300 companies arrives with a flush request each, then each company is recomputed once', async () => {
    const prefix = `{${ctx.prefix}}`;
    const crm = seededCrm(300);
    // Installed: the first pass has scored the portal.
    await portfolioPass({ ...portalDeps(ctx, crm, '1'), prefix });
    crm.calls = {};
    const ids = [...crm.companies.keys()];
    const queue = createFlushQueue(ctx.redis, prefix);
    for (let i = 0; i < 20; i++) {
      await markDirty(ctx.redis, prefix, '1', { ...emptyMarks(), companyIds: ids.slice(0, 100 + i * 10) });
      await requestFlush(queue, '1', 200);
    }
    await start(prefix, { '1': crm });
    await waitFor(() => idle(prefix, '1'), 'the dirty set empties');
    expect(crm.calls['companies.read']).toBe(3);
    await queue.close();
  });

  it('when an event lands while a flush runs, then a following flush recomputes it (no company left dirty)', async () => {
    const prefix = `{${ctx.prefix}}`;
    const crm = seededCrm(50);
    const ids = [...crm.companies.keys()];
    const queue = createFlushQueue(ctx.redis, prefix);
    changeDuringFirstRead(crm, prefix, ids[1]!, '777000', async () => {
      await requestFlush(queue, '1', 0);
      await new Promise((r) => setTimeout(r, 100));
    });
    await markDirty(ctx.redis, prefix, '1', { ...emptyMarks(), companyIds: ids.slice(0, 10) });
    await requestFlush(queue, '1', 0);
    await start(prefix, { '1': crm });
    await waitFor(async () => (await idle(prefix, '1')) && crm.companies.get(ids[1]!)?.kam_wallet === '777000', 'the late event is recomputed');
    await queue.close();
  });

  it('when a mark lands during a flush and no flush is asked for, then the flush asks for the next one itself (the sweeper is not needed)', async () => {
    const prefix = `{${ctx.prefix}}`;
    const crm = seededCrm(30);
    const ids = [...crm.companies.keys()];
    const queue = createFlushQueue(ctx.redis, prefix);
    changeDuringFirstRead(crm, prefix, ids[2]!, '888000');
    // The workers' sweeper runs once as they start, with nothing dirty yet; its next run is ten
    // minutes away, so only the flush itself can ask for the flush the late mark needs.
    const workers = await start(prefix, { '1': crm });
    await waitFor(async () => (await workers.flushQueue.getJobCounts('completed', 'active', 'delayed', 'waiting')).active === 0, 'the workers settle');
    await new Promise((r) => setTimeout(r, 300));
    await markDirty(ctx.redis, prefix, '1', { ...emptyMarks(), companyIds: ids.slice(0, 10) });
    await requestFlush(queue, '1', 0);
    await waitFor(async () => (await idle(prefix, '1')) && crm.companies.get(ids[2]!)?.kam_wallet === '888000', 'the late mark is recomputed by a flush the flush asked for');
    expect(crm.calls['companies.read']).toBe(2);
    await queue.close();
  });

  it('when a change lands while a flush runs, then its flush comes the delay after that flush took its marks, not the delay after it ended', async () => {
    const prefix = `{${ctx.prefix}}`;
    const crm = seededCrm(20);
    await portfolioPass({ ...portalDeps(ctx, crm, '1'), prefix });
    const ids = [...crm.companies.keys()];
    const queue = createFlushQueue(ctx.redis, prefix);
    const delayMs = 4000;
    const slowMs = 1500;
    let takenBy = 0;
    // The first read comes after the flush took its marks; a change lands (its event asks for a
    // flush with the full delay, as the webhook does) and the flush then runs long.
    changeDuringFirstRead(crm, prefix, ids[1]!, '555000', async () => {
      takenBy = Date.now();
      await requestFlush(queue, '1', delayMs);
      await new Promise((r) => setTimeout(r, slowMs));
    });
    await markDirty(ctx.redis, prefix, '1', { ...emptyMarks(), companyIds: [ids[0]!] });
    await requestFlush(queue, '1', 0);
    const workers = await start(prefix, { '1': crm }, { flushDelayMs: delayMs });
    let next: Awaited<ReturnType<typeof workers.flushQueue.getDelayed>>[number] | undefined;
    await waitFor(async () => !!(next = (await workers.flushQueue.getDelayed()).find((j) => j.data.portalId === '1')), 'the next flush is queued');
    // Queued when the slow flush ended, it runs about the delay after the take: a delay counted
    // from the end would put it slowMs later (half of that is room for a busy machine's ms).
    expect(next!.timestamp).toBeGreaterThanOrEqual(takenBy + slowMs);
    expect(next!.timestamp + next!.delay).toBeLessThan(takenBy + delayMs + slowMs / 2);
    await waitFor(async () => (await idle(prefix, '1')) && crm.companies.get(ids[1]!)?.kam_wallet === '555000', 'the change is written by that flush');
    await queue.close();
  });

  it('when daily passes are off, then the workers start without the daily schedule, and remove one an earlier start left', async () => {
    const prefix = `{${ctx.prefix}}`;
    const crms = { '1': seededCrm(5) };
    const schedules = async (): Promise<string[]> => {
      const queue = new Queue(MAINTENANCE_QUEUE, { connection: ctx.redis, prefix });
      try {
        return (await queue.getJobSchedulers()).map((s) => s.key).sort();
      } finally {
        await queue.close();
      }
    };
    await start(prefix, crms);
    expect(await schedules()).toEqual(['daily-pass', 'sweep']);
    await running.pop()!.close();
    await start(prefix, crms, { dailyPasses: false });
    expect(await schedules()).toEqual(['sweep']);
  });

  it('when HubSpot keeps failing, then the flush is retried, kept as failed, listed and replayed by kam jobs', async () => {
    const prefix = `{${ctx.prefix}}`;
    const crm = seededCrm(5);
    const ids = [...crm.companies.keys()];
    const read = crm.readCompanies.bind(crm);
    let broken = true;
    crm.readCompanies = async (batch, props) => {
      if (broken) throw new TransientError('HubSpot answered 503');
      return read(batch, props);
    };
    const queue = createFlushQueue(ctx.redis, prefix);
    await markDirty(ctx.redis, prefix, '1', { ...emptyMarks(), companyIds: ids });
    await queue.add('flush', { portalId: '1' }, { attempts: 3, backoff: { type: 'fixed', delay: 20 }, removeOnFail: false });
    const w = await start(prefix, { '1': crm });
    await waitFor(async () => (await queue.getFailedCount()) === 1, 'the job lands in the failed set');
    const [failed] = await queue.getFailed();
    expect(failed?.attemptsMade).toBe(3);
    expect(await idle(prefix, '1')).toBe(false);

    const out: string[] = [];
    const io = { stdout: (t: string) => void out.push(t), stderr: (t: string) => void out.push(t), readText: async () => '', writeText: async () => undefined, now: () => new Date(), setExitCode: () => undefined };
    const access = { config: {} as never, redis: ctx.redis, queues: { flush: queue, pass: w.passQueue as never }, close: async () => undefined };
    expect(await listFailed(access, io, { limit: 10 })).toBe(1);
    expect(out.join('')).toContain('HubSpot answered 503');
    broken = false;
    expect(await retryFailed(access, io, [], { all: true })).toBe(1);
    await waitFor(() => idle(prefix, '1'), 'the replayed job recomputes every company');
    await queue.close();
  });

  it('when HubSpot refuses the request for good, then the job fails at once without retries', async () => {
    const prefix = `{${ctx.prefix}}`;
    const crm = seededCrm(3);
    crm.readCompanies = async () => {
      throw new PermanentError('property kam_quadrant does not exist');
    };
    const queue = createFlushQueue(ctx.redis, prefix);
    await markDirty(ctx.redis, prefix, '1', { ...emptyMarks(), companyIds: [...crm.companies.keys()] });
    await queue.add('flush', { portalId: '1' }, { attempts: 5, backoff: { type: 'fixed', delay: 20 }, removeOnFail: false });
    await start(prefix, { '1': crm });
    // (The sweeper also queues a flush for the dirty portal when workers start: that one fails at once too.)
    await waitFor(async () => (await queue.getFailedCount()) >= 1, 'the job fails');
    expect((await queue.getFailed()).map((j) => j.attemptsMade)).toSatisfy((attempts: number[]) => attempts.every((a) => a === 1));
    await queue.close();
  });

  it('when three workers share one Redis and three portals, then no company is written twice and every portal converges', async () => {
    const prefix = `{${ctx.prefix}}`;
    const crms: Record<string, MemoryCrm> = { '1': seededCrm(200, 1), '2': seededCrm(200, 2), '3': seededCrm(200, 3) };
    // Track how many recomputes of one portal run at once: the portal lock must keep it at one.
    const maxInFlight: Record<string, number> = {};
    for (const [portalId, crm] of Object.entries(crms)) {
      let inFlight = 0;
      const read = crm.readCompanies.bind(crm);
      crm.readCompanies = async (batch, props) => {
        inFlight += 1;
        maxInFlight[portalId] = Math.max(maxInFlight[portalId] ?? 0, inFlight);
        await new Promise((r) => setTimeout(r, 5));
        try {
          return await read(batch, props);
        } finally {
          inFlight -= 1;
        }
      };
    }
    const queue = createFlushQueue(ctx.redis, prefix);
    for (let w = 0; w < 3; w++) await start(prefix, crms, { concurrency: 3 });
    for (let round = 0; round < 5; round++) {
      for (const portalId of Object.keys(crms)) {
        await markDirty(ctx.redis, prefix, portalId, { ...emptyMarks(), companyIds: [...crms[portalId]!.companies.keys()] });
        await requestFlush(queue, portalId, 0);
      }
    }
    for (const portalId of Object.keys(crms)) await waitFor(() => idle(prefix, portalId), `portal ${portalId} converges`);
    expect(maxInFlight).toEqual({ '1': 1, '2': 1, '3': 1 });
    for (const crm of Object.values(crms)) {
      // Five rounds of marks before or during the flushes: at most one recompute per round, never parallel.
      expect(crm.calls['companies.update'] ?? 0).toBeLessThanOrEqual(2 * 5);
      for (const [, c] of crm.companies) expect(c.kam_category).toBeTruthy();
    }
    await queue.close();
  });

  it('when HubSpot refuses the refresh token, then the job fails at once, the portal data is removed, and then its failed job too', async () => {
    const prefix = `{${ctx.prefix}}`;
    const crm = seededCrm(3);
    crm.readCompanies = async () => {
      throw new UnauthorizedError('refresh token refused (BAD_REFRESH_TOKEN)', true);
    };
    const removed: string[] = [];
    const queue = createFlushQueue(ctx.redis, prefix);
    await markDirty(ctx.redis, prefix, '1', { ...emptyMarks(), companyIds: [...crm.companies.keys()] });
    await queue.add('flush', { portalId: '1' }, { attempts: 5, backoff: { type: 'fixed', delay: 20 }, removeOnFail: false });
    await start(prefix, { '1': crm }, { onPortalRevoked: async (p) => void removed.push(p), forgetPortalDelayMs: 1000 });
    await waitFor(async () => (await queue.getFailedCount()) >= 1, 'the job fails');
    expect((await queue.getFailed()).map((j) => j.attemptsMade)).toSatisfy((attempts: number[]) => attempts.every((a) => a === 1));
    expect(new Set(removed)).toEqual(new Set(['1']));
    // The uninstalled portal's jobs go once the failing job has settled (R13).
    await waitFor(async () => (await queue.getFailedCount()) === 0, 'the failed job is removed');
    await queue.close();
  });

  it('when a portal is dirty but its flush job was lost, then the sweeper queues one and the marks are processed', async () => {
    const prefix = `{${ctx.prefix}}`;
    const crm = seededCrm(20);
    // Marks written, then the process died before requestFlush: no job exists.
    await markDirty(ctx.redis, prefix, '1', { ...emptyMarks(), companyIds: [...crm.companies.keys()] });
    const connection = createWorkerRedis(testRedisUrl(), logger);
    const w = await startWorkers({
      connection, redis: ctx.redis, prefix, logger, concurrency: 1, settings: new SettingsStore(ctx.redis, prefix),
      crmFor: async () => crm, provision: async () => undefined, installedPortals: async () => ['1'], isInstalled: async () => true,
      sweepEveryMs: 200, flushDelayMs: 200,
    });
    running.push({ ...w, close: async () => { await w.close(); connection.disconnect(); } });
    await waitFor(() => idle(prefix, '1'), 'the sweeper gets the portal flushed');
    expect(crm.calls['companies.read']).toBe(1);
  });

describe('flushes during a full pass', () => {
  it('when the portal\'s pass is running, then its flush gathers changes until PASS_GATHER_MS after it was asked for, and then writes them', async () => {
    const crm = seededCrm(30);
    await portfolioPass(portalDeps(ctx, crm, '1'));
    const flushed = new FlushedDuringPass(ctx.redis, ctx.prefix, '1');
    await flushed.begin();
    const w = await start(ctx.prefix, { '1': crm });
    const [id] = [...crm.companies.keys()];
    crm.companies.get(id!)!.kam_category_spend = '987654000';
    await markDirty(ctx.redis, ctx.prefix, '1', { ...emptyMarks(), companyIds: [id!] });
    const jobId = await requestFlush(w.flushQueue, '1', 0);
    let delayedUntil = 0;
    await waitFor(async () => {
      const job = await w.flushQueue.getJob(String(jobId));
      if (!job || !(await job.isDelayed())) return false;
      // BullMQ keeps a delayed job by its due time (× 4096, plus a counter).
      delayedUntil = Math.floor(Number(await ctx.redis.zscore(`${ctx.prefix}:kam-flush:delayed`, String(jobId))) / 4096);
      return true;
    }, 'the flush postponed');
    const job = await w.flushQueue.getJob(String(jobId));
    expect(delayedUntil).toBe(job!.timestamp + PASS_GATHER_MS);
    expect(crm.companies.get(id!)!.kam_wallet).not.toBe('987654000');
    await waitFor(() => idle(ctx.prefix, '1'), 'the gathered flush done');
    expect(crm.companies.get(id!)!.kam_wallet).toBe('987654000');
    await flushed.end();
  });
});

});
