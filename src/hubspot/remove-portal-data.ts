// Uninstall clean-up for what the HubSpot adapter keeps about a portal: its encrypted tokens and
// refresh lock, its installation record, its rate-limiter windows and its call counts. Other stores
// (scores, plays, settings) belong to their own modules and are removed by theirs.
import type { Redis } from 'ioredis';
import { assertPortalId, installedSetKey, portalKey } from '../store/portal-store.ts';
import { tokenKey, tokenLockKey } from '../store/token-store.ts';
import { callCountKey, callRankingKey } from './call-counter.ts';
import { rateLimitKeys } from './rate-limiter.ts';

export function portalDataKeys(prefix: string, portalId: string): string[] {
  return [
    tokenKey(prefix, portalId),
    tokenLockKey(prefix, portalId),
    portalKey(prefix, portalId),
    callCountKey(prefix, portalId),
    ...rateLimitKeys(prefix, portalId),
  ];
}

export async function removePortalData(deps: { redis: Redis; prefix: string }, portalId: string): Promise<void> {
  assertPortalId(portalId);
  await deps.redis
    .multi()
    .del(...portalDataKeys(deps.prefix, portalId))
    .srem(installedSetKey(deps.prefix), portalId)
    .zrem(callRankingKey(deps.prefix), portalId)
    .exec();
}
