// The only place that constructs @hubspot/api-client's Client. Its retry and Bottleneck decorators
// are a process-wide singleton that every `new Client()` overwrites, so every client gets the same
// options: SDK retries off (we retry with knowledge of 429 policies, BullMQ retries jobs) and no SDK
// limiter (ours lives in Redis, per portal).
//
// Every call also gets a timeout. SDK 14 sends through the global fetch and gives it neither a
// timeout nor an AbortSignal (its request options carry none), so a HubSpot that never answers
// would hang the call (and the job holding the portal lock) for as long as undici's own limits let
// it, minutes. So every promise the client returns is raced against a timer; when the timer wins,
// the call fails with RequestTimeoutError, which toAppError maps to a TransientError that the
// caller and BullMQ retry. The abandoned request is left to the server or the socket to end; its
// late outcome is ignored.
import { Client } from '@hubspot/api-client';
import type { Config } from '../config.ts';

export type SdkClient = Client;

/** A call that has not settled after this long fails (HubSpot answers in seconds, not tens of them). */
export const DEFAULT_REQUEST_TIMEOUT_MS = 20_000;

/** The API base, and the request timeout (DEFAULT_REQUEST_TIMEOUT_MS when absent). */
export type SdkClientConfig = Pick<Config, 'HUBSPOT_API_BASE'> & Partial<Pick<Config, 'HUBSPOT_TIMEOUT_MS'>>;

/** A HubSpot call that did not answer in time; `code` reads like node's own socket timeouts. */
export class RequestTimeoutError extends Error {
  override name = 'RequestTimeoutError';
  readonly code = 'ETIMEDOUT';
}

function raceTimeout<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RequestTimeoutError(`no answer from HubSpot within ${timeoutMs} ms`)), timeoutMs);
  });
  // The loser must not surface later as an unhandled rejection.
  promise.catch(() => undefined);
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const isThenable = (v: unknown): v is Promise<unknown> => !!v && typeof (v as { then?: unknown }).then === 'function';

/**
 * The same object graph (client → discovery → api → method), with every method that returns a
 * promise raced against the timeout. Wrappers are cached so `sdk.crm` is the same object each time.
 */
export function withCallTimeout<T extends object>(root: T, timeoutMs: number): T {
  const wrapped = new WeakMap<object, object>();
  const wrap = <O extends object>(target: O): O => {
    const known = wrapped.get(target);
    if (known) return known as O;
    const proxy = new Proxy(target, {
      // Read with the real object as `this`, so the SDK's lazy getters and state never see the proxy.
      get(obj, key) {
        const value: unknown = Reflect.get(obj, key);
        if (typeof value === 'function') {
          return (...args: unknown[]) => {
            const result: unknown = Reflect.apply(value, obj, args);
            return isThenable(result) ? raceTimeout(result, timeoutMs) : result;
          };
        }
        return value && typeof value === 'object' ? wrap(value) : value;
      },
    });
    wrapped.set(target, proxy);
    return proxy;
  };
  return wrap(root);
}

export function createSdkClient(config: SdkClientConfig, accessToken?: string): SdkClient {
  const client = new Client({
    basePath: config.HUBSPOT_API_BASE.replace(/\/+$/, ''),
    numberOfApiCallRetries: 0,
    ...(accessToken ? { accessToken } : {}),
  });
  return withCallTimeout(client, config.HUBSPOT_TIMEOUT_MS ?? DEFAULT_REQUEST_TIMEOUT_MS);
}
