// Every key matching a glob, by SCAN (never KEYS), on one Redis or on every master of a cluster.
import { Cluster, type Redis } from 'ioredis';
import type { RedisClient } from './redis-client.ts';

async function scanNode(node: Redis, pattern: string, into: string[]): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    into.push(...keys);
    cursor = next;
  } while (cursor !== '0');
}

export async function scanKeys(redis: RedisClient, pattern: string): Promise<string[]> {
  const found: string[] = [];
  const nodes = redis instanceof Cluster ? redis.nodes('master') : [redis];
  for (const node of nodes) await scanNode(node, pattern, found);
  return found;
}
