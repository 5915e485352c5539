// Fills a sandbox portal with a generated portfolio (generatePortfolio: companies with deals, the
// generator's ids kept), each deal associated with its company as primary. By default it is a
// silent bulk load (no validation, no webhooks: the data "was there before the app"), fast enough
// for 100,000 companies; with `fireWebhooks` every record goes through the store and fires the
// events a real import would. The app's input properties are defined first so the values show.
// With `accountDepth`, also the product catalogue, each company's contacts (the company their
// primary one), the line items of won deals and the parent links.
import { DEAL_INPUT_PROPERTIES, DEPTH_INPUT_PROPERTIES, INPUT_GROUP, INPUT_PROPERTIES, PRODUCT_INPUT_PROPERTIES, type PropertyDefinition } from '../model/properties.ts';
import { generateProducts } from './generate-account-depth.ts';
import type { CrmStore } from './crm-store.ts';
import { stageFromFlags } from './calculated-properties.ts';
import { generatePortfolio, type GeneratePortfolioOptions } from './generate-portfolio.ts';
import type { SandboxStore } from './sandbox-store.ts';
import type { CompanyInput, RecordInput } from '../model/types.ts';
import type { Link } from './association-index.ts';
import type { ChangeSource, ObjectType } from './sandbox-types.ts';

export interface SeedOptions extends GeneratePortfolioOptions {
  /** Fire creation, propertyChange and associationChange events for every record (default false). */
  fireWebhooks?: boolean;
  /** Source of those events (default IMPORT). */
  source?: ChangeSource;
  /** Create the app's input property group and properties first (default true). */
  defineInputProperties?: boolean;
}

export interface SeedResult {
  companies: number;
  deals: number;
  firstCompanyId: string | undefined;
  lastCompanyId: string | undefined;
  /** With `accountDepth`: what was seeded besides companies and deals. */
  depth?: { products: number; contacts: number; lineItems: number; childCompanies: number };
}

function define(store: CrmStore, type: ObjectType, defs: readonly PropertyDefinition[]): void {
  for (const d of defs) {
    if (store.properties.get(type, d.name)) continue;
    const options = d.options?.map((o, i) => ({ ...o, displayOrder: i, hidden: false }));
    store.properties.create(type, { name: d.name, label: d.label, description: d.description, groupName: d.groupName, type: d.type, fieldType: d.fieldType, formField: false, options });
  }
}

/** The app's input properties, exactly as its provisioning would create them (with account depth's too when asked). */
export function defineInputProperties(store: CrmStore, accountDepth = false): void {
  if (!store.properties.getGroup('companies', INPUT_GROUP.name)) store.properties.createGroup('companies', { ...INPUT_GROUP });
  define(store, 'companies', INPUT_PROPERTIES);
  define(store, 'deals', DEAL_INPUT_PROPERTIES);
  if (!accountDepth) return;
  define(store, 'companies', DEPTH_INPUT_PROPERTIES);
  define(store, 'products', PRODUCT_INPUT_PROPERTIES);
}

const present = (props: Record<string, string | null | undefined>): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const k in props) {
    const v = props[k];
    if (v !== null && v !== undefined) out[k] = v;
  }
  return out;
};

export function seedPortfolio(target: SandboxStore | { store: SandboxStore }, options: SeedOptions): SeedResult {
  const store = 'store' in target ? target.store : target;
  if (options.defineInputProperties !== false) defineInputProperties(store, options.accountDepth);
  const at = options.asOf.toISOString();
  const source = options.source ?? { changeSource: 'IMPORT' };
  const result: SeedResult = { companies: 0, deals: 0, firstCompanyId: undefined, lastCompanyId: undefined };
  const put = (type: ObjectType, record: RecordInput): void => {
    if (options.fireWebhooks) store.create(type, present(record.properties), { id: record.id, validate: false, source });
    else store.load(type, record.id, present(record.properties), at);
  };
  const link = (l: Link, primary = false): void => {
    if (options.fireWebhooks) store.link(l, { primary, source });
    else store.associations.add(l, primary);
  };
  const depth = options.accountDepth ? { products: 0, contacts: 0, lineItems: 0, childCompanies: 0 } : undefined;
  if (depth) {
    for (const product of generateProducts(options.firstId)) put('products', product);
    depth.products = store.count('products');
  }
  for (const company of generatePortfolio(options)) {
    put('companies', company);
    if (depth) seedDepth(company, put, link, depth);
    for (const deal of company.deals ?? []) {
      const dealProps = present(deal.properties);
      dealProps.dealstage ??= stageFromFlags(dealProps) ?? 'appointmentscheduled';
      put('deals', { id: deal.id, properties: dealProps });
      link({ fromType: 'deals', fromId: deal.id, toType: 'companies', toId: company.id }, true);
      for (const item of deal.lineItems ?? []) {
        put('line_items', item);
        link({ fromType: 'deals', fromId: deal.id, toType: 'line_items', toId: item.id });
        if (depth) depth.lineItems += 1;
      }
      result.deals += 1;
    }
    result.companies += 1;
    result.firstCompanyId ??= company.id;
    result.lastCompanyId = company.id;
  }
  return depth ? { ...result, depth } : result;
}

/** A company's parent link (its parent came earlier) and its contacts, each with the company as primary. */
function seedDepth(
  company: CompanyInput, put: (type: ObjectType, r: RecordInput) => void, link: (l: Link, primary?: boolean) => void,
  depth: NonNullable<SeedResult['depth']>,
): void {
  if (company.parentId) {
    link({ fromType: 'companies', fromId: company.id, toType: 'companies', toId: company.parentId });
    depth.childCompanies += 1;
  }
  for (const contact of company.contacts ?? []) {
    put('contacts', contact);
    link({ fromType: 'contacts', fromId: contact.id, toType: 'companies', toId: company.id }, true);
    depth.contacts += 1;
  }
}
