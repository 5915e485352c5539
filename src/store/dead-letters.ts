// Authentic webhook batches our schema refused, kept whole so an admin can inspect them and replay
// them once the schema is fixed. HubSpot does not retry a 2xx, so this list is their only copy.
import { randomUUID } from 'node:crypto';
import type { RedisClient } from './redis-client.ts';

export interface DeadLetter {
  id: string;
  receivedAt: number;
  /** Why it was refused, e.g. "schema" or "json". */
  reason: string;
  /** A few human-readable problems (bounded). */
  issues: string[];
  /** The raw body as received (UTF-8). */
  body: string;
}

export type DeadLetterSummary = Omit<DeadLetter, 'body'> & { bytes: number };

const indexKey = (prefix: string): string => `${prefix}:dead-letters`;
const bodiesKey = (prefix: string): string => `${prefix}:dead-letter-bodies`;

export const DEFAULT_MAX_DEAD_LETTERS = 10_000;

/**
 * Stores a batch and returns its id. Beyond `max` entries the oldest are dropped (reported in
 * `trimmed`), because an unbounded list on a noeviction Redis would end up refusing every webhook.
 */
export async function addDeadLetter(
  redis: RedisClient, prefix: string,
  entry: Omit<DeadLetter, 'id'>,
  max = DEFAULT_MAX_DEAD_LETTERS,
): Promise<{ id: string; trimmed: number }> {
  const id = randomUUID();
  const record: DeadLetter = { id, ...entry, issues: entry.issues.slice(0, 20) };
  await redis.multi()
    .zadd(indexKey(prefix), entry.receivedAt, id)
    .hset(bodiesKey(prefix), id, JSON.stringify(record))
    .exec()
    .then(throwOnError);
  const trimmed = await trimOldest(redis, prefix, max);
  return { id, trimmed };
}

async function trimOldest(redis: RedisClient, prefix: string, max: number): Promise<number> {
  const excess = (await redis.zcard(indexKey(prefix))) - max;
  if (excess <= 0) return 0;
  const oldest = await redis.zrange(indexKey(prefix), 0, excess - 1);
  if (oldest.length) {
    await redis.multi().zrem(indexKey(prefix), ...oldest).hdel(bodiesKey(prefix), ...oldest).exec().then(throwOnError);
  }
  return oldest.length;
}

function throwOnError(results: [Error | null, unknown][] | null): void {
  if (!results) throw new Error('transaction aborted');
  const failed = results.find(([err]) => err);
  if (failed?.[0]) throw failed[0];
}

/** Newest first, without bodies. */
export async function listDeadLetters(redis: RedisClient, prefix: string, limit = 100, offset = 0): Promise<DeadLetterSummary[]> {
  const ids = await redis.zrevrange(indexKey(prefix), offset, offset + limit - 1);
  if (!ids.length) return [];
  const raws = await redis.hmget(bodiesKey(prefix), ...ids);
  return raws.flatMap((raw) => {
    if (raw == null) return [];
    const { body, ...rest } = JSON.parse(raw) as DeadLetter;
    return [{ ...rest, bytes: Buffer.byteLength(body) }];
  });
}

export async function getDeadLetter(redis: RedisClient, prefix: string, id: string): Promise<DeadLetter | null> {
  const raw = await redis.hget(bodiesKey(prefix), id);
  return raw == null ? null : (JSON.parse(raw) as DeadLetter);
}

/** True when the entry existed. */
export async function removeDeadLetter(redis: RedisClient, prefix: string, id: string): Promise<boolean> {
  const results = await redis.multi().zrem(indexKey(prefix), id).hdel(bodiesKey(prefix), id).exec();
  throwOnError(results);
  return results?.[1]?.[1] === 1;
}

export async function countDeadLetters(redis: RedisClient, prefix: string): Promise<number> {
  return redis.zcard(indexKey(prefix));
}
