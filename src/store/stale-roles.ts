// Companies whose contacts changed (a buying role set, a contact linked or unlinked, §10) since their
// stored roles were read. A flush reads these companies' contacts again; every other company keeps
// its stored role set, so a company or deal event costs no contact reads (quality.md P3). A company
// leaves the set with its mark, in the round that read its contacts, and only if no newer event
// marked it meanwhile (dirty-marks.ts's CLEAR).
import { portalKeys } from './portal-keys.ts';
import type { RedisClient } from './redis-client.ts';
import { addStale, staleAmong } from './stale-ids.ts';

const key = (prefix: string, portalId: string): string => portalKeys(prefix, portalId).staleRoles;

export const markRolesStale = (redis: RedisClient, prefix: string, portalId: string, companyIds: readonly string[]): Promise<void> =>
  addStale(redis, key(prefix, portalId), companyIds);

export const staleRoles = (redis: RedisClient, prefix: string, portalId: string, companyIds: readonly string[]): Promise<Set<string>> =>
  staleAmong(redis, key(prefix, portalId), companyIds);
