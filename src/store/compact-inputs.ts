// One company's model inputs as stored in Redis, compactly: a JSON array of values by position
// instead of objects keyed by property name (the names were most of the bytes), only the deal
// properties some figure reads, canonical numbers without quotes, `true`/`false` as 1/0, and close
// dates as base-36 epoch ms. Decoding gives the model exactly what it would read from HubSpot's
// record: every value parses to the same number, date or flag (a value that would not survive the
// shortening is kept as it came). Measured on a 5,000-company portal: 1,396 → about 300 bytes.
//
// The first element names the property lists it was written with; a record written under other
// lists (a version that reads more properties) decodes as absent, so the flush reads that company
// from HubSpot again instead of misreading its positions.
//
// The JSON is then deflated (zlib's raw deflate, with a preset dictionary of the record's own
// structure) and stored as bytes behind a marker byte and the layout: a record is mostly the same
// few shapes (`,null,null`, `],["`, deal flags `1,1,1`), which a 300-byte record is too short to
// learn alone. Measured on a 5,000-company portal: about 300 → 160 bytes a record, and the inputs
// hash 389 → 232 bytes a company (quality.md P6d). Records written before (plain JSON, which
// starts with `[` or `{`) still read back.
//
// Account depth (§8–§10) is kept as summaries, not records, in three more positions: after the
// company's properties its parent's id and its contacts' buying roles (the sorted distinct set,
// `;`-joined; absent when no contact holds one, so a portal whose contacts hold no roles pays
// nothing for them; 0 when the contacts were not read), and after a deal's
// properties its line items as `[line, amount]` (the product line already chosen; the raw amount,
// with quantity, price and id only when the amount is not a plain number). Decoding gives records
// the model reads to the same figures: a contact holding the role set, line items whose product
// names their line.
import { createHash } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import {
  buyingRoles, COMPANY_INPUT_PROPERTY_NAMES, DEAL_INPUT_PROPERTY_NAMES, DEPTH_INPUT_PROPERTIES, productLineOf,
  type CompanyInput, type DealInput, type LineItemInput, type RecordInput,
} from '../model/index.ts';

/** Read for their webhooks only (a stage change is how a won deal shows); no figure uses them. */
const NOT_SCORED = new Set(['dealstage', 'pipeline']);
/** Positions that hold a summary of account depth, not a property (names no HubSpot property can have). */
const PARENT = '@parent';
const ROLES = '@roles';
const LINES = '@lines';
const COMPANY_FIELDS = [...COMPANY_INPUT_PROPERTY_NAMES, ...DEPTH_INPUT_PROPERTIES.map((p) => p.name), PARENT, ROLES];
const DEAL_FIELDS = [...DEAL_INPUT_PROPERTY_NAMES.filter((n) => !NOT_SCORED.has(n)), LINES];
const DATE_FIELDS = new Set(['closedate']);
const FLAG_FIELDS = new Set(['hs_is_closed_won', 'hs_is_closed']);

export const INPUTS_LAYOUT = createHash('sha1').update(`${COMPANY_FIELDS.join(',')}|${DEAL_FIELDS.join(',')}`).digest('hex').slice(0, 6);

type Scalar = string | number | null;
type Packed = Scalar | Packed[];

function pack(name: string, raw: string | null | undefined): Scalar {
  if (raw === null || raw === undefined) return null;
  if (FLAG_FIELDS.has(name) && (raw === 'true' || raw === 'false')) return raw === 'true' ? 1 : 0;
  if (DATE_FIELDS.has(name)) {
    const ms = Date.parse(raw);
    // Only an exact ISO instant HubSpot writes, so the digits parse back to the same ms.
    if (Number.isInteger(ms) && ms >= 1e9 && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,3})?Z$/.test(raw)) return `~${ms.toString(36)}`;
    return raw.startsWith('~') ? `~${raw}` : raw;
  }
  if (raw !== '' && raw.length <= 15 && String(Number(raw)) === raw) return Number(raw);
  return raw.startsWith('~') ? `~${raw}` : raw;
}

function unpack(name: string, value: Scalar): string | null {
  if (value === null) return null;
  if (typeof value === 'number') return FLAG_FIELDS.has(name) && (value === 0 || value === 1) ? (value === 1 ? 'true' : 'false') : String(value);
  if (!value.startsWith('~')) return value;
  if (value.startsWith('~~')) return value.slice(1);
  return DATE_FIELDS.has(name) ? String(parseInt(value.slice(1), 36)) : value;
}

const trimNulls = (values: Packed[]): Packed[] => {
  while (values.length && values[values.length - 1] === null) values.pop();
  return values;
};

function packRecord(fields: readonly string[], record: RecordInput, extra: (name: string) => Packed | undefined = () => undefined): Packed[] {
  return trimNulls(fields.map((n) => extra(n) ?? pack(n, record.properties[n])));
}

function unpackRecord(fields: readonly string[], id: string, values: readonly Packed[]): RecordInput {
  const properties: Record<string, string> = {};
  values.forEach((v, i) => {
    if (Array.isArray(v)) return;
    const value = unpack(fields[i]!, v);
    if (value !== null) properties[fields[i]!] = value;
  });
  return { id, properties };
}

/** A line item as `[line, amount]`, or `[line, amount, quantity, price, id]` when the amount is not a plain number. */
function packItem(item: LineItemInput): Packed[] {
  const p = item && typeof item === 'object' && item.properties && typeof item.properties === 'object' ? item.properties : {};
  const line = productLineOf({ ...item, properties: p });
  const amount = pack('amount', p.amount);
  if (typeof amount === 'number') return [line, amount];
  return trimNulls([line, amount, pack('quantity', p.quantity), pack('price', p.price), item.id ?? null]);
}

function unpackItem(values: readonly Packed[], n: number): LineItemInput {
  const [line, amount, quantity, price, id] = values as [string, Packed, Packed?, Packed?, Packed?];
  const properties: Record<string, string> = {};
  const set = (name: string, v: Packed | undefined): void => {
    const value = v === undefined || Array.isArray(v) ? null : unpack(name, v);
    if (value !== null) properties[name] = value;
  };
  set('amount', amount);
  set('quantity', quantity);
  set('price', price);
  return { id: typeof id === 'string' ? id : String(id ?? n), properties, product: { id: '', properties: { kam_product_line: line } } };
}

const packDeal = (deal: DealInput): Packed[] =>
  [packId(deal.id), ...packRecord(DEAL_FIELDS, deal, (n) => (n === LINES ? (Array.isArray(deal.lineItems) ? deal.lineItems.map(packItem) : null) : undefined))];

function unpackDeal(dealId: string | number, values: readonly Packed[]): DealInput {
  const deal: DealInput = unpackRecord(DEAL_FIELDS, String(dealId), values);
  const lines = values[DEAL_FIELDS.indexOf(LINES)];
  if (Array.isArray(lines)) deal.lineItems = lines.map((item, i) => unpackItem(item as Packed[], i));
  return deal;
}

function packCompany(company: CompanyInput): Packed[] {
  const roles = buyingRoles(company.contacts);
  const parent = typeof company.parentId === 'string' && company.parentId !== '' ? company.parentId : null;
  const packedRoles = roles === null ? 0 : roles.length ? roles.join(';') : null;
  return packRecord(COMPANY_FIELDS, company, (n) => (n === PARENT ? (parent === null ? null : packId(parent)) : n === ROLES ? packedRoles : undefined));
}

function unpackCompany(id: string, values: readonly Packed[]): CompanyInput {
  const company: CompanyInput = unpackRecord(COMPANY_FIELDS.filter((n) => n !== PARENT && n !== ROLES), id, values.slice(0, COMPANY_FIELDS.length - 2));
  const parent = values[COMPANY_FIELDS.indexOf(PARENT)];
  const roles = values[COMPANY_FIELDS.indexOf(ROLES)];
  if (parent !== undefined && parent !== null && !Array.isArray(parent)) company.parentId = String(parent);
  if (roles !== 0) company.contacts = typeof roles === 'string' && roles !== '' ? [{ id: '', properties: { hs_buying_role: roles } }] : [];
  return company;
}

// A deal id as a JSON number where it reads back the same (no quotes to store).
const packId = (id: string): string | number => (/^[1-9]\d{0,14}$/.test(id) ? Number(id) : id);

// Never change these two: stored records name their dictionary by the marker byte. A better
// dictionary gets a new marker (and this one stays readable).
const DEFLATED_V1 = 0x01;
const DICTIONARY_V1 = Buffer.from(',null,null,null,null,null,null,null,null,null,null],["1,1,1],["0,1,0],["1,1,1,2,3,4,5,6,7,8,9,10, Inc." GmbH" Ltd" AG" SE" LLC" S.A." B.V." plc" Corp.",null,null,0,1,1,1000,null,"~m~l~k"],["');
// The account-depth summaries' common words (HubSpot's buying roles, sorted as stored; the shape of
// line items) on top of V1's, for records of this layout.
const DEFLATED_V2 = 0x02;
const DICTIONARY_V2 = Buffer.concat([
  DICTIONARY_V1,
  Buffer.from(',[["",1000],["",2000]],["",500]]],null,"BLOCKER;BUDGET_HOLDER;CHAMPION;DECISION_MAKER;END_USER;EXECUTIVE_SPONSOR;INFLUENCER;LEGAL_AND_COMPLIANCE;OTHER"],["'),
]);
const DICTIONARIES = new Map([[DEFLATED_V1, DICTIONARY_V1], [DEFLATED_V2, DICTIONARY_V2]]);
const LAYOUT_BYTES = Buffer.from(INPUTS_LAYOUT, 'hex');
const HEADER = 1 + LAYOUT_BYTES.length;

/**
 * The marker byte, the layout (3 bytes), then `[[company values], [deal id, deal values…]…]` as
 * JSON, deflated. The layout stays outside the deflated bytes, so a record of another layout is
 * known as such before anything is inflated.
 */
export function encodeInputs(company: CompanyInput): Buffer {
  const json = JSON.stringify([packCompany(company), ...(company.deals ?? []).map(packDeal)]);
  return Buffer.concat([Buffer.of(DEFLATED_V2), LAYOUT_BYTES, deflateRawSync(json, { level: 9, dictionary: DICTIONARY_V2 })]);
}

/** The positional JSON of the previous version (`[layout, …]`) inside a record this version wrote, or null. */
export function inflateInputs(bytes: Buffer): string | null {
  const dictionary = DICTIONARIES.get(bytes[0]!);
  if (!dictionary || bytes.length < HEADER) return null;
  try {
    const inner = inflateRawSync(bytes.subarray(HEADER), { dictionary }).toString();
    return `[${JSON.stringify(bytes.subarray(1, HEADER).toString('hex'))},${inner.slice(1)}`;
  } catch {
    return null;
  }
}

/** The company's inputs, or null when written under another layout (or unreadable: read HubSpot again). */
export function decodeInputs(id: string, stored: Buffer | string): CompanyInput | null {
  const bytes = typeof stored === 'string' ? Buffer.from(stored) : stored;
  let text: string;
  if (DICTIONARIES.has(bytes[0]!)) {
    if (!bytes.subarray(1, HEADER).equals(LAYOUT_BYTES)) return null;
    const inflated = inflateInputs(bytes);
    if (inflated === null) return null;
    text = inflated;
  } else {
    text = bytes.toString();
  }
  const parsed = JSON.parse(text) as unknown;
  // Written before this encoding: the record itself, with property names.
  if (!Array.isArray(parsed)) return parsed as CompanyInput;
  if (parsed[0] !== INPUTS_LAYOUT) return null;
  const [, values, ...deals] = parsed as [string, Packed[], ...[string | number, ...Packed[]][]];
  return { ...unpackCompany(id, values), deals: deals.map(([dealId, ...v]) => unpackDeal(dealId, v)) };
}
