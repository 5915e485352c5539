// Counters about webhook traffic that is accepted but not acted on: subscription types we do not
// handle, our own writes coming back, dead-lettered batches. Read by /metrics and admins.
import type { RedisClient } from './redis-client.ts';

const statsKey = (prefix: string): string => `${prefix}:webhook-stats`;

/** Adds to the named counters (e.g. `unknown:contact.creation`, `dropped-own`); zeros are skipped. */
export async function countWebhookStats(redis: RedisClient, prefix: string, counts: Readonly<Record<string, number>>): Promise<void> {
  const entries = Object.entries(counts).filter(([, n]) => n > 0);
  if (!entries.length) return;
  const pipeline = redis.pipeline();
  for (const [field, n] of entries) pipeline.hincrby(statsKey(prefix), field, n);
  await pipeline.exec();
}

export async function readWebhookStats(redis: RedisClient, prefix: string): Promise<Record<string, number>> {
  const raw = await redis.hgetall(statsKey(prefix));
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Number(v)]));
}
