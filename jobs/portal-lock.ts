// One writer per portal at a time, across processes and machines: a flush and a full pass (or two
// workers) never recompute the same portal at once. The lock expires if its holder dies, and is
// renewed while the holder works.
import { randomUUID } from 'node:crypto';
import { portalKeys } from '../src/store/portal-keys.ts';
import type { RedisClient } from '../src/store/redis-client.ts';

const RELEASE = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";
const RENEW = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0";

export class PortalBusyError extends Error {
  override name = 'PortalBusyError';
}

/** Runs `work` holding the portal's lock; throws PortalBusyError at once when another holder has it. */
export async function withPortalLock<T>(redis: RedisClient, prefix: string, portalId: string, work: () => Promise<T>, ttlMs = 30_000): Promise<T> {
  const key = portalKeys(prefix, portalId).lock;
  const token = randomUUID();
  if ((await redis.set(key, token, 'PX', ttlMs, 'NX')) !== 'OK') throw new PortalBusyError(`portal ${portalId} is busy`);
  const timer = setInterval(() => void redis.eval(RENEW, 1, key, token, String(ttlMs)).catch(() => undefined), ttlMs / 3);
  try {
    return await work();
  } finally {
    clearInterval(timer);
    await redis.eval(RELEASE, 1, key, token).catch(() => undefined);
  }
}
