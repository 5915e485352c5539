// HubSpot's own account fields, written where an admin opted in (settings.hubspotAccountFields):
// key accounts are HubSpot target accounts (`hs_is_target_account`), and the tiers are its ideal
// customer profile (`hs_ideal_customer_profile`: platinum → tier_1, gold → tier_2, silver → tier_3),
// so HubSpot's target-accounts home and its ABM tools show our choice.
//
// A value someone set by hand is never overwritten unless the admin chose so. "By hand" is known by
// comparing the value HubSpot holds with the value we last wrote there (kept per company by the
// jobs): a value that differs from ours, or any value where we never wrote, was set by someone
// else. Where the company leaves the key list or its tier, the value we wrote is cleared (not
// turned to false), so HubSpot shows what it showed before we came.
import type { AccountFigures, Tier } from './types.ts';

export const TARGET_ACCOUNT = 'hs_is_target_account';
export const IDEAL_CUSTOMER_PROFILE = 'hs_ideal_customer_profile';
export const ACCOUNT_FIELD_NAMES = [TARGET_ACCOUNT, IDEAL_CUSTOMER_PROFILE] as const;
export type AccountField = (typeof ACCOUNT_FIELD_NAMES)[number];

/** What we would have each field say; '' = empty. */
export type AccountFieldValues = Record<AccountField, string>;

const PROFILE: Record<Tier, string> = { platinum: 'tier_1', gold: 'tier_2', silver: 'tier_3', standard: '' };

export function desiredAccountFields(f: Pick<AccountFigures, 'isKeyAccount' | 'tier'>): AccountFieldValues {
  return { [TARGET_ACCOUNT]: f.isKeyAccount ? 'true' : '', [IDEAL_CUSTOMER_PROFILE]: PROFILE[f.tier] };
}

/** HubSpot's forms of the same value: a checkbox reads 'true'/'false', an unset field null or ''. */
function normal(field: AccountField, value: string | null | undefined): string {
  const v = (value ?? '').trim();
  if (field === TARGET_ACCOUNT) return v.toLowerCase() === 'true' ? 'true' : v.toLowerCase() === 'false' ? 'false' : v;
  return v;
}

export interface AccountFieldDecision {
  /** The values to write now (only fields that change). */
  properties: Partial<AccountFieldValues>;
  /** Fields left as they are because someone set them by hand. */
  keptByHand: AccountField[];
  /** What we will have written once `properties` is written (undefined: a field we have never written and still do not). */
  written: Partial<AccountFieldValues>;
}

/**
 * What to write to HubSpot's account fields of one company. `current` is what HubSpot holds (null:
 * empty; a field missing from it was not read and is left alone), `lastWritten` what we wrote there
 * last (absent for a field we never wrote).
 */
export function accountFieldWrites(
  desired: AccountFieldValues,
  current: Partial<Record<AccountField, string | null>>,
  lastWritten: Partial<AccountFieldValues>,
  overwriteByHand: boolean,
): AccountFieldDecision {
  const decision: AccountFieldDecision = { properties: {}, keptByHand: [], written: { ...lastWritten } };
  for (const field of ACCOUNT_FIELD_NAMES) {
    // Not read (absent, where HubSpot answers null for an empty field): whose value it is cannot be told, so it is left.
    if (current[field] === undefined) continue;
    const want = desired[field];
    const have = normal(field, current[field]);
    const ours = lastWritten[field];
    if (have === want) continue;
    // Never written by us: an empty field is free, a filled one someone else's. Written by us: only our own value is ours to change.
    const byHand = ours === undefined ? have !== '' : have !== ours;
    if (byHand && !overwriteByHand) {
      decision.keptByHand.push(field);
      continue;
    }
    decision.properties[field] = want;
    decision.written[field] = want;
  }
  return decision;
}
