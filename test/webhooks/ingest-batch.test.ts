import { describe, expect, it } from 'vitest';
import type { Queue } from 'bullmq';
import type { FlushJobData } from '../../src/queues.ts';
import { dirtyCounts, dirtyPortals } from '../../src/store/dirty-marks.ts';
import { ingestBatch } from '../../webhooks/ingest-batch.ts';
import { keysMatching } from '../support/redis-keys.ts';
import { useTestRedis } from '../support/redis.ts';
import { companyChange } from './support/receiver.ts';

const ctx = useTestRedis();

// Stands in for a BullMQ queue whose connection never came up: BullMQ then waits for it forever.
const hangingQueue = { add: () => new Promise(() => undefined) } as unknown as Queue<FlushJobData>;

describe('ingestBatch', () => {
  it('when the flush request hangs, then the batch is still accepted once the bound passes and the failure is reported', async () => {
    const body = JSON.stringify([companyChange(3, 1), companyChange(4, 2)]);
    const outcome = await ingestBatch({ redis: ctx.redis, prefix: ctx.prefix, flushQueue: hangingQueue, appId: undefined, flushDelayMs: 0, flushTimeoutMs: 50 }, body);
    expect(outcome).toMatchObject({ kind: 'accepted', events: 2, portals: ['3', '4'] });
    expect(outcome.kind === 'accepted' && outcome.flushErrors.map((f) => f.portalId).sort()).toEqual(['3', '4']);
    expect((await dirtyCounts(ctx.redis, ctx.prefix, '3')).companies).toBe(1);
    expect((await dirtyPortals(ctx.redis, ctx.prefix)).sort()).toEqual(['3', '4']);
  });

  it('when the batch is invalid, then nothing is written and the issues are returned', async () => {
    const outcome = await ingestBatch({ redis: ctx.redis, prefix: ctx.prefix, flushQueue: hangingQueue, appId: undefined, flushDelayMs: 0 }, '[{"subscriptionType":"company.creation"}]');
    expect(outcome.kind).toBe('invalid');
    expect(await keysMatching(ctx.redis, `${ctx.prefix}*`)).toEqual([]);
  });
});
