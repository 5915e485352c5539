// Keys by pattern, for the tests, benches and scripts that clean up or inspect what they wrote
// under their own prefix. SCAN, never KEYS: the machine's Redis may hold other runs' data. No
// vitest import here, so benches and scripts can use it too.
import { Cluster } from 'ioredis';
import type { RedisClient } from '../../src/store/redis-client.ts';
import { scanKeys } from '../../src/store/scan-keys.ts';

/** Every key matching `pattern` (a Redis glob), on every master of a cluster. */
export async function keysMatching(redis: RedisClient, pattern: string): Promise<string[]> {
  return scanKeys(redis, pattern);
}

/** Deletes every key matching `pattern`; returns how many there were. */
export async function deleteKeysMatching(redis: RedisClient, pattern: string): Promise<number> {
  const keys = await keysMatching(redis, pattern);
  // A cluster refuses one DEL over several slots: there, one key at a time.
  const step = redis instanceof Cluster ? 1 : 1000;
  for (let i = 0; i < keys.length; i += step) await redis.del(...keys.slice(i, i + step));
  return keys.length;
}

/** Every key containing `prefix`, with its value(s) as one string per key (for leak checks). */
export async function keyValues(redis: RedisClient, prefix: string): Promise<Array<{ key: string; value: string }>> {
  const out: Array<{ key: string; value: string }> = [];
  for (const key of await keysMatching(redis, `*${prefix}*`)) {
    const type = await redis.type(key);
    const value =
      type === 'string' ? await redis.get(key)
      : type === 'hash' ? JSON.stringify(await redis.hgetall(key))
      : type === 'set' ? JSON.stringify(await redis.smembers(key))
      : type === 'zset' ? JSON.stringify(await redis.zrange(key, 0, -1, 'WITHSCORES'))
      : type === 'list' ? JSON.stringify(await redis.lrange(key, 0, -1))
      : type === 'stream' ? JSON.stringify(await redis.xrange(key, '-', '+'))
      : JSON.stringify(await redis.dump(key));
    out.push({ key, value: value ?? '' });
  }
  return out;
}
