// Authentic webhook batches our schema refused, kept whole so an admin can inspect them and replay
// them once the schema is fixed. HubSpot does not retry a 2xx, so this list is their only copy.
import { randomUUID } from 'node:crypto';
import type { RedisClient } from './redis-client.ts';
import { redisScript } from './redis-script.ts';

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
/** The bytes of every stored record, kept with each add and removal. */
const bytesKey = (prefix: string): string => `${prefix}:dead-letter-bytes`;

/**
 * Dead letters are kept within both bounds (R12): bytes, because one batch may be up to the
 * webhook body limit (1 MiB) and entries alone would allow gigabytes on a noeviction Redis, which
 * would end up refusing every webhook; entries, so listing stays cheap.
 */
export interface DeadLetterLimits {
  maxBytes: number;
  maxEntries: number;
}

export const DEFAULT_DEAD_LETTER_LIMITS: DeadLetterLimits = { maxBytes: 64 * 1024 * 1024, maxEntries: 10_000 };

const MAX_ISSUES = 20;
const MAX_ISSUE_CHARS = 300;

// KEYS: index, bodies, bytes. ARGV: id, receivedAt, record, maxBytes, maxEntries. Adds the record,
// then drops the oldest until both bounds hold; returns how many were dropped.
// Dead letters stored before the byte count existed are counted once, the first time.
const ADD = redisScript(`
if redis.call('EXISTS', KEYS[3]) == 0 then
  local before = 0
  for _, id in ipairs(redis.call('HKEYS', KEYS[2])) do before = before + redis.call('HSTRLEN', KEYS[2], id) end
  redis.call('SET', KEYS[3], before)
end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
local total = redis.call('INCRBY', KEYS[3], string.len(ARGV[3]))
local maxBytes, maxEntries, trimmed = tonumber(ARGV[4]), tonumber(ARGV[5]), 0
while total > maxBytes or redis.call('ZCARD', KEYS[1]) > maxEntries do
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0)[1]
  if not oldest then break end
  local len = redis.call('HSTRLEN', KEYS[2], oldest)
  redis.call('ZREM', KEYS[1], oldest)
  redis.call('HDEL', KEYS[2], oldest)
  total = redis.call('DECRBY', KEYS[3], len)
  trimmed = trimmed + 1
end
return trimmed
`);

// KEYS: index, bodies, bytes. ARGV: id. Returns 1 when it existed.
const REMOVE = redisScript(`
local len = redis.call('HSTRLEN', KEYS[2], ARGV[1])
if redis.call('HDEL', KEYS[2], ARGV[1]) == 0 then redis.call('ZREM', KEYS[1], ARGV[1]); return 0 end
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('DECRBY', KEYS[3], len)
return 1
`);

const keys = (prefix: string): string[] => [indexKey(prefix), bodiesKey(prefix), bytesKey(prefix)];

/**
 * Stores a batch and returns its id. Beyond the limits the oldest are dropped (reported in
 * `trimmed`; the caller logs it): the newest batches are the ones an admin is about to replay.
 */
export async function addDeadLetter(
  redis: RedisClient, prefix: string,
  entry: Omit<DeadLetter, 'id'>,
  limits: DeadLetterLimits = DEFAULT_DEAD_LETTER_LIMITS,
): Promise<{ id: string; trimmed: number }> {
  const id = randomUUID();
  const issues = entry.issues.slice(0, MAX_ISSUES).map((i) => (i.length > MAX_ISSUE_CHARS ? `${i.slice(0, MAX_ISSUE_CHARS)}…` : i));
  const record: DeadLetter = { id, ...entry, issues };
  const trimmed = Number(await ADD.run(redis, keys(prefix), [id, entry.receivedAt, JSON.stringify(record), limits.maxBytes, limits.maxEntries]));
  return { id, trimmed };
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
  return Number(await REMOVE.run(redis, keys(prefix), [id])) === 1;
}

export async function countDeadLetters(redis: RedisClient, prefix: string): Promise<number> {
  return redis.zcard(indexKey(prefix));
}

/** Entries and the bytes they hold (what the byte bound is checked against). */
export async function deadLetterUsage(redis: RedisClient, prefix: string): Promise<{ entries: number; bytes: number }> {
  const [entries, bytes] = await Promise.all([redis.zcard(indexKey(prefix)), redis.get(bytesKey(prefix))]);
  return { entries, bytes: Number(bytes ?? 0) };
}
