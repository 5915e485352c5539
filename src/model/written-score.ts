// What the app last wrote to a company, read back from its own output properties: the score a
// transition is measured from (plays, §6) and the two ways a company was a key account before.
import { ACTIONS, CATEGORIES, QUADRANTS, type RecordInput } from './types.ts';
import type { PreviousScore } from './plays.ts';

const oneOf = <T extends string>(value: string | null | undefined, values: readonly T[]): T | null =>
  values.find((v) => v === value) ?? null;

/** The score last written to HubSpot; null when the company was never scored. */
export function previousScore(record: RecordInput): PreviousScore | null {
  const p = record.properties;
  const category = oneOf(p.kam_category, CATEGORIES);
  if (!category) return null;
  const missing = p.kam_buying_roles_missing;
  return {
    category, action: oneOf(p.kam_action, ACTIONS), quadrant: oneOf(p.kam_quadrant, QUADRANTS),
    isKeyAccount: writtenAsKeyAccount(record),
    missingRoles: typeof missing === 'string' && missing.trim() !== '' ? missing.split(';') : [],
  };
}

/** Whether the company was written as a key account: the key list as HubSpot shows it now. */
export function writtenAsKeyAccount(record: RecordInput): boolean {
  return record.properties.kam_is_key_account === 'true';
}

/**
 * Whether the company counts as a former key account for the `remove` action (the context's
 * `wasKey`): written as key, or already up for removal (so `remove` holds until the account
 * recovers, instead of flickering).
 */
export function wasKeyAccount(record: RecordInput): boolean {
  return writtenAsKeyAccount(record) || record.properties.kam_action === 'remove';
}
