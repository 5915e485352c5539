// Counts every HubSpot request (each attempt, retries included) per portal and kind: in Redis for
// the cross-process view (HINCRBY on the portal's `calls` key), and in process for benchmarks
// that want the figure without a round trip. Beside it, the totals by kind over every portal and a
// ranking of portals by calls, so /metrics reads two keys however many portals there are.
import { callRankingKey, portalKeys } from '../store/portal-keys.ts';
import type { RedisClient } from '../store/redis-client.ts';

export interface CallCounter {
  count(portalId: string, kind: string): Promise<void>;
  /** Calls counted by this process since it started (or since `reset`). */
  total(): number;
  totalsByKind(): Record<string, number>;
  /** The shared per-kind counts of one portal, from Redis. */
  read(portalId: string): Promise<Record<string, number>>;
  /** The shared per-kind counts over every portal (one Redis read). */
  readTotals(): Promise<Record<string, number>>;
  /** The `limit` portals with the most calls, most first (one Redis read). */
  busiest(limit: number): Promise<{ portalId: string; calls: number }[]>;
  reset(): void;
}

export const callCountKey = (prefix: string, portalId: string): string => portalKeys(prefix, portalId).calls;
export const callTotalsKey = (prefix: string): string => `${prefix}:calls-total`;
export { callRankingKey };

const numbers = (raw: Record<string, string>): Record<string, number> =>
  Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Number(v)]));

export function createCallCounter(deps: { redis: RedisClient; prefix: string }): CallCounter {
  const { redis, prefix } = deps;
  let byKind = new Map<string, number>();
  let total = 0;
  return {
    async count(portalId, kind) {
      total += 1;
      byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
      // Two sends, not one pipeline: on a Redis Cluster the portal's key and the two global ones
      // (which share QUEUE_PREFIX's hash tag) may live in different slots.
      await Promise.all([
        redis.hincrby(callCountKey(prefix, portalId), kind, 1),
        redis.multi().hincrby(callTotalsKey(prefix), kind, 1).zincrby(callRankingKey(prefix), 1, portalId).exec(),
      ]);
    },
    total: () => total,
    totalsByKind: () => Object.fromEntries(byKind),
    async read(portalId) {
      return numbers(await redis.hgetall(callCountKey(prefix, portalId)));
    },
    async readTotals() {
      return numbers(await redis.hgetall(callTotalsKey(prefix)));
    },
    async busiest(limit) {
      const flat = await redis.zrevrange(callRankingKey(prefix), 0, limit - 1, 'WITHSCORES');
      const top: { portalId: string; calls: number }[] = [];
      for (let i = 0; i + 1 < flat.length; i += 2) top.push({ portalId: flat[i] as string, calls: Number(flat[i + 1]) });
      return top;
    },
    reset() {
      total = 0;
      byKind = new Map();
    },
  };
}
