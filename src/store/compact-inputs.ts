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
import { createHash } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { COMPANY_INPUT_PROPERTY_NAMES, DEAL_INPUT_PROPERTY_NAMES, type CompanyInput, type RecordInput } from '../model/index.ts';

/** Read for their webhooks only (a stage change is how a won deal shows); no figure uses them. */
const NOT_SCORED = new Set(['dealstage', 'pipeline']);
const COMPANY_FIELDS = COMPANY_INPUT_PROPERTY_NAMES;
const DEAL_FIELDS = DEAL_INPUT_PROPERTY_NAMES.filter((n) => !NOT_SCORED.has(n));
const DATE_FIELDS = new Set(['closedate']);
const FLAG_FIELDS = new Set(['hs_is_closed_won', 'hs_is_closed']);

export const INPUTS_LAYOUT = createHash('sha1').update(`${COMPANY_FIELDS.join(',')}|${DEAL_FIELDS.join(',')}`).digest('hex').slice(0, 6);

type Packed = string | number | null;

function pack(name: string, raw: string | null | undefined): Packed {
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

function unpack(name: string, value: Packed): string | null {
  if (value === null) return null;
  if (typeof value === 'number') return FLAG_FIELDS.has(name) && (value === 0 || value === 1) ? (value === 1 ? 'true' : 'false') : String(value);
  if (!value.startsWith('~')) return value;
  if (value.startsWith('~~')) return value.slice(1);
  return DATE_FIELDS.has(name) ? String(parseInt(value.slice(1), 36)) : value;
}

function packRecord(fields: readonly string[], record: RecordInput): Packed[] {
  const values = fields.map((n) => pack(n, record.properties[n]));
  while (values.length && values[values.length - 1] === null) values.pop();
  return values;
}

function unpackRecord(fields: readonly string[], id: string, values: readonly Packed[]): RecordInput {
  const properties: Record<string, string> = {};
  values.forEach((v, i) => {
    const value = unpack(fields[i]!, v);
    if (value !== null) properties[fields[i]!] = value;
  });
  return { id, properties };
}

// A deal id as a JSON number where it reads back the same (no quotes to store).
const packId = (id: string): string | number => (/^[1-9]\d{0,14}$/.test(id) ? Number(id) : id);

// Never change these two: stored records name their dictionary by the marker byte. A better
// dictionary gets a new marker (and this one stays readable).
const DEFLATED_V1 = 0x01;
const DICTIONARY_V1 = Buffer.from(',null,null,null,null,null,null,null,null,null,null],["1,1,1],["0,1,0],["1,1,1,2,3,4,5,6,7,8,9,10, Inc." GmbH" Ltd" AG" SE" LLC" S.A." B.V." plc" Corp.",null,null,0,1,1,1000,null,"~m~l~k"],["');
const LAYOUT_BYTES = Buffer.from(INPUTS_LAYOUT, 'hex');
const HEADER = 1 + LAYOUT_BYTES.length;

/**
 * The marker byte, the layout (3 bytes), then `[[company values], [deal id, deal values…]…]` as
 * JSON, deflated. The layout stays outside the deflated bytes, so a record of another layout is
 * known as such before anything is inflated.
 */
export function encodeInputs(company: CompanyInput): Buffer {
  const json = JSON.stringify([packRecord(COMPANY_FIELDS, company), ...(company.deals ?? []).map((d) => [packId(d.id), ...packRecord(DEAL_FIELDS, d)])]);
  return Buffer.concat([Buffer.of(DEFLATED_V1), LAYOUT_BYTES, deflateRawSync(json, { level: 9, dictionary: DICTIONARY_V1 })]);
}

/** The positional JSON of the previous version (`[layout, …]`) inside a record this version wrote, or null. */
export function inflateInputs(bytes: Buffer): string | null {
  if (bytes[0] !== DEFLATED_V1 || bytes.length < HEADER) return null;
  try {
    const inner = inflateRawSync(bytes.subarray(HEADER), { dictionary: DICTIONARY_V1 }).toString();
    return `[${JSON.stringify(bytes.subarray(1, HEADER).toString('hex'))},${inner.slice(1)}`;
  } catch {
    return null;
  }
}

/** The company's inputs, or null when written under another layout (or unreadable: read HubSpot again). */
export function decodeInputs(id: string, stored: Buffer | string): CompanyInput | null {
  const bytes = typeof stored === 'string' ? Buffer.from(stored) : stored;
  let text: string;
  if (bytes[0] === DEFLATED_V1) {
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
  return { ...unpackRecord(COMPANY_FIELDS, id, values), deals: deals.map(([dealId, ...v]) => unpackRecord(DEAL_FIELDS, String(dealId), v)) };
}
