// Hands out a portal's access token, refreshing it shortly before it expires. A refresh happens once
// across all processes: an in-process single flight per portal, then a Redis lock; whoever does not
// hold the lock waits and re-reads the store. A refresh HubSpot refuses (invalid_grant /
// BAD_REFRESH_TOKEN) is how an uninstall shows up: the portal is marked uninstalled, its dead tokens
// are deleted, and UnauthorizedError(revoked = true) tells jobs to stop rather than retry.
import { TransientError, UnauthorizedError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { tryLock } from '../store/portal-lock.ts';
import type { PortalStore } from '../store/portal-store.ts';
import { tokenLockKey, type PortalTokens, type TokenStore } from '../store/token-store.ts';
import type { CallCounter } from './call-counter.ts';
import type { OAuthApi } from './oauth-api.ts';
import type { RedisClient } from '../store/redis-client.ts';

export interface AccessTokenProvider {
  /**
   * A valid access token. With `rejected` (a token HubSpot just answered 401 to), refreshes unless
   * the stored token has already moved on.
   */
  getAccessToken(portalId: string, opts?: { rejected?: string }): Promise<string>;
}

export interface AccessTokenDeps {
  redis: RedisClient;
  prefix: string;
  tokens: TokenStore;
  portals: PortalStore;
  oauth: OAuthApi;
  logger: Logger;
  callCounter?: CallCounter;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Refresh this long before expiry (default 5 minutes). */
  refreshMarginMs?: number;
  lockTtlMs?: number;
  pollMs?: number;
}

export function createAccessTokenProvider(deps: AccessTokenDeps): AccessTokenProvider {
  const { redis, prefix, tokens, portals, oauth, logger } = deps;
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const margin = deps.refreshMarginMs ?? 5 * 60_000;
  const lockTtlMs = deps.lockTtlMs ?? 30_000;
  const pollMs = deps.pollMs ?? 50;
  const inFlight = new Map<string, Promise<string>>();

  const stale = (t: PortalTokens, rejected?: string): boolean => t.expiresAt - now() <= margin || t.accessToken === rejected;

  async function loadOrRevoked(portalId: string): Promise<PortalTokens> {
    const t = await tokens.load(portalId);
    if (!t) throw new UnauthorizedError(`portal ${portalId} has no tokens: it must install the app`, true);
    return t;
  }

  async function refreshUnderLock(portalId: string, rejected?: string): Promise<string> {
    const t = await loadOrRevoked(portalId);
    if (!stale(t, rejected)) return t.accessToken; // another process refreshed while we waited
    try {
      await deps.callCounter?.count(portalId, 'oauth.refresh');
      const grant = await oauth.refresh(t.refreshToken);
      await tokens.save(portalId, { accessToken: grant.accessToken, refreshToken: grant.refreshToken, expiresAt: now() + grant.expiresIn * 1000 });
      logger.info({ portalId }, 'access token refreshed');
      return grant.accessToken;
    } catch (err) {
      if (err instanceof UnauthorizedError && err.revoked) {
        await portals.markUninstalled(portalId, 'refresh_token_revoked');
        await tokens.remove(portalId);
        logger.warn({ portalId }, 'refresh token refused: portal marked uninstalled');
      }
      throw err;
    }
  }

  async function refreshShared(portalId: string, rejected?: string): Promise<string> {
    const lockKey = tokenLockKey(prefix, portalId);
    const deadline = now() + lockTtlMs + 5000;
    for (;;) {
      const lock = await tryLock(redis, lockKey, lockTtlMs);
      if (lock) {
        try {
          return await refreshUnderLock(portalId, rejected);
        } finally {
          await lock.release();
        }
      }
      await sleep(pollMs);
      const t = await loadOrRevoked(portalId);
      if (!stale(t, rejected)) return t.accessToken;
      if (now() > deadline) throw new TransientError(`timed out waiting for portal ${portalId}'s token refresh`);
    }
  }

  return {
    async getAccessToken(portalId, opts = {}) {
      const t = await loadOrRevoked(portalId);
      if (!stale(t, opts.rejected)) return t.accessToken;
      const running = inFlight.get(portalId);
      if (running) return running;
      const p = refreshShared(portalId, opts.rejected).finally(() => inFlight.delete(portalId));
      inFlight.set(portalId, p);
      return p;
    },
  };
}
