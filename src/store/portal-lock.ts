// The one Redis lock of the app, and its release script: a key set with NX and an expiry, holding a
// random token, released or renewed only by whoever holds that token. Used for the portal lock (one
// writer of a portal's live state and HubSpot figures at a time: a flush round, or a full pass's
// swap and write batches), the pass lock (one full pass per portal at a time), and the token refresh
// (one refresh per portal across processes). A holder that dies loses the lock when it expires;
// a holder that works longer renews it.
import { randomUUID } from 'node:crypto';
import { portalKeys } from './portal-keys.ts';
import type { RedisClient } from './redis-client.ts';
import { redisScript } from './redis-script.ts';

const RELEASE = redisScript("if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0");
const RENEW = redisScript("if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0");

export class PortalBusyError extends Error {
  override name = 'PortalBusyError';
}

export interface HeldLock {
  /** Deletes the key if it still holds this holder's token. */
  release(): Promise<void>;
}

/** Takes the lock if it is free; null when another holder has it. Renewed every ttl/3 while held. */
export async function tryLock(redis: RedisClient, key: string, ttlMs = 30_000): Promise<HeldLock | null> {
  const token = randomUUID();
  if ((await redis.set(key, token, 'PX', ttlMs, 'NX')) !== 'OK') return null;
  const timer = setInterval(() => void RENEW.run(redis, [key], [token, ttlMs]).catch(() => undefined), ttlMs / 3);
  return {
    async release() {
      clearInterval(timer);
      await RELEASE.run(redis, [key], [token]).catch(() => undefined);
    },
  };
}

export const portalLockKey = (prefix: string, portalId: string): string => portalKeys(prefix, portalId).lock;
export const passLockKey = (prefix: string, portalId: string): string => portalKeys(prefix, portalId).passLock;

export interface LockOptions {
  ttlMs?: number;
  /** Keep trying this long (every `pollMs`) before giving up with PortalBusyError (default 0: at once). */
  waitMs?: number;
  pollMs?: number;
  /**
   * For a holder that takes the lock again and again (a full pass, batch after batch): first let
   * one that is waiting for it go ahead (for at most this long), or a waiter polling every
   * `pollMs` would seldom find it free.
   */
  giveWayMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** Set (briefly) by whoever is waiting for a lock, so a holder that gives way knows. */
export const lockWantedKey = (key: string): string => `${key}:wanted`;

const defaultSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Runs `work` holding the lock `key`; PortalBusyError when another holder keeps it past `waitMs`. */
export async function withLock<T>(redis: RedisClient, key: string, work: () => Promise<T>, opts: LockOptions = {}): Promise<T> {
  const sleep = opts.sleep ?? defaultSleep;
  const pollMs = opts.pollMs ?? 25;
  const giveWayUntil = Date.now() + (opts.giveWayMs ?? 0);
  while (Date.now() < giveWayUntil && (await redis.exists(lockWantedKey(key))) === 1) await sleep(pollMs);
  const deadline = Date.now() + (opts.waitMs ?? 0);
  let lock = await tryLock(redis, key, opts.ttlMs);
  while (!lock) {
    if (Date.now() >= deadline) throw new PortalBusyError(`${key} is held by another worker`);
    await redis.set(lockWantedKey(key), '1', 'PX', pollMs * 4);
    await sleep(pollMs);
    lock = await tryLock(redis, key, opts.ttlMs);
  }
  try {
    // Inside the try: whatever throws once the lock is held must still release it.
    if (opts.waitMs) await redis.del(lockWantedKey(key));
    return await work();
  } finally {
    await lock.release();
  }
}

/** Runs `work` holding the portal's lock (see the top of this file). */
export function withPortalLock<T>(redis: RedisClient, prefix: string, portalId: string, work: () => Promise<T>, opts: LockOptions = {}): Promise<T> {
  return withLock(redis, portalLockKey(prefix, portalId), work, opts);
}
