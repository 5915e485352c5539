// A stored record in HubSpot's SimplePublicObject shape: the requested properties that exist
// (null when unset, unknown names omitted), always createdate (hs_createdate for activities),
// hs_lastmodifieddate and hs_object_id, keys in alphabetical order as HubSpot returns them, and
// HubSpot's default set when no property is asked for.
import type { PropertyCatalog } from './property-catalog.ts';
import type { ObjectType, StoredRecord } from './sandbox-types.ts';

const DEFAULTS: Record<ObjectType, string[]> = {
  companies: ['name', 'domain'],
  deals: ['dealname', 'amount', 'closedate', 'pipeline', 'dealstage'],
  tasks: ['hs_task_subject', 'hs_task_body', 'hs_task_status', 'hs_task_priority', 'hs_timestamp'],
  contacts: ['firstname', 'lastname', 'email'],
  line_items: ['name', 'quantity', 'price', 'amount'],
  products: ['name', 'description', 'price'],
};
const ALWAYS: Record<ObjectType, string[]> = {
  companies: ['createdate', 'hs_lastmodifieddate', 'hs_object_id'],
  deals: ['createdate', 'hs_lastmodifieddate', 'hs_object_id'],
  tasks: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
  contacts: ['createdate', 'hs_lastmodifieddate', 'hs_object_id'],
  line_items: ['createdate', 'hs_lastmodifieddate', 'hs_object_id'],
  products: ['createdate', 'hs_lastmodifieddate', 'hs_object_id'],
};

/**
 * Normalises `properties` as the API receives it (repeated query keys, comma lists or a JSON
 * array) to the list of names a response carries, or undefined for "HubSpot's defaults".
 */
export function requestedNames(raw: unknown): string[] | undefined {
  const items = Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw];
  const names = items.flatMap((v) => String(v).split(',')).map((s) => s.trim()).filter(Boolean);
  return names.length > 0 ? names : undefined;
}

export interface ViewOptions {
  /** Names asked for; undefined = the type's defaults. */
  properties?: readonly string[];
  /** Every stored value instead (create responses). */
  all?: boolean;
  propertiesWithHistory?: readonly string[];
  extra?: Record<string, unknown>;
}

export function propertyNamesFor(type: ObjectType, catalog: PropertyCatalog, requested: readonly string[] | undefined): string[] {
  const names = new Set([...(requested ?? DEFAULTS[type]), ...ALWAYS[type]]);
  return [...names].filter((n) => catalog.get(type, n) !== undefined).sort();
}

export function toPublicObject(type: ObjectType, record: StoredRecord, names: readonly string[], opts: ViewOptions = {}): Record<string, unknown> {
  const properties: Record<string, string | null> = {};
  if (opts.all) {
    for (const k of Object.keys(record.properties).sort()) properties[k] = record.properties[k] ?? null;
  } else {
    for (const n of names) properties[n] = record.properties[n] ?? null;
  }
  const out: Record<string, unknown> = { id: record.id, properties };
  if (opts.propertiesWithHistory?.length) {
    out.propertiesWithHistory = Object.fromEntries(
      opts.propertiesWithHistory.map((n) => {
        const value = record.properties[n];
        return [n, value === undefined ? [] : [{ value, timestamp: record.updatedAt, sourceType: 'CRM_UI' }]];
      }),
    );
  }
  Object.assign(out, { createdAt: record.createdAt, updatedAt: record.updatedAt, archived: false }, opts.extra);
  return out;
}

export const alwaysReturned = (type: ObjectType): readonly string[] => ALWAYS[type];
