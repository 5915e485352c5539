// R2: when Redis does not take the marks the receiver answers 503 (HubSpot retries), writes
// nothing, and the same batch retried once Redis is back is accepted without loss.
import { describe, expect, it } from 'vitest';
import type { RedisClient } from '../../src/store/redis-client.ts';
import { dirtyCounts, dirtyPortals } from '../../src/store/dirty-marks.ts';
import { createProducerRedis, waitForReady } from '../../webhooks/create-producer-redis.ts';
import { testRedisUrl, useTestRedis } from '../support/redis.ts';
import { freePort } from '../../src/embedded/private-redis.ts';
import { privateRedis, type PrivateRedis } from '../support/private-redis.ts';
import { companyChange, keysUnder, pendingFlushes, sendSigned, startReceiver, type Receiver } from './support/receiver.ts';
import { closeAfterEach } from '../support/close-after-each.ts';

const batch = (portal: number, from: number): string =>
  JSON.stringify(Array.from({ length: 100 }, (_, i) => companyChange(portal, from + (i % 50))));

const ctx = useTestRedis();
const closing = closeAfterEach();

async function receiverOn(redis: RedisClient, flushRedis?: RedisClient): Promise<Receiver> {
  const receiver = closing(await startReceiver({ redis, prefix: ctx.prefix, flushRedis }));
  return receiver;
}

function producerFor(url: string): RedisClient {
  const redis = createProducerRedis(url);
  closing({ close: () => redis.disconnect() });
  return redis;
}

describe('Redis unreachable', () => {
  it('when the producer points at a closed port, then 503 at once, and the same batch retried against a working Redis is accepted', async () => {
    const down = producerFor(`redis://127.0.0.1:${await freePort()}`);
    const body = batch(7, 1);
    const refused = await sendSigned(await receiverOn(down), body);
    expect(refused.status).toBe(503);
    expect(await keysUnder(ctx.redis, ctx.prefix)).toEqual([]);

    const up = producerFor(testRedisUrl());
    await waitForReady(up);
    const working = await receiverOn(up);
    expect((await sendSigned(working, body)).status).toBe(200);
    expect((await dirtyCounts(ctx.redis, ctx.prefix, '7')).companies).toBe(50);
    expect(await pendingFlushes(working.flushQueue)).toEqual({ 7: 1 });
  });

  it('when Redis crashes and comes back, then batches sent meanwhile get 503, nothing is half-written, and their retry loses nothing', async () => {
    const server: PrivateRedis = await privateRedis('always');
    closing({ close: () => server.dispose() });
    const producer = producerFor(server.url);
    await waitForReady(producer);
    const receiver = await receiverOn(producer);
    expect((await sendSigned(receiver, batch(7, 1))).status).toBe(200);

    await server.kill();
    while (producer.status === 'ready') await new Promise((r) => setTimeout(r, 10));
    const duringOutage = batch(7, 1001);
    expect((await sendSigned(receiver, duringOutage)).status).toBe(503);

    await server.start();
    await waitForReady(producer, 10_000);
    // The acknowledged batch survived the crash; the refused one left no trace.
    expect(await dirtyCounts(producer, ctx.prefix, '7')).toMatchObject({ companies: 50 });
    expect((await sendSigned(receiver, duringOutage)).status).toBe(200);
    expect(await dirtyCounts(producer, ctx.prefix, '7')).toMatchObject({ companies: 100 });
    expect(await dirtyPortals(producer, ctx.prefix)).toEqual(['7']);
    expect(await pendingFlushes(receiver.flushQueue)).toEqual({ 7: 1 });
  });

  it('when Redis stops answering, then the command timeout turns the request into a 503, and the retry is exact', async () => {
    const server = await privateRedis('always');
    closing({ close: () => server.dispose() });
    const producer = producerFor(server.url);
    await waitForReady(producer);
    const receiver = await receiverOn(producer);
    await receiver.flushQueue.waitUntilReady();
    const body = batch(7, 1);
    server.freeze();
    expect((await sendSigned(receiver, body)).status).toBe(503);
    server.thaw();
    // The stalled script may still run when Redis wakes up: it is atomic, and re-marking is harmless.
    expect((await sendSigned(receiver, body)).status).toBe(200);
    expect(await dirtyCounts(producer, ctx.prefix, '7')).toMatchObject({ companies: 50 });
    expect(await pendingFlushes(receiver.flushQueue)).toEqual({ 7: 1 });
  });

  it('when the marks are written but the flush request fails, then 200: the portal is in dirtyPortals for the sweeper', async () => {
    const marks = producerFor(testRedisUrl());
    await waitForReady(marks);
    // A queue connection that was up and then went away: its adds fail at once (no offline queue).
    const queueRedis = producerFor(testRedisUrl());
    await waitForReady(queueRedis);
    const receiver = await receiverOn(marks, queueRedis);
    await receiver.flushQueue.waitUntilReady();
    queueRedis.disconnect();
    expect((await sendSigned(receiver, batch(9, 1))).status).toBe(200);
    expect((await dirtyCounts(ctx.redis, ctx.prefix, '9')).companies).toBe(50);
    expect(await dirtyPortals(ctx.redis, ctx.prefix)).toEqual(['9']);
    expect(await pendingFlushes(await receiverOn(ctx.redis).then((r) => r.flushQueue))).toEqual({});
  });
});
