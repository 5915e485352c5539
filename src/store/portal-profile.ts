// What provisioning learned about a portal that the jobs check before they write: whether the
// account-depth properties (§8–§10) exist there, and the portal's company currency. One small hash
// per portal with fixed fields, so nothing in it grows.
//
// The depth flag holds the version of the property set it was provisioned for: a release that adds a
// depth property changes the version, the flag reads false, and the next pass provisions what is
// missing (provisioning is idempotent). Until then no write names a depth output property, since a
// batch update naming a property the portal lacks fails for every company in it.
import { createHash } from 'node:crypto';
import { DEPTH_INPUT_PROPERTIES, DEPTH_OUTPUT_PROPERTIES } from '../model/properties.ts';
import { portalKeys } from './portal-keys.ts';
import type { RedisClient } from './redis-client.ts';

const DEPTH_FIELD = 'depth-properties';
const CURRENCY_FIELD = 'currency';

/** Changes whenever the set of depth properties (or their types) changes. */
export const DEPTH_PROPERTIES_VERSION = createHash('sha1')
  .update([...DEPTH_INPUT_PROPERTIES, ...DEPTH_OUTPUT_PROPERTIES].map((p) => `${p.name}:${p.type}`).sort().join(','))
  .digest('hex')
  .slice(0, 12);

/** True when this portal has every account-depth property of this release (the write path checks it). */
export async function depthPropertiesReady(redis: RedisClient, prefix: string, portalId: string): Promise<boolean> {
  return (await redis.hget(portalKeys(prefix, portalId).profile, DEPTH_FIELD)) === DEPTH_PROPERTIES_VERSION;
}

/** Provisioning's verdict: ready (this release's set exists) or not (refused, or not yet tried). */
export async function setDepthPropertiesReady(redis: RedisClient, prefix: string, portalId: string, ready: boolean): Promise<void> {
  const key = portalKeys(prefix, portalId).profile;
  if (ready) await redis.hset(key, DEPTH_FIELD, DEPTH_PROPERTIES_VERSION);
  else await redis.hdel(key, DEPTH_FIELD);
}

const CURRENCY = /^[A-Z]{3}$/;

/** The portal's company currency (ISO 4217, e.g. EUR), or null when it was never read. */
export async function portalCurrency(redis: RedisClient, prefix: string, portalId: string): Promise<string | null> {
  const value = await redis.hget(portalKeys(prefix, portalId).profile, CURRENCY_FIELD);
  return value && CURRENCY.test(value) ? value : null;
}

/** Keeps the currency HubSpot named; anything that is not a three-letter code is refused. */
export async function setPortalCurrency(redis: RedisClient, prefix: string, portalId: string, currency: string): Promise<void> {
  if (!CURRENCY.test(currency)) throw new Error(`not a currency code: ${JSON.stringify(currency).slice(0, 20)}`);
  await redis.hset(portalKeys(prefix, portalId).profile, CURRENCY_FIELD, currency);
}
