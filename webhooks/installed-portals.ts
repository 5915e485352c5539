// Which of a batch's portals have the app installed, asked once per batch (SMISMEMBER on the
// installed set), so events for portals that never installed or have uninstalled are dropped at the
// door and create no marks. A portal found installed is remembered for a short while, so the steady
// stream of one portal's batches costs no round trip; a portal found not installed is never
// remembered: a portal installing right now must not lose its first events to a cached "no".
import type { RedisClient } from '../src/store/redis-client.ts';
import { installedSetKey } from '../src/store/portal-store.ts';

export type InstalledCheck = (portalIds: readonly string[]) => Promise<boolean[]>;

export interface InstalledCheckOptions {
  redis: RedisClient;
  prefix: string;
  /** How long an "installed" answer is trusted (an uninstall is seen at most this late). */
  ttlMs?: number;
  /** Bound on the remembered portals; beyond it the memory starts afresh. */
  maxEntries?: number;
  now?: () => number;
}

export function createInstalledCheck(options: InstalledCheckOptions): InstalledCheck {
  const { redis, prefix } = options;
  const ttlMs = options.ttlMs ?? 2000;
  const maxEntries = options.maxEntries ?? 10_000;
  const now = options.now ?? Date.now;
  const seenInstalledAt = new Map<string, number>();
  return async (portalIds) => {
    const at = now();
    const answers = new Map<string, boolean>();
    const ask: string[] = [];
    for (const id of portalIds) {
      if (at - (seenInstalledAt.get(id) ?? -Infinity) < ttlMs) answers.set(id, true);
      else ask.push(id);
    }
    if (ask.length) {
      const flags = await redis.smismember(installedSetKey(prefix), ...ask);
      if (seenInstalledAt.size + ask.length > maxEntries) seenInstalledAt.clear();
      ask.forEach((id, i) => {
        const yes = flags[i] === 1;
        answers.set(id, yes);
        if (yes) seenInstalledAt.set(id, at);
        else seenInstalledAt.delete(id);
      });
    }
    return portalIds.map((id) => answers.get(id) ?? false);
  };
}
