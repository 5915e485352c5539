// Companies whose deal or parent links changed since their stored inputs were read: an association
// event (a deal or a parent linked or unlinked), a merge that moved records onto the company, or a
// deal event (the deal may be new to it). A flush reads these companies' links from HubSpot; every
// other company's links come from its stored inputs, so a change to a company's own properties
// costs two calls (read it, write it) instead of four. The flag is set with the company's mark
// (dirty-marks.ts) and leaves with it, only once a flush has read the links: a company marked again
// meanwhile keeps it.
import { portalKeys } from './portal-keys.ts';
import type { RedisClient } from './redis-client.ts';
import { staleAmong } from './stale-ids.ts';

export const staleLinks = (redis: RedisClient, prefix: string, portalId: string, companyIds: readonly string[]): Promise<Set<string>> =>
  staleAmong(redis, portalKeys(prefix, portalId).staleLinks, companyIds);
