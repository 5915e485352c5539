// How long a change waits from its flush request to its scores being written, as a Prometheus
// histogram. Workers observe (they run the flushes); the server exposes (it serves /metrics). The
// histogram's state therefore lives in Redis, one hash for every process, and a scrape reads it
// once: a prom-client Histogram whose exposition reads that hash instead of its own memory.
import type { RedisClient } from './redis-client.ts';
import { Histogram, type MetricType, type Registry } from 'prom-client';

export const LATENCY_BUCKETS_S = [0.5, 1, 2, 3, 5, 10, 30, 60, 300];

const key = (prefix: string): string => `${prefix}:metrics:flush-latency`;

/** Counts one observation: the bucket it falls in (not cumulative), the count and the sum. */
export async function recordFlushLatency(redis: RedisClient, prefix: string, seconds: number): Promise<void> {
  const bucket = LATENCY_BUCKETS_S.find((le) => seconds <= le) ?? '+Inf';
  await redis.pipeline()
    .hincrby(key(prefix), `in:${bucket}`, 1)
    .hincrby(key(prefix), 'count', 1)
    .hincrbyfloat(key(prefix), 'sum', seconds)
    .exec();
}

export interface LatencySnapshot {
  /** Cumulative counts by upper bound, in LATENCY_BUCKETS_S order (Prometheus' `le`). */
  cumulative: number[];
  count: number;
  sum: number;
}

export async function readFlushLatency(redis: RedisClient, prefix: string): Promise<LatencySnapshot> {
  const fields = [...LATENCY_BUCKETS_S.map((le) => `in:${le}`), 'count', 'sum'];
  const raw = (await redis.hmget(key(prefix), ...fields)).map((v) => Number(v ?? 0));
  let running = 0;
  const cumulative = LATENCY_BUCKETS_S.map((_, i) => (running += raw[i] ?? 0));
  return { cumulative, count: raw[LATENCY_BUCKETS_S.length] ?? 0, sum: raw[LATENCY_BUCKETS_S.length + 1] ?? 0 };
}

type HistogramExport = Awaited<ReturnType<Histogram['get']>>;

/** `kam_flush_latency_seconds`, registered on `registry`: buckets, `_sum` and `_count` from Redis. */
export function registerFlushLatencyHistogram(registry: Registry, read: () => Promise<LatencySnapshot>): Histogram {
  const name = 'kam_flush_latency_seconds';
  const help = 'Flush request to scores written, every worker (seconds)';
  class SharedHistogram extends Histogram {
    override async get(): Promise<HistogramExport> {
      const h = await read();
      const bucket = (le: number | string, value: number) => ({ labels: { le }, value, metricName: `${name}_bucket` });
      const values = [
        ...LATENCY_BUCKETS_S.map((le, i) => bucket(le, h.cumulative[i] ?? 0)),
        bucket('+Inf', h.count),
        { labels: {}, value: h.sum, metricName: `${name}_sum` },
        { labels: {}, value: h.count, metricName: `${name}_count` },
      ];
      // prom-client declares MetricType as an enum for types only; at run time it is the string.
      const type = 'histogram' as unknown as MetricType;
      return { name, help, type, values, aggregator: 'sum', collect: () => undefined };
    }

    getForPromString(): Promise<HistogramExport> {
      return this.get();
    }
  }
  return new SharedHistogram({
    name, help, buckets: LATENCY_BUCKETS_S, registers: [registry],
  });
}
