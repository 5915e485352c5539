// A portal's HubSpot users and teams as the access rules need them, cached briefly: a user's
// super-admin flag and teams (asked on most page loads) and the lists a portal admin picks from.
// Only where the portal granted the optional scopes; without them, or when HubSpot refuses, the
// answer is null and the rules fall back to the user lists the admin set.
import type { Logger } from '../logger.ts';
import type { HubSpotTeam, HubSpotUser, UsersApi } from '../hubspot/users-api.ts';

export const USERS_SCOPE = 'settings.users.read';
export const TEAMS_SCOPE = 'settings.users.teams.read';

export interface DirectoryDeps {
  usersApi: (portalId: string) => UsersApi;
  /** The scopes the portal granted (its install record). */
  scopesOf: (portalId: string) => Promise<readonly string[]>;
  now: () => number;
  logger: Logger;
  /** Default 5 minutes: a role change in HubSpot shows here within that. */
  ttlMs?: number;
  /** Cached users over every portal (default 10,000), oldest dropped first. */
  maxEntries?: number;
  /** Most users listed per portal for the picker (default 2,000). */
  maxListed?: number;
}

export interface Directory {
  users: Array<HubSpotUser>;
  teams: HubSpotTeam[] | null;
}

interface Cached<T> {
  at: number;
  value: T;
}

export class UserDirectory {
  private readonly users = new Map<string, Cached<HubSpotUser | null>>();
  private readonly lists = new Map<string, Cached<Directory | null>>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;

  constructor(private readonly deps: DirectoryDeps) {
    this.ttlMs = deps.ttlMs ?? 5 * 60_000;
    this.maxEntries = deps.maxEntries ?? 10_000;
  }

  async granted(portalId: string): Promise<{ users: boolean; teams: boolean }> {
    const scopes = await this.deps.scopesOf(portalId);
    return { users: scopes.includes(USERS_SCOPE), teams: scopes.includes(USERS_SCOPE) && scopes.includes(TEAMS_SCOPE) };
  }

  /** The user's flag and teams, or null (scope not granted, unknown user, HubSpot refused). */
  async user(portalId: string, userId: string): Promise<HubSpotUser | null> {
    const key = `${portalId}:${userId}`;
    const hit = this.fresh(this.users, key);
    if (hit) return hit.value;
    let value: HubSpotUser | null = null;
    if ((await this.granted(portalId)).users) {
      try {
        value = await this.deps.usersApi(portalId).user(userId);
      } catch (err) {
        // Denied rather than failed: the user falls back to the lists; cached so HubSpot is not asked on every load.
        this.deps.logger.warn({ err: { name: (err as Error).name, message: (err as Error).message }, portalId, userId }, 'hubspot user lookup failed');
      }
    }
    this.put(this.users, key, value);
    return value;
  }

  /** Users (and teams, where granted) to pick viewers and editors from; null without the scope. */
  async directory(portalId: string): Promise<Directory | null> {
    const hit = this.fresh(this.lists, portalId);
    if (hit) return hit.value;
    const granted = await this.granted(portalId);
    let value: Directory | null = null;
    if (granted.users) {
      try {
        const api = this.deps.usersApi(portalId);
        value = { users: await api.users(this.deps.maxListed ?? 2000), teams: granted.teams ? await api.teams() : null };
        for (const u of value.users) this.put(this.users, `${portalId}:${u.userId}`, u);
      } catch (err) {
        this.deps.logger.warn({ err: { name: (err as Error).name, message: (err as Error).message }, portalId }, 'hubspot users list failed');
      }
    }
    this.put(this.lists, portalId, value);
    return value;
  }

  private fresh<T>(map: Map<string, Cached<T>>, key: string): Cached<T> | undefined {
    const hit = map.get(key);
    return hit && this.deps.now() - hit.at < this.ttlMs ? hit : undefined;
  }

  private put<T>(map: Map<string, Cached<T>>, key: string, value: T): void {
    map.delete(key);
    map.set(key, { at: this.deps.now(), value });
    while (map.size > this.maxEntries) map.delete(map.keys().next().value as string);
  }
}
