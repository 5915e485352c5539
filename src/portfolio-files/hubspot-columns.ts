// Which column of a HubSpot export holds which property. Exports name columns by label ("Annual
// Revenue") unless "internal names" was ticked; both are accepted, case and spacing aside.
import { DEAL_INPUT_PROPERTIES, DEPTH_INPUT_PROPERTIES, INPUT_PROPERTIES, type PropertyDefinition } from '../model/properties.ts';
import {
  normaliseBoolean, normaliseDate, normaliseDomain, normaliseIndustry, normaliseNumber, normaliseOption, normaliseText,
} from './normalise-value.ts';

/** How a column's cells become API strings; `probability`, `associations` and `parent` need the whole file. */
export type ColumnKind =
  | { kind: 'id' }
  | { kind: 'associations' }
  | { kind: 'domains' }
  | { kind: 'parent' }
  | { kind: 'probability' }
  | { kind: 'value'; normalise: (raw: string) => string | null };

export interface ColumnSpec {
  property: string;
  names: string[];
  column: ColumnKind;
}

const value = (normalise: (raw: string) => string | null): ColumnKind => ({ kind: 'value', normalise });
const text = value(normaliseText);
const number = value(normaliseNumber);
const bool = value(normaliseBoolean);

function fromDefinition(p: PropertyDefinition): ColumnSpec {
  const column =
    p.type === 'number' ? number
    : p.type === 'bool' ? bool
    : p.type === 'enumeration' ? value((raw) => normaliseOption(raw, p.options ?? []))
    : text;
  return { property: p.name, names: [p.name, p.label], column };
}

export const COMPANY_COLUMNS: ColumnSpec[] = [
  { property: 'id', names: ['Record ID', 'hs_object_id', 'Company ID', 'id'], column: { kind: 'id' } },
  { property: 'name', names: ['name', 'Company name', 'Name'], column: text },
  { property: 'annualrevenue', names: ['annualrevenue', 'Annual Revenue'], column: number },
  { property: 'industry', names: ['industry', 'Industry'], column: value(normaliseIndustry) },
  { property: 'hubspot_owner_id', names: ['hubspot_owner_id', 'Company owner', 'Owner'], column: text },
  { property: 'domain', names: ['domain', 'Company Domain Name', 'Website URL', 'website'], column: value(normaliseDomain) },
  // The parent (§8): its id where exported, else the "Parent Company" column, which may show its name.
  { property: 'parent', names: ['Associated Company IDs (Parent)', 'Parent Company ID', 'hs_parent_company_id', 'Parent Company'], column: { kind: 'parent' } },
  ...INPUT_PROPERTIES.map(fromDefinition),
  ...DEPTH_INPUT_PROPERTIES.map(fromDefinition),
];

export const DEAL_COLUMNS: ColumnSpec[] = [
  { property: 'id', names: ['Record ID', 'hs_object_id', 'Deal ID', 'id'], column: { kind: 'id' } },
  {
    property: 'associations',
    names: ['Associated Company IDs', 'Associated Company IDs (Primary)', 'Associated Company ID', 'associatedcompanyid', 'Company IDs'],
    column: { kind: 'associations' },
  },
  // Import-style deal files link companies by domain when they have no id column.
  { property: 'domains', names: ['Associated Company Domain', 'Associated Company Domains', 'Company Domain Name'], column: { kind: 'domains' } },
  { property: 'amount', names: ['amount', 'Amount'], column: number },
  { property: 'amount_in_home_currency', names: ['amount_in_home_currency', 'Amount in company currency', 'Amount in home currency'], column: number },
  { property: 'closedate', names: ['closedate', 'Close Date'], column: value(normaliseDate) },
  { property: 'hs_is_closed_won', names: ['hs_is_closed_won', 'Is Closed Won'], column: bool },
  { property: 'hs_is_closed', names: ['hs_is_closed', 'Is closed'], column: bool },
  { property: 'hs_deal_stage_probability', names: ['hs_deal_stage_probability', 'Deal probability'], column: { kind: 'probability' } },
  { property: 'pipeline', names: ['pipeline', 'Pipeline'], column: text },
  { property: 'dealstage', names: ['dealstage', 'Deal Stage'], column: text },
  ...DEAL_INPUT_PROPERTIES.map(fromDefinition),
];

const key = (header: string): string => header.trim().replace(/\s+/g, ' ').toLowerCase();

/** For each header, the spec it maps to (null: a column the model does not read). */
export function resolveColumns(headers: readonly string[], specs: readonly ColumnSpec[]): (ColumnSpec | null)[] {
  const byName = new Map<string, ColumnSpec>();
  for (const spec of specs) for (const name of spec.names) byName.set(key(name), spec);
  return headers.map((h) => byName.get(key(h)) ?? null);
}
