// The records of the HubSpot fixtures (test/fixtures/hubspot/api), loaded into a sandbox portal so
// the fixtures' own requests can be replayed against it; and a shape comparison that ignores values
// but not keys or JSON types (null counts as a string: property values are "string or null").
import { OUTPUT_GROUP, OUTPUT_PROPERTIES } from '../../src/model/properties.ts';
import { defineInputProperties, type SandboxStore } from '../../src/sandbox/index.ts';
import { fixture } from '../support/hubspot-fixtures.ts';

type Props = Record<string, string | null>;
const SYSTEM = new Set(['hs_object_id', 'hs_lastmodifieddate']);
const own = (props: Props): Record<string, string> =>
  Object.fromEntries(Object.entries(props).filter(([k, v]) => v !== null && !SYSTEM.has(k))) as Record<string, string>;

function fixtureRecords(name: string): Array<{ id: string; properties: Props }> {
  return fixture(name).response.body.results as Array<{ id: string; properties: Props }>;
}

/** The app's output properties, as provisioning creates them. */
export function provisionOutputs(store: SandboxStore): void {
  if (!store.properties.getGroup('companies', OUTPUT_GROUP.name)) store.properties.createGroup('companies', { ...OUTPUT_GROUP });
  for (const p of OUTPUT_PROPERTIES) {
    if (store.properties.get('companies', p.name)) continue;
    store.properties.create('companies', { ...p, formField: false, options: p.options?.map((o, i) => ({ ...o, displayOrder: i, hidden: false })) });
  }
}

/**
 * Companies 18273645001–003 and deals 30111222001–005 of the fixtures: deal 001 (primary), 002 and
 * 005 on company 001, deal 003 on company 002, deal 004 on none.
 */
export function loadFixturePortal(store: SandboxStore): void {
  defineInputProperties(store);
  const quiet = { silent: true };
  for (const c of fixtureRecords('companies-batch-read')) store.createCompany(own(c.properties), { ...quiet, id: c.id });
  store.createCompany({ name: 'Fabrikam GmbH' }, { ...quiet, id: '18273645003' });
  for (const d of fixtureRecords('deals-batch-read')) store.createDeal(own(d.properties), { ...quiet, id: d.id });
  store.createDeal({ dealname: 'No company' }, { ...quiet, id: '30111222004' });
  store.createDeal({ amount: '12000', dealstage: 'contractsent' }, { ...quiet, id: '30111222005' });
  store.associate({ dealId: '30111222001', companyId: '18273645001' }, { ...quiet, primary: true });
  store.associate({ dealId: '30111222002', companyId: '18273645001' }, { ...quiet, primary: false });
  store.associate({ dealId: '30111222005', companyId: '18273645001' }, { ...quiet, primary: false });
  store.associate({ dealId: '30111222003', companyId: '18273645002' }, { ...quiet, primary: true });
}

export type Shape = string | Shape[] | { [key: string]: Shape };

function merge(a: Shape | undefined, b: Shape): Shape {
  if (a === undefined) return b;
  if (typeof a === 'object' && !Array.isArray(a) && typeof b === 'object' && !Array.isArray(b)) {
    const out: Record<string, Shape> = { ...a };
    for (const [k, v] of Object.entries(b)) out[k] = merge(out[k], v);
    return out;
  }
  return a;
}

/** Keys and JSON types, arrays as the merged shape of their elements. */
export function shapeOf(value: unknown): Shape {
  if (value === null) return 'string';
  if (Array.isArray(value)) {
    let element: Shape | undefined;
    for (const v of value) element = merge(element, shapeOf(v));
    return element === undefined ? [] : [element];
  }
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, shapeOf(v)]));
  return typeof value;
}
