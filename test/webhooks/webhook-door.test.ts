// The door over real sockets: refusals that come before the body, the budget of bodies still
// arriving, and the deadline for a body that stalls (R10).
import { connect, type Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RedisClient } from '../../src/store/redis-client.ts';
import { createProducerRedis, waitForReady } from '../../webhooks/create-producer-redis.ts';
import { createUnverifiedBudget } from '../../webhooks/unverified-budget.ts';
import type { WebhookOutcome } from '../../webhooks/webhook-route.ts';
import { testRedisUrl, useTestRedis } from '../support/redis.ts';
import { testConfig } from '../support/test-config.ts';
import { NOW, companyChange, keysUnder, sendSigned, startReceiver, type Receiver } from './support/receiver.ts';

const ctx = useTestRedis();
let producer: RedisClient;
let receiver: Receiver | undefined;
const sockets: Socket[] = [];

beforeEach(async () => {
  producer = createProducerRedis(testRedisUrl());
  await waitForReady(producer);
});
afterEach(async () => {
  sockets.splice(0).forEach((s) => s.destroy());
  await receiver?.close();
  producer.disconnect();
});

const FAKE_SIGNATURE = `${'A'.repeat(43)}=`;

/** Sends only the headers of a POST declaring `length` bytes, then waits; resolves with what came back once closed. */
function stalledPost(url: string, headers: Record<string, string>, length: number, bodyBytes = 0): { socket: Socket; answer: Promise<string> } {
  const { port } = new URL(url);
  const socket = connect(Number(port), '127.0.0.1');
  sockets.push(socket);
  const head = [`POST /webhooks/hubspot HTTP/1.1`, 'Host: kam.example.com', `Content-Length: ${length}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`), '', ''].join('\r\n');
  socket.write(head);
  if (bodyBytes) socket.write(Buffer.alloc(bodyBytes, 0x20));
  let received = '';
  socket.on('data', (d) => void (received += String(d)));
  const answer = new Promise<string>((resolve) => {
    socket.on('close', () => resolve(received));
    socket.on('error', () => undefined);
  });
  return { socket, answer };
}

describe('the webhook door (R10)', () => {
  it.each([
    ['no signature headers', {}, 1_000_000, 'HTTP/1.1 401'],
    ['a stale timestamp', { 'X-HubSpot-Signature-v3': FAKE_SIGNATURE, 'X-HubSpot-Request-Timestamp': String(NOW - 600_000) }, 1_000_000, 'HTTP/1.1 401'],
    ['a declared length over the limit', { 'X-HubSpot-Signature-v3': FAKE_SIGNATURE, 'X-HubSpot-Request-Timestamp': String(NOW) }, 50_000_000, 'HTTP/1.1 413'],
  ])('when the headers carry %s, then the answer comes without the body being sent and the connection is closed', async (_name, headers, length, status) => {
    receiver = await startReceiver({ redis: producer, prefix: ctx.prefix });
    await receiver.flushQueue.waitUntilReady();
    const before = await keysUnder(producer, ctx.prefix);
    const { answer } = stalledPost(receiver.url, headers, length);
    const text = await answer; // resolves only because the server closed the connection
    expect(text.startsWith(status)).toBe(true);
    expect(text.toLowerCase()).toContain('connection: close');
    expect(await keysUnder(producer, ctx.prefix)).toEqual(before);
  });

  it('when stalled bodies with fake signature headers fill the budget, then the next one is answered 503 and closed, and a stalled body is cut off at the body deadline', async () => {
    const outcomes: WebhookOutcome[] = [];
    const budget = createUnverifiedBudget({ maxBytes: 10_000_000, maxRequests: 2, evictAfterMs: 60_000 });
    receiver = await startReceiver({
      redis: producer, prefix: ctx.prefix, budget, onOutcome: (o) => void outcomes.push(o),
      config: testConfig({ WEBHOOK_BODY_TIMEOUT_MS: '300' }), now: () => Date.now(),
    });
    const headers = { 'X-HubSpot-Signature-v3': FAKE_SIGNATURE, 'X-HubSpot-Request-Timestamp': String(Date.now()) };
    const held = [stalledPost(receiver.url, headers, 100_000, 1000), stalledPost(receiver.url, headers, 100_000, 1000)];
    await new Promise((r) => setTimeout(r, 100)); // let both be admitted before the third arrives
    expect(budget.inFlight().requests).toBe(2);
    const third = await stalledPost(receiver.url, headers, 100_000).answer;
    expect(third.startsWith('HTTP/1.1 503')).toBe(true);
    // The two holders never finish their bodies: the deadline drops them and gives their places back.
    const dropped = await Promise.all(held.map((h) => h.answer));
    expect(dropped.every((t) => t.startsWith('HTTP/1.1 503'))).toBe(true);
    expect(budget.inFlight()).toEqual({ requests: 0, bytes: 0 });
    expect(outcomes.filter((o) => o === 'shed')).toHaveLength(3);
    // And the door is open again for a real batch.
    expect((await sendSigned(receiver, JSON.stringify([companyChange(1, 5)]), { timestamp: Date.now() })).status).toBe(200);
  });
});

describe('portals that have not installed the app (R12)', () => {
  it('when a signed batch names 3,000 portals of which one is installed, then only that portal gets marks and the rest is counted as not installed', async () => {
    const { createInstalledCheck } = await import('../../webhooks/installed-portals.ts');
    const { createPortalStore } = await import('../../src/store/portal-store.ts');
    const { readWebhookStats } = await import('../../src/store/webhook-stats.ts');
    const { dirtyPortals } = await import('../../src/store/dirty-marks.ts');
    await createPortalStore({ redis: producer, prefix: ctx.prefix }).markInstalled('7');
    receiver = await startReceiver({ redis: producer, prefix: ctx.prefix, installed: createInstalledCheck({ redis: producer, prefix: ctx.prefix }) });
    const events = Array.from({ length: 3000 }, (_, i) => companyChange(i + 7, 100 + i));
    expect((await sendSigned(receiver, JSON.stringify(events))).status).toBe(200);
    // A portal's keys carry its id as their hash tag ({7}); no other portal has any, nor is in the dirty index.
    const tagged = (await keysUnder(producer, ctx.prefix.replace(/[{}]/g, ''))).map((k) => /\{(\d+)\}/.exec(k)?.[1]).filter(Boolean);
    expect(new Set(tagged)).toEqual(new Set(['7']));
    expect(await dirtyPortals(producer, ctx.prefix)).toEqual(['7']);
    expect((await readWebhookStats(producer, ctx.prefix))['not-installed']).toBe(2999);
  });
});
