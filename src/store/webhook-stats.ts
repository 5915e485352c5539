// Counters about webhook traffic that is accepted but not acted on: subscription types we do not
// handle, our own writes coming back, events of portals that have not installed the app,
// dead-lettered batches. Read by /metrics and admins. The counters are a fixed set: nothing a sender
// writes becomes a field name, so the hash (and the metric's labels) cannot grow.
import type { RedisClient } from './redis-client.ts';

export const WEBHOOK_STATS = ['unknown-type', 'dropped-own', 'not-installed', 'dead-lettered'] as const;
export type WebhookStat = (typeof WEBHOOK_STATS)[number];

const statsKey = (prefix: string): string => `${prefix}:webhook-stats`;

/** Adds to the named counters; zeros are skipped. */
export async function countWebhookStats(redis: RedisClient, prefix: string, counts: Readonly<Partial<Record<WebhookStat, number>>>): Promise<void> {
  const entries = Object.entries(counts).filter(([, n]) => n > 0);
  if (!entries.length) return;
  const pipeline = redis.pipeline();
  for (const [field, n] of entries) pipeline.hincrby(statsKey(prefix), field, n);
  pipeline.hlen(statsKey(prefix));
  const results = await pipeline.exec();
  // Versions before the fixed set kept a field per unknown type a sender named: drop them once.
  const fields = Number(results?.at(-1)?.[1] ?? 0);
  if (fields > WEBHOOK_STATS.length) await dropLegacyFields(redis, prefix);
}

async function dropLegacyFields(redis: RedisClient, prefix: string): Promise<void> {
  const known = new Set<string>(WEBHOOK_STATS);
  let cursor = '0';
  do {
    const [next, flat] = await redis.hscan(statsKey(prefix), cursor, 'COUNT', 1000);
    const legacy = flat.filter((v, i) => i % 2 === 0 && !known.has(v));
    if (legacy.length) await redis.hdel(statsKey(prefix), ...legacy);
    cursor = next;
  } while (cursor !== '0');
}

/** Every counter, zero when never counted (fields of older versions are left out). */
export async function readWebhookStats(redis: RedisClient, prefix: string): Promise<Record<WebhookStat, number>> {
  const raw = await redis.hmget(statsKey(prefix), ...WEBHOOK_STATS);
  return Object.fromEntries(WEBHOOK_STATS.map((name, i) => [name, Number(raw[i] ?? 0)])) as Record<WebhookStat, number>;
}
