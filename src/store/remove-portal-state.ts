// Uninstall clean-up of everything the app keeps about a portal outside the HubSpot adapter:
// dirty marks, portfolio state and inputs, plays, settings, locks. (Tokens, the install record,
// rate-limit windows and call counts go with hubspot/remove-portal-data.ts.)
import type { Redis } from 'ioredis';
import { dirtyKeys, dirtyPortalsKey } from './dirty-marks.ts';
import { flushedDuringPassKey } from './flushed-during-pass.ts';
import { lockWantedKey, passLockKey, portalLockKey } from './portal-lock.ts';
import { assertPortalId } from './portal-store.ts';
import { portfolioKeys } from './portfolio-state.ts';

export function portalStateKeys(prefix: string, portalId: string): string[] {
  const { portals: _shared, ...dirty } = dirtyKeys(prefix, portalId);
  return [
    ...Object.values(dirty),
    ...Object.values(portfolioKeys(prefix, portalId)),
    ...Object.values(portfolioKeys(prefix, `${portalId}-rebuild`)),
    `${prefix}:inputs:${portalId}`,
    `${prefix}:inputs:${portalId}-rebuild`,
    `${prefix}:plays:${portalId}`,
    `${prefix}:settings:${portalId}`,
    portalLockKey(prefix, portalId),
    lockWantedKey(portalLockKey(prefix, portalId)),
    passLockKey(prefix, portalId),
    flushedDuringPassKey(prefix, portalId),
    `${prefix}:pass:${portalId}`,
  ];
}

export async function removePortalState(redis: Redis, prefix: string, portalId: string): Promise<void> {
  assertPortalId(portalId);
  await redis.multi().del(...portalStateKeys(prefix, portalId)).srem(dirtyPortalsKey(prefix), portalId).exec();
}
