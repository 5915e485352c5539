// Which HubSpot portals (accounts) have the app installed. One hash per portal plus a set of the
// installed ones, so workers and schedules can list them without scanning keys.
import type { Redis } from 'ioredis';

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

const PORTAL_ID = /^\d{1,20}$/;

/** Portal ids become parts of Redis keys: only digits are accepted. */
export function assertPortalId(portalId: string): void {
  if (!PORTAL_ID.test(portalId)) throw new Error(`invalid portal id: ${JSON.stringify(portalId).slice(0, 40)}`);
}

function parseRefused(raw: string | null | undefined): Record<string, string> {
  try {
    const v: unknown = raw ? JSON.parse(raw) : {};
    return v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string')) : {};
  } catch {
    return {};
  }
}

export const portalKey = (prefix: string, portalId: string): string => `${prefix}:portal:${portalId}`;
export const installedSetKey = (prefix: string): string => `${prefix}:portals:installed`;

export function createPortalStore(deps: { redis: Redis; prefix: string; now?: () => number }): PortalStore {
  const { redis, prefix } = deps;
  const now = deps.now ?? Date.now;

  return {
    async markInstalled(portalId, info = {}) {
      assertPortalId(portalId);
      await redis
        .multi()
        .hset(portalKey(prefix, portalId), {
          status: 'installed',
          installedAt: String(now()),
          uninstalledAt: '',
          reason: '',
          scopes: (info.scopes ?? []).join(' '),
          installedBy: info.installedBy ?? '',
        })
        .sadd(installedSetKey(prefix), portalId)
        .exec();
    },
    async markUninstalled(portalId, reason) {
      assertPortalId(portalId);
      await redis
        .multi()
        .hset(portalKey(prefix, portalId), { status: 'uninstalled', uninstalledAt: String(now()), reason })
        .srem(installedSetKey(prefix), portalId)
        .exec();
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
      await redis.multi().del(portalKey(prefix, portalId)).srem(installedSetKey(prefix), portalId).exec();
    },
  };
}
