import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RedisClient } from '../../src/store/redis-client.ts';
import { createLogger } from '../../src/logger.ts';
import { dirtyCounts, dirtyPortals, readDirty } from '../../src/store/dirty-marks.ts';
import { getDeadLetter, listDeadLetters } from '../../src/store/dead-letters.ts';
import { readWebhookStats } from '../../src/store/webhook-stats.ts';
import { createProducerRedis, waitForReady } from '../../webhooks/create-producer-redis.ts';
import { testRedisUrl } from '../support/redis.ts';
import { testRedis } from '../support/redis.ts';
import {
  APP_ID, NOW, PREVIOUS_SECRET, companyChange, keysUnder, pendingFlushes, sendSigned, startReceiver, testConfig, type Receiver,
} from './support/receiver.ts';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/hubspot/webhooks/webhook-batch.json', import.meta.url), 'utf8')) as {
  request: { body: Record<string, unknown>[] };
};
const FIXTURE_BODY = JSON.stringify(fixture.request.body);
const PORTAL = '24681357';

let producer: RedisClient;
let prefix: string;
let cleanup: () => Promise<void>;
let receiver: Receiver;

beforeEach(async () => {
  ({ prefix, cleanup } = await testRedis());
  producer = createProducerRedis(testRedisUrl());
  await waitForReady(producer);
  receiver = await startReceiver({ redis: producer, prefix });
  await receiver.flushQueue.waitUntilReady();
});
afterEach(async () => {
  await receiver.close();
  producer.disconnect();
  await cleanup();
});

describe('POST /webhooks/hubspot, authentic batches', () => {
  it('when the fixture batch is signed, then 200, its marks are durable and one flush is queued for the portal', async () => {
    const res = await sendSigned(receiver, FIXTURE_BODY);
    expect(res.status).toBe(200);
    expect(await dirtyCounts(producer, prefix, PORTAL)).toEqual({ companies: 3, deals: 2, deletedDeals: 1, retiredCompanies: 1, contacts: 0 });
    expect(await dirtyPortals(producer, prefix)).toEqual([PORTAL]);
    expect(await pendingFlushes(receiver.flushQueue)).toEqual({ [PORTAL]: 1 });
  });

  it('when it is signed with the previous secret during a rotation, then it is accepted', async () => {
    const res = await sendSigned(receiver, FIXTURE_BODY, { secret: PREVIOUS_SECRET });
    expect(res.status).toBe(200);
    expect((await dirtyCounts(producer, prefix, PORTAL)).companies).toBe(3);
  });

  it('when the URL carries a query with encoded characters, then the signature over HubSpot\'s decoded URI holds', async () => {
    const res = await sendSigned(receiver, FIXTURE_BODY, {
      path: '/webhooks/hubspot?next=%2Fportfolio%3Fq%3Dkey%40a', signedPath: '/webhooks/hubspot?next=/portfolio?q%3Dkey@a', // %3D is not among HubSpot's decoded escapes
    });
    expect(res.status).toBe(200);
  });

  it('when the same batch arrives twice, then the marks are the same as once', async () => {
    await sendSigned(receiver, FIXTURE_BODY);
    const once = await readDirty(producer, prefix, PORTAL, 100);
    expect((await sendSigned(receiver, FIXTURE_BODY)).status).toBe(200);
    const twice = await readDirty(producer, prefix, PORTAL, 100);
    expect(twice.companies.map((e) => e.id)).toEqual(once.companies.map((e) => e.id));
    expect(await pendingFlushes(receiver.flushQueue)).toEqual({ [PORTAL]: 1 });
  });

  it('when every event is our own app\'s write, then 200 and no mark nor flush (R9)', async () => {
    const own = [1, 2, 3].map((id) => companyChange(Number(PORTAL), id, { changeSource: 'INTEGRATION', sourceId: APP_ID }));
    expect((await sendSigned(receiver, JSON.stringify(own))).status).toBe(200);
    expect(await dirtyCounts(producer, prefix, PORTAL)).toEqual({ companies: 0, deals: 0, deletedDeals: 0, retiredCompanies: 0, contacts: 0 });
    expect(await dirtyPortals(producer, prefix)).toEqual([]);
    expect(await pendingFlushes(receiver.flushQueue)).toEqual({});
    expect(await readWebhookStats(producer, prefix)).toEqual({ 'dropped-own': 3, 'unknown-type': 0, 'not-installed': 0, 'dead-lettered': 0 });
  });

  it('when a batch mixes unknown subscription types, then they are counted and the rest is marked', async () => {
    const body = JSON.stringify([companyChange(1, 5), { ...companyChange(1, 6), subscriptionType: 'ticket.propertyChange' }]);
    expect((await sendSigned(receiver, body)).status).toBe(200);
    expect((await dirtyCounts(producer, prefix, '1')).companies).toBe(1);
    expect(await readWebhookStats(producer, prefix)).toMatchObject({ 'unknown-type': 1 });
  });

  it('when 1,000 different unknown subscription types arrive, then they share one counter and the stats hash keeps its fixed fields (R12)', async () => {
    const body = JSON.stringify(Array.from({ length: 1000 }, (_, i) => ({ ...companyChange(1, i + 1), subscriptionType: `made.up-${i}` })));
    expect((await sendSigned(receiver, body)).status).toBe(200);
    expect(await readWebhookStats(producer, prefix)).toMatchObject({ 'unknown-type': 1000 });
    const statsKeys = (await keysUnder(producer, prefix)).filter((k) => k.includes('webhook-stats'));
    expect(statsKeys).toHaveLength(1);
    expect(await producer.hlen(statsKeys[0] as string)).toBe(1);
  });

  it('when an authentic batch fails the schema, then 200, it is dead-lettered whole and nothing is marked', async () => {
    const body = JSON.stringify([companyChange(1, 5), { ...companyChange(1, 6), objectId: 'not-an-id' }]);
    expect((await sendSigned(receiver, body)).status).toBe(200);
    const [entry] = await listDeadLetters(producer, prefix);
    expect(entry).toMatchObject({ reason: 'schema', receivedAt: NOW });
    expect((await getDeadLetter(producer, prefix, entry?.id ?? ''))?.body).toBe(body);
    expect(await dirtyPortals(producer, prefix)).toEqual([]);
  });

  it('when the body is over the limit, then 413 and nothing is written', async () => {
    await receiver.close();
    receiver = await startReceiver({ redis: producer, prefix, config: testConfig({ WEBHOOK_MAX_BODY_BYTES: '2048' }) });
    const before = await keysUnder(producer, prefix);
    const big = JSON.stringify(Array.from({ length: 20 }, (_, i) => companyChange(1, i)));
    expect(Buffer.byteLength(big)).toBeGreaterThan(2048);
    expect((await sendSigned(receiver, big)).status).toBe(413);
    expect(await keysUnder(producer, prefix)).toEqual(before);
  });
});

describe('POST /webhooks/hubspot, refused requests leave Redis untouched (R1)', () => {
  const cases: [string, () => Promise<Response>][] = [
    ['forged with another secret', () => sendSigned(receiver, FIXTURE_BODY, { secret: 'attacker-secret' })],
    ['tampered after signing', () => sendSigned(receiver, FIXTURE_BODY.replace('52000000', '99000000'), { signBody: FIXTURE_BODY })],
    ['replayed after 5 minutes', () => sendSigned(receiver, FIXTURE_BODY, { timestamp: NOW - 300_001 })],
    ['timestamped in the future', () => sendSigned(receiver, FIXTURE_BODY, { timestamp: NOW + 60_001 })],
    ['unsigned', () => sendSigned(receiver, FIXTURE_BODY, { unsigned: true })],
    ['signed for another path', () => sendSigned(receiver, FIXTURE_BODY, { signedPath: '/webhooks/other' })],
    ['without any body or header', () => fetch(`${receiver.url}/webhooks/hubspot`, { method: 'POST' })],
    ['signed with an empty signature', () => sendSigned(receiver, FIXTURE_BODY, { headers: { 'x-hubspot-signature-v3': '' } })],
    ['signed with a timestamp that is not a number', () => sendSigned(receiver, FIXTURE_BODY, { headers: { 'x-hubspot-request-timestamp': 'soon' } })],
  ];

  it.each(cases)('when the request is %s, then 401 and no key is written', async (_name, send) => {
    const before = await keysUnder(producer, prefix);
    const res = await send();
    expect(res.status).toBe(401);
    expect(await keysUnder(producer, prefix)).toEqual(before);
  });
});

describe('logging at the boundary', () => {
  it('when requests are answered, then each gives exactly one log line and none carries the secret or the signature', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => { lines.push(String(chunk)); done(); } });
    await receiver.close();
    receiver = await startReceiver({ redis: producer, prefix, logger: createLogger({ level: 'debug' }, sink) });
    await sendSigned(receiver, FIXTURE_BODY);
    await sendSigned(receiver, FIXTURE_BODY, { secret: 'attacker-secret' });
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ status: 200, route: '/webhooks/hubspot', events: 6 });
    expect(JSON.parse(lines[1] ?? '{}')).toMatchObject({ status: 401, reason: 'mismatch' });
    const all = lines.join('\n');
    expect(all).not.toContain(testConfig().HUBSPOT_CLIENT_SECRET);
    expect(all).not.toMatch(/x-hubspot-signature/i);
  });
});
