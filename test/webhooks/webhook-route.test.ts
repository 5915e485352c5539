import { describe, expect, it } from 'vitest';
import { dirtyCounts, dirtyPortals, readDirty } from '../../src/store/dirty-marks.ts';
import { getDeadLetter, listDeadLetters } from '../../src/store/dead-letters.ts';
import { readWebhookStats } from '../../src/store/webhook-stats.ts';
import { captureLogs } from '../support/capture-logs.ts';
import { APP_ID, PREVIOUS_SECRET, testConfig } from '../support/test-config.ts';
import {
  NOW, companyChange, keysUnder, pendingFlushes, sendSigned, startReceiver, useReceiver,
} from './support/receiver.ts';
import { webhookBatch } from '../support/hubspot-fixtures.ts';

const FIXTURE_BODY = JSON.stringify(webhookBatch());
const PORTAL = '24681357';

const rx = useReceiver();

describe('POST /webhooks/hubspot, authentic batches', () => {
  it('when the fixture batch is signed, then 200, its marks are durable and one flush is queued for the portal', async () => {
    const res = await sendSigned(rx.receiver, FIXTURE_BODY);
    expect(res.status).toBe(200);
    expect(await dirtyCounts(rx.producer, rx.prefix, PORTAL)).toEqual({ companies: 3, deals: 2, deletedDeals: 1, retiredCompanies: 1, contacts: 0 });
    expect(await dirtyPortals(rx.producer, rx.prefix)).toEqual([PORTAL]);
    expect(await pendingFlushes(rx.receiver.flushQueue)).toEqual({ [PORTAL]: 1 });
  });

  it('when it is signed with the previous secret during a rotation, then it is accepted', async () => {
    const res = await sendSigned(rx.receiver, FIXTURE_BODY, { secret: PREVIOUS_SECRET });
    expect(res.status).toBe(200);
    expect((await dirtyCounts(rx.producer, rx.prefix, PORTAL)).companies).toBe(3);
  });

  it('when the URL carries a query with encoded characters, then the signature over HubSpot\'s decoded URI holds', async () => {
    const res = await sendSigned(rx.receiver, FIXTURE_BODY, {
      path: '/webhooks/hubspot?next=%2Fportfolio%3Fq%3Dkey%40a', signedPath: '/webhooks/hubspot?next=/portfolio?q%3Dkey@a', // %3D is not among HubSpot's decoded escapes
    });
    expect(res.status).toBe(200);
  });

  it('when the same batch arrives twice, then the marks are the same as once', async () => {
    await sendSigned(rx.receiver, FIXTURE_BODY);
    const once = await readDirty(rx.producer, rx.prefix, PORTAL, 100);
    expect((await sendSigned(rx.receiver, FIXTURE_BODY)).status).toBe(200);
    const twice = await readDirty(rx.producer, rx.prefix, PORTAL, 100);
    expect(twice.companies.map((e) => e.id)).toEqual(once.companies.map((e) => e.id));
    expect(await pendingFlushes(rx.receiver.flushQueue)).toEqual({ [PORTAL]: 1 });
  });

  it('when every event is our own app\'s write, then 200 and no mark nor flush (R9)', async () => {
    const own = [1, 2, 3].map((id) => companyChange(Number(PORTAL), id, { changeSource: 'INTEGRATION', sourceId: APP_ID }));
    expect((await sendSigned(rx.receiver, JSON.stringify(own))).status).toBe(200);
    expect(await dirtyCounts(rx.producer, rx.prefix, PORTAL)).toEqual({ companies: 0, deals: 0, deletedDeals: 0, retiredCompanies: 0, contacts: 0 });
    expect(await dirtyPortals(rx.producer, rx.prefix)).toEqual([]);
    expect(await pendingFlushes(rx.receiver.flushQueue)).toEqual({});
    expect(await readWebhookStats(rx.producer, rx.prefix)).toEqual({ 'dropped-own': 3, 'unknown-type': 0, 'not-installed': 0, 'dead-lettered': 0 });
  });

  it('when a batch mixes unknown subscription types, then they are counted and the rest is marked', async () => {
    const body = JSON.stringify([companyChange(1, 5), { ...companyChange(1, 6), subscriptionType: 'ticket.propertyChange' }]);
    expect((await sendSigned(rx.receiver, body)).status).toBe(200);
    expect((await dirtyCounts(rx.producer, rx.prefix, '1')).companies).toBe(1);
    expect(await readWebhookStats(rx.producer, rx.prefix)).toMatchObject({ 'unknown-type': 1 });
  });

  it('when 1,000 different unknown subscription types arrive, then they share one counter and the stats hash keeps its fixed fields (R12)', async () => {
    const body = JSON.stringify(Array.from({ length: 1000 }, (_, i) => ({ ...companyChange(1, i + 1), subscriptionType: `made.up-${i}` })));
    expect((await sendSigned(rx.receiver, body)).status).toBe(200);
    expect(await readWebhookStats(rx.producer, rx.prefix)).toMatchObject({ 'unknown-type': 1000 });
    const statsKeys = (await keysUnder(rx.producer, rx.prefix)).filter((k) => k.includes('webhook-stats'));
    expect(statsKeys).toHaveLength(1);
    expect(await rx.producer.hlen(statsKeys[0] as string)).toBe(1);
  });

  it('when an authentic batch fails the schema, then 200, it is dead-lettered whole and nothing is marked', async () => {
    const body = JSON.stringify([companyChange(1, 5), { ...companyChange(1, 6), objectId: 'not-an-id' }]);
    expect((await sendSigned(rx.receiver, body)).status).toBe(200);
    const [entry] = await listDeadLetters(rx.producer, rx.prefix);
    expect(entry).toMatchObject({ reason: 'schema', receivedAt: NOW });
    expect((await getDeadLetter(rx.producer, rx.prefix, entry?.id ?? ''))?.body).toBe(body);
    expect(await dirtyPortals(rx.producer, rx.prefix)).toEqual([]);
  });

  it('when the body is over the limit, then 413 and nothing is written', async () => {
    await rx.receiver.close();
    rx.receiver = await startReceiver({ redis: rx.producer, prefix: rx.prefix, config: testConfig({ WEBHOOK_MAX_BODY_BYTES: '2048' }) });
    const before = await keysUnder(rx.producer, rx.prefix);
    const big = JSON.stringify(Array.from({ length: 20 }, (_, i) => companyChange(1, i)));
    expect(Buffer.byteLength(big)).toBeGreaterThan(2048);
    expect((await sendSigned(rx.receiver, big)).status).toBe(413);
    expect(await keysUnder(rx.producer, rx.prefix)).toEqual(before);
  });
});

describe('POST /webhooks/hubspot, refused requests leave Redis untouched (R1)', () => {
  const cases: [string, () => Promise<Response>][] = [
    ['forged with another secret', () => sendSigned(rx.receiver, FIXTURE_BODY, { secret: 'attacker-secret' })],
    ['tampered after signing', () => sendSigned(rx.receiver, FIXTURE_BODY.replace('52000000', '99000000'), { signBody: FIXTURE_BODY })],
    ['replayed after 5 minutes', () => sendSigned(rx.receiver, FIXTURE_BODY, { timestamp: NOW - 300_001 })],
    ['timestamped in the future', () => sendSigned(rx.receiver, FIXTURE_BODY, { timestamp: NOW + 60_001 })],
    ['unsigned', () => sendSigned(rx.receiver, FIXTURE_BODY, { unsigned: true })],
    ['signed for another path', () => sendSigned(rx.receiver, FIXTURE_BODY, { signedPath: '/webhooks/other' })],
    ['without any body or header', () => fetch(`${rx.receiver.url}/webhooks/hubspot`, { method: 'POST' })],
    ['signed with an empty signature', () => sendSigned(rx.receiver, FIXTURE_BODY, { headers: { 'x-hubspot-signature-v3': '' } })],
    ['signed with a timestamp that is not a number', () => sendSigned(rx.receiver, FIXTURE_BODY, { headers: { 'x-hubspot-request-timestamp': 'soon' } })],
  ];

  it.each(cases)('when the request is %s, then 401 and no key is written', async (_name, send) => {
    const before = await keysUnder(rx.producer, rx.prefix);
    const res = await send();
    expect(res.status).toBe(401);
    expect(await keysUnder(rx.producer, rx.prefix)).toEqual(before);
  });
});

describe('logging at the boundary', () => {
  it('when requests are answered, then each gives exactly one log line and none carries the secret or the signature', async () => {
    const { logger, lines } = captureLogs({ level: 'debug' });
    await rx.receiver.close();
    rx.receiver = await startReceiver({ redis: rx.producer, prefix: rx.prefix, logger });
    await sendSigned(rx.receiver, FIXTURE_BODY);
    await sendSigned(rx.receiver, FIXTURE_BODY, { secret: 'attacker-secret' });
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ status: 200, route: '/webhooks/hubspot', events: 6 });
    expect(JSON.parse(lines[1] ?? '{}')).toMatchObject({ status: 401, reason: 'mismatch' });
    const all = lines.join('\n');
    expect(all).not.toContain(testConfig().HUBSPOT_CLIENT_SECRET);
    expect(all).not.toMatch(/x-hubspot-signature/i);
  });
});
