import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFlushQueue, type FlushJobData } from '../../src/queues.ts';
import { addDeadLetter, getDeadLetter } from '../../src/store/dead-letters.ts';
import { dirtyCounts } from '../../src/store/dirty-marks.ts';
import { replayDeadLetter } from '../../webhooks/replay-dead-letter.ts';
import type { Queue } from 'bullmq';
import { useTestRedis } from '../support/redis.ts';
import { companyChange, pendingFlushes } from './support/receiver.ts';

const ctx = useTestRedis();
let flushQueue: Queue<FlushJobData>;

beforeEach(async () => {
  flushQueue = createFlushQueue(ctx.redis, ctx.prefix);
});
afterEach(async () => {
  await flushQueue.close();
});

const deps = () => ({ redis: ctx.redis, prefix: ctx.prefix, flushQueue, appId: '3141592', flushDelayMs: 1000 });

describe('replayDeadLetter', () => {
  it('when a stored batch now passes the schema, then it is marked, a flush is queued and the entry removed', async () => {
    const body = JSON.stringify([companyChange(5, 1), companyChange(5, 2)]);
    const { id } = await addDeadLetter(ctx.redis, ctx.prefix, { receivedAt: 1, reason: 'schema', issues: ['was refused'], body });
    expect(await replayDeadLetter(deps(), id)).toEqual({ kind: 'replayed', events: 2, portals: ['5'] });
    expect((await dirtyCounts(ctx.redis, ctx.prefix, '5')).companies).toBe(2);
    expect(await pendingFlushes(flushQueue)).toEqual({ 5: 1 });
    expect(await getDeadLetter(ctx.redis, ctx.prefix, id)).toBeNull();
  });

  it('when a stored batch still fails, then it stays with its issues and nothing is marked', async () => {
    const body = JSON.stringify([{ ...companyChange(5, 1), objectId: 'x' }]);
    const { id } = await addDeadLetter(ctx.redis, ctx.prefix, { receivedAt: 1, reason: 'schema', issues: [], body });
    const outcome = await replayDeadLetter(deps(), id);
    expect(outcome.kind).toBe('still-invalid');
    expect(await getDeadLetter(ctx.redis, ctx.prefix, id)).not.toBeNull();
    expect((await dirtyCounts(ctx.redis, ctx.prefix, '5')).companies).toBe(0);
  });

  it('when the id is unknown, then it says so', async () => {
    expect(await replayDeadLetter(deps(), 'nope')).toEqual({ kind: 'not-found' });
  });
});
