// Uninstall clean-up of everything the app keeps about a portal outside the HubSpot adapter:
// dirty marks, portfolio state and inputs, plays, settings, locks. (Tokens, the install record,
// rate-limit windows and call counts go with hubspot/remove-portal-data.ts.)
import type { Redis } from 'ioredis';
import { dirtyKeys, dirtyPortalsKey } from './dirty-marks.ts';
import { assertPortalId } from './portal-store.ts';
import { portfolioKeys } from './portfolio-state.ts';
import { settingsKeys } from './settings-store.ts';

export function portalStateKeys(prefix: string, portalId: string): string[] {
  const { portals: _shared, ...dirty } = dirtyKeys(prefix, portalId);
  return [
    ...Object.values(dirty),
    ...Object.values(portfolioKeys(prefix, portalId)),
    ...Object.values(portfolioKeys(prefix, `${portalId}-rebuild`)),
    `${prefix}:inputs:${portalId}`,
    `${prefix}:inputs:${portalId}-rebuild`,
    `${prefix}:plays:${portalId}`,
    ...Object.values(settingsKeys(prefix, portalId)),
    `${prefix}:lock:${portalId}`,
    `${prefix}:pass:${portalId}`,
  ];
}

export async function removePortalState(redis: Redis, prefix: string, portalId: string): Promise<void> {
  assertPortalId(portalId);
  await redis.multi().del(...portalStateKeys(prefix, portalId)).srem(dirtyPortalsKey(prefix), portalId).exec();
}
