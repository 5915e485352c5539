// How much Redis memory the portals' own state takes (quality.md P6d, P7): MEMORY USAGE with
// SAMPLES 0 (every element counted) summed over the keys of portal-keys.ts. The queues and the few
// global keys are left out.
import { Cluster, type Redis } from 'ioredis';
import { allPortalKeys, portalKeyBase } from './portal-keys.ts';
import type { RedisClient } from './redis-client.ts';

const usage = async (redis: RedisClient, key: string): Promise<number> => Number((await redis.call('MEMORY', 'USAGE', key, 'SAMPLES', '0')) ?? 0);

/** Bytes of one portal's keys. */
export async function portalStateBytes(redis: RedisClient, prefix: string, portalId: string): Promise<number> {
  let total = 0;
  for (const key of allPortalKeys(prefix, portalId)) total += await usage(redis, key);
  return total;
}

async function nodeBytes(node: Redis, pattern: string): Promise<number> {
  let total = 0;
  let cursor = '0';
  do {
    const [next, keys] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    for (const key of keys) total += await usage(node, key);
  } while (cursor !== '0');
  return total;
}

/** Bytes of every portal's keys on each master (one entry for a single Redis), in the cluster's node order. */
export async function portalStateBytesByMaster(redis: RedisClient, prefix: string): Promise<number[]> {
  // Every portal key starts with `<prefix without braces>:{<portal id>}:`.
  const pattern = `${portalKeyBase(prefix, '0').slice(0, -'0}'.length)}*`;
  const nodes = redis instanceof Cluster ? redis.nodes('master') : [redis];
  const sorted = [...nodes].sort((a, b) => (a.options.port ?? 0) - (b.options.port ?? 0));
  return Promise.all(sorted.map((node) => nodeBytes(node, pattern)));
}
