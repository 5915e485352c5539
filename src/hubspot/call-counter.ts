// Counts every HubSpot request (each attempt, retries included) per portal and kind: in Redis for
// the cross-process view (HINCRBY on the portal's `calls` key), and in process for benchmarks
// that want the figure without a round trip.
import { portalKeys } from '../store/portal-keys.ts';
import type { RedisClient } from '../store/redis-client.ts';

export interface CallCounter {
  count(portalId: string, kind: string): Promise<void>;
  /** Calls counted by this process since it started (or since `reset`). */
  total(): number;
  totalsByKind(): Record<string, number>;
  /** The shared per-kind counts of one portal, from Redis. */
  read(portalId: string): Promise<Record<string, number>>;
  reset(): void;
}

export const callCountKey = (prefix: string, portalId: string): string => portalKeys(prefix, portalId).calls;

export function createCallCounter(deps: { redis: RedisClient; prefix: string }): CallCounter {
  const { redis, prefix } = deps;
  let byKind = new Map<string, number>();
  let total = 0;
  return {
    async count(portalId, kind) {
      total += 1;
      byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
      await redis.hincrby(callCountKey(prefix, portalId), kind, 1);
    },
    total: () => total,
    totalsByKind: () => Object.fromEntries(byKind),
    async read(portalId) {
      const raw = await redis.hgetall(callCountKey(prefix, portalId));
      return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Number(v)]));
    },
    reset() {
      total = 0;
      byKind = new Map();
    },
  };
}
