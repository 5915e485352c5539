// GET /metrics in Prometheus' text format, behind a token (METRICS_TOKEN or ADMIN_TOKEN, see
// createApp). Most figures live in Redis (shared by every process) and are read when Prometheus
// scrapes, a fixed number of keys whatever the number of portals: jobs by state, HubSpot calls by
// kind over every portal, webhook counters, the flush latency histogram. No label names a portal:
// the per-portal call counts are on an operator route of their own (GET /admin/hubspot-calls).
// Webhook outcomes of this process are counted in memory.
import type { Queue } from 'bullmq';
import { Router } from 'express';
import { Counter, Gauge, Registry } from 'prom-client';
import type { CallCounter } from '../hubspot/call-counter.ts';
import { readFlushLatency, registerFlushLatencyHistogram } from '../store/flush-latency.ts';
import { readWebhookStats } from '../store/webhook-stats.ts';
import type { RedisClient } from '../store/redis-client.ts';
import type { WebhookOutcome } from '../../webhooks/webhook-route.ts';

export interface MetricsDeps {
  redis: RedisClient;
  prefix: string;
  queues: Queue[];
  calls: Pick<CallCounter, 'readTotals' | 'busiest' | 'read'>;
}

export interface Metrics {
  router: Router;
  /** GET /admin/hubspot-calls?limit=N: the busiest portals with their calls by kind (operator only). */
  operator: { path: string; router: Router };
  webhookOutcome: (outcome: WebhookOutcome, events: number) => void;
}

export const HUBSPOT_CALLS_PATH = '/admin/hubspot-calls';
const MAX_BUSIEST = 100;

export function createMetrics(deps: MetricsDeps): Metrics {
  const registry = new Registry();
  const requests = new Counter({ name: 'kam_webhook_requests_total', help: 'Webhook requests by outcome (this process)', labelNames: ['outcome'], registers: [registry] });
  const events = new Counter({ name: 'kam_webhook_events_accepted_total', help: 'Events in accepted webhook batches (this process)', registers: [registry] });
  new Gauge({
    name: 'kam_webhook_events_ignored', help: 'Events acknowledged but not acted on, by reason (all processes)', labelNames: ['reason'], registers: [registry],
    async collect() {
      for (const [reason, n] of Object.entries(await readWebhookStats(deps.redis, deps.prefix))) this.set({ reason }, n);
    },
  });
  new Gauge({
    name: 'kam_jobs', help: 'Jobs by queue and state', labelNames: ['queue', 'state'], registers: [registry],
    async collect() {
      for (const q of deps.queues) {
        for (const [state, n] of Object.entries(await q.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed'))) this.set({ queue: q.name, state }, n);
      }
    },
  });
  new Gauge({
    name: 'kam_hubspot_calls', help: 'HubSpot calls by kind over every portal since install; kind 429:<policy> counts rate-limit answers', labelNames: ['kind'], registers: [registry],
    async collect() {
      this.reset();
      for (const [kind, n] of Object.entries(await deps.calls.readTotals())) this.set({ kind }, n);
    },
  });
  registerFlushLatencyHistogram(registry, () => readFlushLatency(deps.redis, deps.prefix));

  const router = Router();
  router.get('/metrics', async (_req, res) => {
    try {
      res.type(registry.contentType).send(await registry.metrics());
    } catch {
      res.status(503).type('text/plain').send('metrics unavailable: redis unreachable\n');
    }
  });

  const operator = Router();
  operator.get('/', async (req, res) => {
    const asked = Number(req.query.limit ?? 20);
    const limit = Number.isInteger(asked) && asked > 0 ? Math.min(asked, MAX_BUSIEST) : 20;
    try {
      const busiest = await deps.calls.busiest(limit);
      const portals = await Promise.all(busiest.map(async (p) => ({ ...p, byKind: await deps.calls.read(p.portalId) })));
      res.json({ portals });
    } catch {
      res.status(503).json({ error: 'redis unreachable' });
    }
  });

  return {
    router,
    operator: { path: HUBSPOT_CALLS_PATH, router: operator },
    webhookOutcome: (outcome, n) => {
      requests.inc({ outcome });
      if (outcome === 'accepted') events.inc(n);
    },
  };
}
