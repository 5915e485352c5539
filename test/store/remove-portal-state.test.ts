// R13: after every path a portal's data can take (pass, flush, failed job, dead letter, deal with
// no company, rate limit, lock, tokens, settings), its removal leaves no key, no job and no
// dead-letter event that names it, and another portal keeps all of its own.
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startWorkers, type RunningWorkers } from '../../jobs/start-workers.ts';
import { createTokenCipher } from '../../src/crypto/token-cipher.ts';
import { PermanentError } from '../../src/errors.ts';
import { createCallCounter } from '../../src/hubspot/call-counter.ts';
import { createRateLimiter } from '../../src/hubspot/rate-limiter.ts';
import { removePortalJobs, requestFlush, requestPass } from '../../src/queues.ts';
import { createWorkerRedis } from '../../src/redis-connections.ts';
import { addDeadLetter, getDeadLetter, listDeadLetters } from '../../src/store/dead-letters.ts';
import { dirtyCounts, dirtyPortals, emptyMarks, markDirty } from '../../src/store/dirty-marks.ts';
import { withPortalLock } from '../../src/store/portal-lock.ts';
import { createPortalStore } from '../../src/store/portal-store.ts';
import { removePortalState } from '../../src/store/remove-portal-state.ts';
import { SettingsStore } from '../../src/store/settings-store.ts';
import { createTokenStore } from '../../src/store/token-store.ts';
import { ENCRYPTION_KEY } from '../hubspot/support.ts';
import { seededCrm } from '../jobs/portal-fixture.ts';
import type { MemoryCrm } from '../support/memory-crm.ts';
import { keyValues } from '../support/redis-keys.ts';
import { testRedis, testRedisUrl } from '../support/redis.ts';
import { saveSettings } from '../support/save-settings.ts';

const GONE = '730000001';
const KEPT = '730000002';
const logger = pino({ level: 'silent' });

let ctx: Awaited<ReturnType<typeof testRedis>>;
let workers: RunningWorkers | undefined;
let connection: ReturnType<typeof createWorkerRedis> | undefined;
beforeEach(async () => {
  ctx = await testRedis();
});
afterEach(async () => {
  await workers?.close();
  connection?.disconnect();
  await ctx.cleanup();
});

async function eventually(check: () => Promise<boolean>, what: string, limitMs = 20_000): Promise<void> {
  const until = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`never happened: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const event = (portalId: string, objectId: number): Record<string, unknown> => ({
  eventId: objectId, subscriptionId: 1, portalId: Number(portalId), appId: 1, occurredAt: 1, subscriptionType: 'company.propertyChange',
  attemptNumber: 0, objectId, propertyName: 'annualrevenue', propertyValue: 'not a number', changeSource: 'CRM_UI',
});

describe('portal removal (R13)', () => {
  it('when a portal that went through every path is removed, then nothing in Redis or the queues names it and the other portal keeps its data', async () => {
    const prefix = `{${ctx.prefix}}`;
    const { redis } = ctx;
    const crms: Record<string, MemoryCrm> = { [GONE]: seededCrm(30), [KEPT]: seededCrm(20, 9) };
    const portals = createPortalStore({ redis, prefix });
    for (const id of [GONE, KEPT]) await portals.markInstalled(id);
    await createTokenStore({ redis, prefix, cipher: createTokenCipher(ENCRYPTION_KEY) })
      .save(GONE, { accessToken: 'a', refreshToken: 'r', expiresAt: Date.now() + 60_000 });
    await saveSettings(new SettingsStore(redis, prefix), GONE, { profitTarget: 1 });
    const limiter = createRateLimiter({ redis, prefix, limits: { api: { limit: 100, windowMs: 10_000 }, search: { limit: 5, windowMs: 1000 } } });
    await limiter.acquire(GONE);
    await limiter.acquire(GONE, 'search');
    await limiter.pause(GONE, 60_000);
    await createCallCounter({ redis, prefix }).count(GONE, 'companies.batchRead');

    connection = createWorkerRedis(testRedisUrl(), logger);
    workers = await startWorkers({
      connection, redis, prefix, logger, concurrency: 2, flushDelayMs: 50,
      settings: new SettingsStore(redis, prefix),
      crmFor: async (portalId) => crms[portalId]!,
      provision: async () => undefined,
      installedPortals: async () => [GONE, KEPT],
      isInstalled: async () => true,
      sweepEveryMs: 600_000,
    });
    // Pass (kept as a completed job), then a flush with a deal no company has.
    for (const id of [GONE, KEPT]) await requestPass(workers.passQueue, id, 'install');
    await eventually(async () => (await workers!.passQueue.getJobCounts('completed')).completed === 2, 'both passes completed');
    await markDirty(redis, prefix, GONE, { ...emptyMarks(), companyIds: ['1001'], dealIds: ['999999999'] });
    await requestFlush(workers.flushQueue, GONE, 0);
    await eventually(async () => (await dirtyPortals(redis, prefix)).length === 0, 'the flush cleared its marks');
    // A flush that fails for good (kept in the failed set).
    crms[GONE]!.readCompanies = async () => { throw new PermanentError('bad request'); };
    await markDirty(redis, prefix, GONE, { ...emptyMarks(), companyIds: ['1002'] });
    await requestFlush(workers.flushQueue, GONE, 0);
    await eventually(async () => (await workers!.flushQueue.getJobCounts('failed')).failed === 1, 'the flush failed');
    // Dead letters: one of this portal only, one shared with the other portal.
    await addDeadLetter(redis, prefix, { receivedAt: 1, reason: 'schema', issues: [], body: JSON.stringify([event(GONE, 1)]) });
    const shared = [event(GONE, 2), event(KEPT, 3)];
    await addDeadLetter(redis, prefix, { receivedAt: 2, reason: 'schema', issues: [], body: JSON.stringify(shared) });
    // A flush still delayed, asked for twice (the second is deduplicated, which the event stream records).
    await requestFlush(workers.flushQueue, GONE, 60_000);
    await requestFlush(workers.flushQueue, GONE, 60_000);
    const before = await keyValues(redis, ctx.prefix);
    expect(before.filter((k) => k.key.includes(GONE) || k.value.includes(GONE)).length).toBeGreaterThan(15);

    // Removed while a job of the portal still holds its lock: the holder's release comes after.
    let release!: () => void;
    const holding = withPortalLock(redis, prefix, GONE, () => new Promise<void>((r) => { release = r; }));
    await eventually(async () => release !== undefined, 'the lock is held');
    await removePortalState(redis, prefix, GONE);
    const jobsRemoved = await removePortalJobs(connection, [workers.flushQueue, workers.passQueue], GONE);
    release();
    await holding;

    expect(jobsRemoved).toBe(3); // the pass, the failed flush, the delayed flush
    const naming = (await keyValues(redis, ctx.prefix)).filter((k) => k.key.includes(GONE) || k.value.includes(GONE));
    expect(naming).toEqual([]);
    const letters = await listDeadLetters(redis, prefix);
    expect(letters).toHaveLength(1);
    expect(JSON.parse((await getDeadLetter(redis, prefix, letters[0]!.id))!.body)).toEqual([shared[1]]);
    expect(await portals.isInstalled(KEPT)).toBe(true);
    expect(await dirtyCounts(redis, prefix, KEPT)).toEqual({ companies: 0, deals: 0, deletedDeals: 0, retiredCompanies: 0, contacts: 0 });
    expect((await keyValues(redis, `{${KEPT}}:inputs`)).length).toBe(1);
  }, 60_000);
});
