// What the app last wrote to HubSpot's own account fields of each company (hs_is_target_account,
// hs_ideal_customer_profile): the reference that tells a value set by hand from ours
// (model/hubspot-account-fields.ts). Two characters per company in one hash per portal, and only
// for companies we wrote: `t1` = target account and tier_1, `-3` = cleared and tier_3, `t.` =
// target account and a profile we never wrote. Removed with the portal.
import type { AccountFieldValues } from '../model/hubspot-account-fields.ts';
import { portalKeys } from './portal-keys.ts';
import type { RedisClient } from './redis-client.ts';

type Written = Partial<AccountFieldValues>;

const TARGET: Record<string, string> = { t: 'true', f: 'false', '-': '' };
const PROFILE: Record<string, string> = { 1: 'tier_1', 2: 'tier_2', 3: 'tier_3', '-': '' };
const codeOf = (table: Record<string, string>, value: string | undefined): string =>
  value === undefined ? '.' : (Object.entries(table).find(([, v]) => v === value)?.[0] ?? '.');

export function encodeWritten(w: Written): string {
  return `${codeOf(TARGET, w.hs_is_target_account)}${codeOf(PROFILE, w.hs_ideal_customer_profile)}`;
}

export function decodeWritten(code: string): Written {
  const out: Written = {};
  const target = TARGET[code.charAt(0)];
  const profile = PROFILE[code.charAt(1)];
  if (target !== undefined) out.hs_is_target_account = target;
  if (profile !== undefined) out.hs_ideal_customer_profile = profile;
  return out;
}

export async function readAccountFieldsWritten(redis: RedisClient, prefix: string, portalId: string, companyIds: readonly string[]): Promise<Map<string, Written>> {
  if (companyIds.length === 0) return new Map();
  const codes = await redis.hmget(portalKeys(prefix, portalId).accountFieldsWritten, ...companyIds);
  const out = new Map<string, Written>();
  companyIds.forEach((id, i) => {
    const code = codes[i];
    if (code) out.set(id, decodeWritten(code));
  });
  return out;
}

/** Records what was written (after HubSpot accepted it). */
export async function saveAccountFieldsWritten(redis: RedisClient, prefix: string, portalId: string, written: ReadonlyMap<string, Written>): Promise<void> {
  if (written.size === 0) return;
  await redis.hset(portalKeys(prefix, portalId).accountFieldsWritten, ...[...written].flatMap(([id, w]) => [id, encodeWritten(w)]));
}
