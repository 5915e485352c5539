// The account-depth part of the card (scoring-model.md §8–§10): the company's own figures beside
// its group's, the relationship stage with the buying roles nobody holds, and the product lines
// with the largest whitespace. Read from the kam_* depth properties the app writes; a portal where
// they were never created or written gets a sentence saying so, not empty boxes. Pure, like the
// view model it is part of.
import { joinOr, money, oneDecimal } from '../model/format.ts';
import { DEPTH_INPUT_PROPERTIES, DEPTH_OUTPUT_PROPERTIES } from '../model/properties.ts';
import { numberOf, text } from './card-text.ts';

type Properties = Record<string, string | null | undefined>;

export interface CardGroupRow {
  label: string;
  /** This company's figure, as shown. */
  own: string;
  /** The group's figure, as shown. */
  group: string;
}

export interface CardGroup {
  groupId: string;
  size: number;
  /** Whether this company is the top of its group; null when the record's id was not read. */
  isTop: boolean | null;
  /** "Top of a group of 4 companies", "In the group of company 101 (4 companies)", "Not part of a group". */
  summary: string;
  /** Own beside group; empty for a company alone (its group is itself). */
  rows: CardGroupRow[];
  /** How the group buys and what that means for the figures above. */
  note: string;
}

export interface CardRelationship {
  stage: string;
  /** The stage's label ("Cooperative"), with "(set by hand)" when the override holds it. */
  text: string;
  overridden: boolean;
  /** Labels of the committee roles no contact holds ("Decision maker"). */
  missingRoles: string[];
  rolesText: string;
  /** The play a key account with a gap in its committee gets (§10); null when none is due. */
  play: string | null;
}

export interface CardProductLine {
  line: string;
  bought: boolean;
  /** The gap between what peers of its size buy on the line and what it buys from us; null when not among the largest. */
  whitespace: number | null;
  whitespaceText: string;
}

export interface CardProductLines {
  lines: CardProductLine[];
  /** kam_whitespace_value, as shown; null when unknown. */
  totalText: string | null;
  /** Why a part is empty, in words a rep can act on; null when nothing is missing. */
  note: string | null;
}

export interface CardDepth {
  /** Whether the app has written the depth properties on this record. */
  written: boolean;
  /** When not written: why, plainly. */
  note: string | null;
  group: CardGroup | null;
  relationship: CardRelationship | null;
  productLines: CardProductLines | null;
}

/** The depth properties the card reads, with the record's own id (to know whether it is the top of its group). */
export const CARD_DEPTH_PROPERTY_NAMES: readonly string[] = [
  'hs_object_id', ...DEPTH_OUTPUT_PROPERTIES.map((p) => p.name), ...DEPTH_INPUT_PROPERTIES.map((p) => p.name),
];

export const DEPTH_NOT_WRITTEN = 'Groups, product lines and the relationship stage are not on this record yet: '
  + 'the app has not created their properties in this HubSpot account (an admin reinstalls or upgrades the app), '
  + 'or the next scoring pass has not written them.';

const ROLE_LABELS: Record<string, string> = { DECISION_MAKER: 'Decision maker', CHAMPION: 'Champion', EXECUTIVE_SPONSOR: 'Executive sponsor' };

const moneyOr = (v: number | null): string => (v === null ? '—' : money(v));
const percentOr = (v: number | null): string => (v === null ? 'unknown' : `${oneDecimal(v)} %`);
const optionLabel = (property: string, value: string): string =>
  [...DEPTH_OUTPUT_PROPERTIES, ...DEPTH_INPUT_PROPERTIES].find((p) => p.name === property)?.options?.find((o) => o.value === value)?.label ?? value;
const companies = (n: number): string => (n === 1 ? '1 company' : `${money(n)} companies`);

export function cardDepth(properties: Properties, scored: boolean): CardDepth | null {
  if (!scored) return null;
  const groupId = text(properties.kam_group_id);
  const stage = text(properties.kam_relationship_stage);
  if (groupId === null && stage === null) return { written: false, note: DEPTH_NOT_WRITTEN, group: null, relationship: null, productLines: null };
  return {
    written: true,
    note: null,
    group: groupId === null ? null : groupOf(properties, groupId),
    relationship: stage === null ? null : relationshipOf(properties, stage),
    productLines: productLinesOf(properties),
  };
}

function groupOf(p: Properties, groupId: string): CardGroup {
  const size = Math.max(1, Math.round(numberOf(p.kam_group_size) ?? 1));
  const ownId = text(p.hs_object_id);
  const isTop = ownId === null ? null : ownId === groupId;
  if (size <= 1) {
    return { groupId, size, isTop, rows: [], summary: 'Not part of a group', note: 'HubSpot names no parent or child company for it: its figures are its own.' };
  }
  const summary = isTop ? `Top of a group of ${companies(size)}` : `In the group of company ${groupId} (${companies(size)})`;
  const ownShare = numberOf(p.kam_own_share_of_group);
  const rows: CardGroupRow[] = [
    { label: 'Share of wallet', own: percentOr(numberOf(p.kam_share_of_wallet)), group: percentOr(numberOf(p.kam_group_share_of_wallet)) },
    { label: 'Expected profit', own: moneyOr(numberOf(p.kam_expected_profit)), group: moneyOr(numberOf(p.kam_group_expected_profit)) },
    { label: "Share of the group's revenue", own: ownShare === null ? 'the group has won nothing yet' : `${oneDecimal(ownShare)} %`, group: '100 %' },
  ];
  return { groupId, size, isTop, rows, summary, note: purchasingNote(p, isTop) };
}

function purchasingNote(p: Properties, isTop: boolean | null): string {
  if (isTop) {
    // Empty means the default: the group buys as one.
    return text(p.kam_purchasing) === 'branches'
      ? 'Each company of the group buys on its own: quadrant, action, rank and tier above are this company\'s.'
      : 'The group buys as one: quadrant, action, rank and tier above are the group\'s, and it takes one key place.';
  }
  return `How the group buys is set on its top company (${text(p.kam_group_id) ?? 'unknown'}); when it buys as one, quadrant, action, rank and tier above are the group's. The explanation (Why) says which.`;
}

function relationshipOf(p: Properties, stage: string): CardRelationship {
  const overridden = text(p.kam_relationship_stage_override) !== null;
  const missing = (text(p.kam_buying_roles_missing) ?? '').split(';').map((r) => r.trim()).filter((r) => r !== '' && r.toLowerCase() !== 'none');
  const missingRoles = missing.map((r) => ROLE_LABELS[r.toUpperCase()] ?? r);
  const rolesText = missingRoles.length
    ? `Buying roles no contact holds: ${missingRoles.map((r) => r.toLowerCase()).join(', ')}.`
    : 'No buying role is recorded as missing (the roles are checked where the app may read contacts).';
  const isKey = text(p.kam_is_key_account) === 'true';
  const name = text(p.name) ?? 'this company';
  return {
    stage,
    text: `${optionLabel('kam_relationship_stage', stage)}${overridden ? ' (set by hand)' : ''}`,
    overridden,
    missingRoles,
    rolesText,
    play: isKey && missingRoles.length ? `Map the buying committee of ${name}: no ${joinOr(missingRoles.map((r) => r.toLowerCase()))}.` : null,
  };
}

/** "Licences: 120,000; Services: 40,000" → [line, amount]; the line is everything before the last ": ". */
export function parseWhitespace(value: string | null | undefined): { line: string; amount: number }[] {
  const t = text(value);
  if (t === null) return [];
  return t.split(';').flatMap((part) => {
    const at = part.lastIndexOf(':');
    if (at <= 0) return [];
    const line = part.slice(0, at).trim();
    const amount = Number(part.slice(at + 1).trim().replaceAll(',', '').replace(/\s+[A-Z]{3}$/, ''));
    return line && Number.isFinite(amount) ? [{ line, amount }] : [];
  });
}

function productLinesOf(p: Properties): CardProductLines {
  const bought = (text(p.kam_product_lines_bought) ?? '').split(';').map((l) => l.trim()).filter(Boolean);
  const gaps = parseWhitespace(p.kam_whitespace);
  const total = numberOf(p.kam_whitespace_value);
  const lines: CardProductLine[] = gaps.map((g) => ({ line: g.line, bought: bought.includes(g.line), whitespace: g.amount, whitespaceText: money(g.amount) }));
  for (const line of bought) {
    if (!lines.some((l) => l.line === line)) lines.push({ line, bought: true, whitespace: null, whitespaceText: 'not in the three largest gaps' });
  }
  const notes: string[] = [];
  if (total === null) notes.push('No whitespace figure: the wallet is unknown, or no won deal had line items the app could read.');
  if (bought.length === 0) notes.push('No product line bought in the revenue window (or its deals have no line items).');
  return { lines, totalText: total === null ? null : money(total), note: notes.length ? notes.join(' ') : null };
}
