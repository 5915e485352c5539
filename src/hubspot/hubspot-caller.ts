// Every HubSpot request of a portal goes through here: wait for the shared rate limiter, take a
// fresh access token, count the call, run it, and map what it threw. A 401 earns one forced refresh
// and one retry; a non-daily 429 is waited out a bounded number of times (and pauses the portal for
// every process); idempotent calls retry a 5xx or a timeout a few times with growing pauses. What is
// left is thrown as an AppError.
import { RateLimitedError, TransientError, UnauthorizedError, type AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { AccessTokenProvider } from './access-tokens.ts';
import type { CallCounter } from './call-counter.ts';
import type { RateBucket, RateLimiter } from './rate-limiter.ts';
import { createSdkClient, type SdkClient, type SdkClientConfig } from './sdk-client.ts';
import { toAppError } from './to-app-error.ts';

export interface CallOptions {
  bucket?: RateBucket;
  /** Safe to repeat after a 5xx or a network error (reads, idempotent updates). */
  idempotent?: boolean;
}

export type HubSpotCaller = <T>(kind: string, fn: (sdk: SdkClient) => Promise<T>, opts?: CallOptions) => Promise<T>;

export interface CallerDeps {
  portalId: string;
  /** The API base, and the request timeout when configured (see sdk-client.ts). */
  config: SdkClientConfig;
  tokens: AccessTokenProvider;
  limiter: RateLimiter;
  callCounter: CallCounter;
  logger: Logger;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** 429 waits inside one call before giving up with RateLimitedError (default 5: > one 10 s window). */
  maxRateLimitWaits?: number;
  /**
   * A 429 whose wait is longer than this is thrown (after pausing the portal) rather than slept: a
   * job that can give its worker slot back (a flush) resumes after it, and a slot is never a place
   * to wait. Unbounded when not given.
   */
  maxWaitMs?: number;
  /**
   * Retries of an idempotent call after a 5xx, a timeout or a network error (default 3), pausing
   * transientRetryDelayMs, then twice that, and so on. One retry was not enough: a job retry redoes
   * all its calls (a full pass restarts), so at R4's 12 % transient failures a 5,000-company pass
   * kept failing on some call failing twice; four tries make a call fail 1 time in 5,000.
   */
  maxTransientRetries?: number;
  transientRetryDelayMs?: number;
}

export function createHubSpotCaller(deps: CallerDeps): HubSpotCaller {
  const { portalId, config, tokens, limiter, callCounter, logger } = deps;
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const maxWaits = deps.maxRateLimitWaits ?? 5;
  let cached: { token: string; sdk: SdkClient } | undefined;

  const sdkFor = (token: string): SdkClient => {
    if (cached?.token !== token) cached = { token, sdk: createSdkClient(config, token) };
    return cached.sdk;
  };

  return async function call<T>(kind: string, fn: (sdk: SdkClient) => Promise<T>, opts: CallOptions = {}): Promise<T> {
    const bucket = opts.bucket ?? 'api';
    let refreshed = false;
    let waits = 0;
    let transientRetries = 0;
    for (;;) {
      await limiter.acquire(portalId, bucket);
      const token = await tokens.getAccessToken(portalId);
      await callCounter.count(portalId, kind);
      let err: AppError;
      try {
        return await fn(sdkFor(token));
      } catch (raw) {
        err = toAppError(raw, now());
      }
      if (err instanceof UnauthorizedError && !err.revoked && !refreshed) {
        refreshed = true;
        await tokens.getAccessToken(portalId, { rejected: token });
        continue;
      }
      // Counted apart so /metrics shows each portal's 429s by policy.
      if (err instanceof RateLimitedError) await callCounter.count(portalId, `429:${err.policyName ?? 'unknown'}`).catch(() => undefined);
      if (err instanceof RateLimitedError && err.policyName !== 'DAILY' && waits < maxWaits) {
        waits += 1;
        // Linear back-off: five waits of 1 s, 2 s, … outlast a ten-second rolling window.
        const wait = err.retryAfterMs * waits;
        logger.warn({ portalId, kind, policyName: err.policyName, waitMs: wait }, 'hubspot rate limit hit, waiting');
        await limiter.pause(portalId, wait, bucket);
        if (wait > (deps.maxWaitMs ?? Number.POSITIVE_INFINITY)) throw new RateLimitedError(err.message, wait, err.policyName);
        await sleep(wait);
        continue;
      }
      if (err instanceof TransientError && opts.idempotent && transientRetries < (deps.maxTransientRetries ?? 3)) {
        await sleep((deps.transientRetryDelayMs ?? 500) * 2 ** transientRetries);
        transientRetries += 1;
        continue;
      }
      throw err;
    }
  };
}
