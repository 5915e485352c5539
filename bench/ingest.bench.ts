// P2 (quality.md): webhook ingest. The real router on 127.0.0.1 with a real Redis (REDIS_URL or
// 127.0.0.1:6379) takes signed batches of 100 events: 50,000 events over 2,000 companies and 6,000
// deals from 8 concurrent senders (HubSpot keeps about 10 requests in flight per account), then a
// paced 5,000 events/s for 5 s. Beside it, in the same run, the naive design: the same signature
// check and schema, then one BullMQ job per event (queue.addBulk).
// The senders run in a worker thread so that the load generator does not share the server's event
// loop. Latency is measured from the intended send time (paced) so a slow server cannot hide it.
// Every key the bench writes lives under a random prefix, deleted at the end.
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { Worker } from 'node:worker_threads';
import { Queue } from 'bullmq';
import express, { type Router } from 'express';
import { loadConfig, type Config } from '../src/config.ts';
import { createLogger } from '../src/logger.ts';
import { createFlushQueue } from '../src/queues.ts';
import { parseWebhookBatch } from '../webhooks/event-schemas.ts';
import { deleteKeysMatching } from '../test/support/redis-keys.ts';
import { serve } from '../test/support/serve.ts';
import { createProducerRedis, waitForReady } from '../webhooks/create-producer-redis.ts';
import { createInstalledCheck } from '../webhooks/installed-portals.ts';
import { createWebhookRouter, WEBHOOK_PATH } from '../webhooks/webhook-route.ts';
import { installedSetKey } from '../src/store/portal-store.ts';
import { signedUri, signV3, verifySignature } from '../webhooks/verify-signature.ts';
import type { BenchResult } from './bench-result.ts';

const EVENTS = 50_000;
const BATCH = 100;
const COMPANIES = 2_000;
const DEALS = 6_000;
const SENDERS = 8;
const WARMUP_BATCHES = 30;
const PACED_EVENTS_PER_S = 5_000;
const PACED_SECONDS = 5;
const PORTAL = 24681357;

interface Signed { body: string; signature: string; timestamp: string }
interface LoadResult { latencies: number[]; statuses: Record<string, number>; wallMs: number }

// Plain JS, evaluated in a worker thread: HTTP/1.1 keep-alive senders, burst (closed loop) or paced (open loop).
const LOAD_GENERATOR = `
const http = require('node:http');
const { parentPort, workerData: w } = require('node:worker_threads');
const agent = new http.Agent({ keepAlive: true, maxSockets: w.intervalMs ? 256 : w.concurrency });
const send = (r) => new Promise((resolve, reject) => {
  const req = http.request({ host: '127.0.0.1', port: w.port, path: w.path, method: 'POST', agent, headers: {
    'content-type': 'application/json', 'content-length': Buffer.byteLength(r.body),
    'x-hubspot-signature-v3': r.signature, 'x-hubspot-request-timestamp': r.timestamp } },
    (res) => { res.resume(); res.on('end', () => resolve(res.statusCode)); });
  req.on('error', reject);
  req.end(r.body);
});
const latencies = [], statuses = {};
const record = (code, ms) => { latencies.push(ms); statuses[code] = (statuses[code] || 0) + 1; };
async function main() {
  const t0 = performance.now();
  if (w.intervalMs) {
    await Promise.all(w.requests.map(async (r, i) => {
      const intended = t0 + i * w.intervalMs;
      await new Promise((ok) => setTimeout(ok, Math.max(0, intended - performance.now())));
      record(await send(r), performance.now() - intended);
    }));
  } else {
    let next = 0;
    await Promise.all(Array.from({ length: w.concurrency }, async () => {
      while (next < w.requests.length) {
        const r = w.requests[next++]; const start = performance.now();
        record(await send(r), performance.now() - start);
      }
    }));
  }
  parentPort.postMessage({ latencies, statuses, wallMs: performance.now() - t0 });
  agent.destroy();
}
main().catch((err) => { throw err; });
`;

function runLoad(port: number, requests: Signed[], options: { concurrency?: number; intervalMs?: number }): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(LOAD_GENERATOR, { eval: true, workerData: { port, path: WEBHOOK_PATH, requests, ...options } });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

function events(from: number, count: number): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, k) => {
    const i = from + k;
    const deal = i % 3 === 2;
    return {
      eventId: i, subscriptionId: deal ? 2980103 : 2980102, portalId: PORTAL, appId: 3141592, occurredAt: 1_795_326_900_000 + i,
      subscriptionType: deal ? 'deal.propertyChange' : 'company.propertyChange', attemptNumber: 0,
      objectId: deal ? 30_000_000_000 + (i % DEALS) : 18_000_000_000 + (i % COMPANIES),
      propertyName: deal ? 'amount' : 'annualrevenue', propertyValue: String(1000 + (i % 977)), changeSource: 'CRM_UI', sourceId: 'userId:71234567',
    };
  });
}

/** Signed batches of 100 covering events [from, from + count), signed now (HubSpot's 5-minute window). */
function signedBatches(config: Config, from: number, count: number): Signed[] {
  const uri = signedUri(config.PUBLIC_BASE_URL, WEBHOOK_PATH);
  const timestamp = String(Date.now());
  return Array.from({ length: Math.ceil(count / BATCH) }, (_, b) => {
    const body = JSON.stringify(events(from + b * BATCH, Math.min(BATCH, count - b * BATCH)));
    return { body, timestamp, signature: signV3(config.HUBSPOT_CLIENT_SECRET ?? '', 'POST', uri, Buffer.from(body), timestamp) };
  });
}

/** The naive receiver: same checks, then one job per event. */
function naiveRouter(config: Config, queue: Queue): Router {
  const router = express.Router();
  router.post(WEBHOOK_PATH, express.raw({ type: () => true, limit: config.WEBHOOK_MAX_BODY_BYTES }), async (req, res) => {
    const rawBody = req.body as Buffer;
    const verdict = verifySignature({
      method: req.method, uri: signedUri(config.PUBLIC_BASE_URL, req.originalUrl), rawBody,
      signature: req.get('x-hubspot-signature-v3'), timestamp: req.get('x-hubspot-request-timestamp'),
    }, [config.HUBSPOT_CLIENT_SECRET], Date.now());
    if (!verdict.ok) return void res.status(401).end();
    const parsed = parseWebhookBatch(rawBody.toString('utf8'));
    if (!parsed.ok) return void res.status(200).end();
    try {
      await queue.addBulk(parsed.events.map((data) => ({ name: 'event', data })));
      res.status(200).end();
    } catch {
      res.status(503).end();
    }
  });
  return router;
}

async function listen(router: Router): Promise<{ server: Server; port: number }> {
  const { server, url } = await serve(express().use(router));
  return { server, port: Number(new URL(url).port) };
}

const percentile = (values: number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? NaN;
};

interface DesignFigures { eventsPerS: number; p50: number; p99: number; pacedP50: number; pacedP99: number }

async function measure(config: Config, port: number, label: string): Promise<DesignFigures> {
  const check = (r: LoadResult, phase: string): LoadResult => {
    const refused = Object.entries(r.statuses).filter(([code]) => code !== '200');
    if (refused.length) throw new Error(`${label} ${phase}: non-200 answers ${JSON.stringify(r.statuses)}`);
    return r;
  };
  check(await runLoad(port, signedBatches(config, 10_000_000, WARMUP_BATCHES * BATCH), { concurrency: SENDERS }), 'warm-up');
  const burst = check(await runLoad(port, signedBatches(config, 0, EVENTS), { concurrency: SENDERS }), 'burst');
  const pacedEvents = PACED_EVENTS_PER_S * PACED_SECONDS;
  const paced = check(await runLoad(port, signedBatches(config, EVENTS, pacedEvents), { intervalMs: (1000 * BATCH) / PACED_EVENTS_PER_S }), 'paced');
  console.error(`ingest: ${label} done`);
  return {
    eventsPerS: EVENTS / (burst.wallMs / 1000),
    p50: percentile(burst.latencies, 0.5), p99: percentile(burst.latencies, 0.99),
    pacedP50: percentile(paced.latencies, 0.5), pacedP99: percentile(paced.latencies, 0.99),
  };
}


export default async function ingestBench(): Promise<BenchResult> {
  const prefix = `{kambench-${randomUUID().slice(0, 8)}}`;
  const config = loadConfig({ HUBSPOT_CLIENT_SECRET: 'bench-secret', HUBSPOT_APP_ID: '3141592', PUBLIC_BASE_URL: 'https://kam.example.com', QUEUE_PREFIX: prefix });
  const redis = createProducerRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  await waitForReady(redis);
  const flushQueue = createFlushQueue(redis, prefix);
  const naiveQueue = new Queue('kam-naive-events', { connection: redis, prefix });
  const servers: Server[] = [];
  try {
    const logger = createLogger({ level: 'warn' });
    // As the server runs it: the door's installed check included (the portal is installed).
    await redis.sadd(installedSetKey(prefix), String(PORTAL));
    const ours = await listen(createWebhookRouter({ config, redis, prefix, flushQueue, logger, now: Date.now, installed: createInstalledCheck({ redis, prefix }) }));
    const naive = await listen(naiveRouter(config, naiveQueue));
    servers.push(ours.server, naive.server);
    const dirty = await measure(config, ours.port, 'dirty set');
    const perEvent = await measure(config, naive.port, 'one job per event');
    const flushJobs = Object.values(await flushQueue.getJobCounts('waiting', 'delayed')).reduce((a, b) => a + b, 0);
    const naiveJobs = Object.values(await naiveQueue.getJobCounts('waiting', 'delayed')).reduce((a, b) => a + b, 0);
    return {
      name: 'ingest',
      rows: [
        { figure: `P2 accepted events/s (batches of ${BATCH}, ${SENDERS} senders)`, value: dirty.eventsPerS, unit: 'events/s', baseline: perEvent.eventsPerS, goal: '≥ 20,000 /s' },
        { figure: 'P2 ack latency p50 (burst)', value: dirty.p50, unit: 'ms', baseline: perEvent.p50 },
        { figure: 'P2 ack latency p99 (burst)', value: dirty.p99, unit: 'ms', baseline: perEvent.p99 },
        { figure: `P2 ack latency p50 at ${PACED_EVENTS_PER_S.toLocaleString('en-US')} events/s`, value: dirty.pacedP50, unit: 'ms', baseline: perEvent.pacedP50 },
        { figure: `P2 ack latency p99 at ${PACED_EVENTS_PER_S.toLocaleString('en-US')} events/s`, value: dirty.pacedP99, unit: 'ms', baseline: perEvent.pacedP99, goal: '≤ 50 ms' },
        { figure: 'P2 jobs queued for all events sent', value: flushJobs, unit: 'jobs', baseline: naiveJobs },
      ],
    };
  } finally {
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
    await naiveQueue.obliterate({ force: true }).catch(() => undefined);
    await Promise.all([flushQueue.close(), naiveQueue.close()]);
    await deleteKeysMatching(redis, `${prefix}*`);
    redis.disconnect();
  }
}
