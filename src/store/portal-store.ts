// Which HubSpot portals (accounts) have the app installed. One hash per portal plus a set of the
// installed ones, so workers and schedules can list them without scanning keys.
import { assertPortalId, portalKeys } from './portal-keys.ts';
import type { RedisClient } from './redis-client.ts';

export { assertPortalId };

export type PortalStatus = 'installed' | 'uninstalled';

export interface PortalRecord {
  portalId: string;
  status: PortalStatus;
  installedAt: number | null;
  uninstalledAt: number | null;
  /** Why it was marked uninstalled, e.g. `refresh_token_revoked`. */
  reason: string | null;
  scopes: string[];
  /** The HubSpot user id of whoever installed (or last re-consented); null when HubSpot did not say. */
  installedBy: string | null;
  /** Optional features whose setup HubSpot refused at provisioning: feature id → what it answered. */
  featuresRefused: Record<string, string>;
}

export interface PortalStore {
  markInstalled(portalId: string, info?: { scopes?: string[]; installedBy?: string }): Promise<void>;
  /** Records that HubSpot refused a feature's setup (`reason`), or clears it (null). */
  setFeatureRefused(portalId: string, featureId: string, reason: string | null): Promise<void>;
  markUninstalled(portalId: string, reason: string): Promise<void>;
  get(portalId: string): Promise<PortalRecord | null>;
  isInstalled(portalId: string): Promise<boolean>;
  listInstalled(): Promise<string[]>;
  /** Deletes the portal's record entirely (uninstall clean-up). */
  remove(portalId: string): Promise<void>;
}

function parseRefused(raw: string | null | undefined): Record<string, string> {
  try {
    const v: unknown = raw ? JSON.parse(raw) : {};
    return v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string')) : {};
  } catch {
    return {};
  }
}

export const portalKey = (prefix: string, portalId: string): string => portalKeys(prefix, portalId).install;
export const installedSetKey = (prefix: string): string => `${prefix}:portals:installed`;

export function createPortalStore(deps: { redis: RedisClient; prefix: string; now?: () => number }): PortalStore {
  const { redis, prefix } = deps;
  const now = deps.now ?? Date.now;

  return {
    async markInstalled(portalId, info = {}) {
      assertPortalId(portalId);
      // The record (the portal's slot) and the installed set (the global one) cannot share a MULTI
      // on a cluster. The record goes first: a crash in between leaves a portal that installs again.
      await redis.hset(portalKey(prefix, portalId), {
        status: 'installed',
        installedAt: String(now()),
        uninstalledAt: '',
        reason: '',
        scopes: (info.scopes ?? []).join(' '),
        installedBy: info.installedBy ?? '',
      });
      await redis.sadd(installedSetKey(prefix), portalId);
    },
    async markUninstalled(portalId, reason) {
      assertPortalId(portalId);
      // Out of the installed set first: from then on no job works for it, whatever the record says.
      await redis.srem(installedSetKey(prefix), portalId);
      await redis.hset(portalKey(prefix, portalId), { status: 'uninstalled', uninstalledAt: String(now()), reason });
    },
    async setFeatureRefused(portalId, featureId, reason) {
      assertPortalId(portalId);
      const key = portalKey(prefix, portalId);
      const refused = parseRefused(await redis.hget(key, 'featuresRefused'));
      if (reason === null) delete refused[featureId];
      else refused[featureId] = reason.slice(0, 300);
      await redis.hset(key, 'featuresRefused', JSON.stringify(refused));
    },
    async get(portalId) {
      assertPortalId(portalId);
      const h = await redis.hgetall(portalKey(prefix, portalId));
      if (!h.status) return null;
      const num = (v: string | undefined): number | null => (v ? Number(v) : null);
      return {
        portalId,
        status: h.status === 'installed' ? 'installed' : 'uninstalled',
        installedAt: num(h.installedAt),
        uninstalledAt: num(h.uninstalledAt),
        reason: h.reason || null,
        scopes: h.scopes ? h.scopes.split(' ') : [],
        installedBy: h.installedBy || null,
        featuresRefused: parseRefused(h.featuresRefused),
      };
    },
    async isInstalled(portalId) {
      assertPortalId(portalId);
      return (await redis.sismember(installedSetKey(prefix), portalId)) === 1;
    },
    async listInstalled() {
      return (await redis.smembers(installedSetKey(prefix))).sort();
    },
    async remove(portalId) {
      assertPortalId(portalId);
      await redis.srem(installedSetKey(prefix), portalId);
      await redis.del(portalKey(prefix, portalId));
    },
  };
}
