// The process-wide pieces of the HubSpot adapter, built once from config (token cipher and stores,
// OAuth API, token provider, Redis rate limiter, call counter), and a per-portal client factory for
// jobs. Nothing here is a module singleton: the entry point builds one and passes it down.
import type { Config } from '../config.ts';
import { createTokenCipher } from '../crypto/token-cipher.ts';
import type { Logger } from '../logger.ts';
import { createPortalStore, type PortalStore } from '../store/portal-store.ts';
import { createTokenStore, type TokenStore } from '../store/token-store.ts';
import { createAccessTokenProvider, type AccessTokenProvider } from './access-tokens.ts';
import { createCallCounter, type CallCounter } from './call-counter.ts';
import { createOAuthApi } from './oauth-api.ts';
import { createPortalClient, type PortalClient } from './portal-client.ts';
import { createRateLimiter, rateLimitsFromConfig, type RateLimiter } from './rate-limiter.ts';
import type { RedisClient } from '../store/redis-client.ts';

export interface HubSpotAdapter {
  readonly prefix: string;
  readonly tokens: AccessTokenProvider;
  readonly tokenStore: TokenStore;
  readonly portals: PortalStore;
  readonly limiter: RateLimiter;
  readonly callCounter: CallCounter;
  /**
   * A client for one portal; cheap, build one per job. `leaveCalls`: calls of each window this
   * client leaves to the portal's other jobs (a full pass leaves some to the flushes). `maxWaitMs`:
   * the longest a call waits for budget (the limiter's or a 429's) before it throws instead, for a
   * job that can give its worker slot back and resume (a flush); unbounded when not given.
   */
  clientFor(portalId: string, logger?: Logger, opts?: { leaveCalls?: number; maxWaitMs?: number }): PortalClient;
}

export function createHubSpotAdapter(deps: { config: Config; redis: RedisClient; logger: Logger; prefix?: string; now?: () => number }): HubSpotAdapter {
  const { config, redis, logger } = deps;
  const prefix = deps.prefix ?? config.QUEUE_PREFIX;
  const now = deps.now ?? Date.now;
  const tokenStore = createTokenStore({ redis, prefix, cipher: createTokenCipher(config.TOKEN_ENCRYPTION_KEY) });
  const portals = createPortalStore({ redis, prefix, now });
  const callCounter = createCallCounter({ redis, prefix });
  const oauth = createOAuthApi({ config, now });
  const tokens = createAccessTokenProvider({ redis, prefix, tokens: tokenStore, portals, oauth, logger, callCounter, now });
  const limiter = createRateLimiter({ redis, prefix, limits: rateLimitsFromConfig(config) });
  return {
    prefix,
    tokens,
    tokenStore,
    portals,
    limiter,
    callCounter,
    clientFor: (portalId, log = logger, opts = {}) => {
      const leave = opts.leaveCalls ?? 0;
      const { maxWaitMs } = opts;
      const own: RateLimiter = leave > 0 || maxWaitMs !== undefined
        ? { ...limiter, acquire: (p, bucket = 'api') => limiter.acquire(p, bucket, bucket === 'api' ? leave : 0, maxWaitMs) }
        : limiter;
      return createPortalClient({ portalId, config, redis, prefix, tokens, limiter: own, logger: log, callCounter, now, maxWaitMs });
    },
  };
}
