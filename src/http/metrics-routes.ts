// GET /metrics in Prometheus' text format. Most figures live in Redis (shared by every process)
// and are read when Prometheus scrapes: jobs by state, HubSpot calls and 429s per portal, webhook
// counters, flush latency. Webhook outcomes of this process are counted in memory.
import type { Queue } from 'bullmq';
import { Router } from 'express';
import { Counter, Gauge, Registry } from 'prom-client';
import type { CallCounter } from '../hubspot/call-counter.ts';
import { readFlushLatency } from '../store/flush-latency.ts';
import { readWebhookStats } from '../store/webhook-stats.ts';
import type { RedisClient } from '../store/redis-client.ts';

export interface MetricsDeps {
  redis: RedisClient;
  prefix: string;
  queues: Queue[];
  calls: CallCounter;
  installedPortals: () => Promise<string[]>;
}

export interface Metrics {
  router: Router;
  webhookOutcome: (outcome: 'accepted' | 'refused' | 'unavailable', events: number) => void;
}

export function createMetrics(deps: MetricsDeps): Metrics {
  const registry = new Registry();
  const requests = new Counter({ name: 'kam_webhook_requests_total', help: 'Webhook requests by outcome (this process)', labelNames: ['outcome'], registers: [registry] });
  const events = new Counter({ name: 'kam_webhook_events_accepted_total', help: 'Events in accepted webhook batches (this process)', registers: [registry] });
  new Gauge({
    name: 'kam_webhook_events_ignored', help: 'Events acknowledged but not acted on, by reason (all processes)', labelNames: ['reason'], registers: [registry],
    async collect() {
      this.reset();
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
    name: 'kam_hubspot_calls', help: 'HubSpot calls per portal and kind since install; kind 429:<policy> counts rate-limit answers', labelNames: ['portal', 'kind'], registers: [registry],
    async collect() {
      this.reset();
      for (const portal of await deps.installedPortals()) {
        for (const [kind, n] of Object.entries(await deps.calls.read(portal))) this.set({ portal, kind }, n);
      }
    },
  });
  new Gauge({
    name: 'kam_flush_latency_seconds', help: 'Flush request to scores written: cumulative buckets, count and sum', labelNames: ['le'], registers: [registry],
    async collect() {
      const h = await readFlushLatency(deps.redis, deps.prefix);
      for (const [le, n] of Object.entries(h.buckets)) this.set({ le }, n);
      this.set({ le: '+Inf' }, h.count);
      this.set({ le: 'sum' }, h.sum);
    },
  });
  const router = Router();
  router.get('/metrics', async (_req, res) => {
    try {
      res.type(registry.contentType).send(await registry.metrics());
    } catch {
      res.status(503).type('text/plain').send('metrics unavailable: redis unreachable\n');
    }
  });
  return {
    router,
    webhookOutcome: (outcome, n) => {
      requests.inc({ outcome });
      if (outcome === 'accepted') events.inc(n);
    },
  };
}
