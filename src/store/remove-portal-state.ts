// Uninstall clean-up of every key a portal owns (portal-keys.ts names them all: marks, portfolio,
// inputs, plays, settings, locks, tokens, install record, call counts, rate-limit windows), its
// entries in the global sets, and its events in the dead letters. Its jobs are the queues'
// (removePortalJobs in src/queues.ts).
import { removePortalFromDeadLetters } from './remove-portal-from-dead-letters.ts';
import { unindexPortal } from './dirty-marks.ts';
import { allPortalKeys, assertPortalId, callRankingKey } from './portal-keys.ts';
import { installedSetKey } from './portal-store.ts';
import type { RedisClient } from './redis-client.ts';
import { legacyDirtyPortalsKey } from './migrate-portal-keys.ts';

export async function removePortalState(redis: RedisClient, prefix: string, portalId: string): Promise<{ deadLettersChanged: number }> {
  assertPortalId(portalId);
  // Out of the installed set first, so no job starts for it while the rest goes.
  await redis.srem(installedSetKey(prefix), portalId);
  // One slot (the portal's tag), so one DEL even on a cluster.
  await redis.del(...allPortalKeys(prefix, portalId));
  await unindexPortal(redis, prefix, portalId);
  await redis.srem(legacyDirtyPortalsKey(prefix), portalId);
  await redis.zrem(callRankingKey(prefix), portalId);
  return { deadLettersChanged: await removePortalFromDeadLetters(redis, prefix, portalId) };
}
