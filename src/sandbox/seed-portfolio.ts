// Fills a sandbox portal with a generated portfolio (generatePortfolio: companies with deals, the
// generator's ids kept), each deal associated with its company as primary. By default it is a
// silent bulk load (no validation, no webhooks: the data "was there before the app"), fast enough
// for 100,000 companies; with `fireWebhooks` every record goes through the store and fires the
// events a real import would. The app's input properties are defined first so the values show.
import { DEAL_INPUT_PROPERTIES, INPUT_GROUP, INPUT_PROPERTIES, type PropertyDefinition } from '../model/properties.ts';
import type { CrmStore } from './crm-store.ts';
import { stageFromFlags } from './calculated-properties.ts';
import { generatePortfolio, type GeneratePortfolioOptions } from './generate-portfolio.ts';
import type { SandboxStore } from './sandbox-store.ts';
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
}

function define(store: CrmStore, type: ObjectType, defs: readonly PropertyDefinition[]): void {
  for (const d of defs) {
    if (store.properties.get(type, d.name)) continue;
    const options = d.options?.map((o, i) => ({ ...o, displayOrder: i, hidden: false }));
    store.properties.create(type, { name: d.name, label: d.label, description: d.description, groupName: d.groupName, type: d.type, fieldType: d.fieldType, formField: false, options });
  }
}

/** The app's input properties, exactly as its provisioning would create them. */
export function defineInputProperties(store: CrmStore): void {
  if (!store.properties.getGroup('companies', INPUT_GROUP.name)) store.properties.createGroup('companies', { ...INPUT_GROUP });
  define(store, 'companies', INPUT_PROPERTIES);
  define(store, 'deals', DEAL_INPUT_PROPERTIES);
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
  if (options.defineInputProperties !== false) defineInputProperties(store);
  const at = options.asOf.toISOString();
  const source = options.source ?? { changeSource: 'IMPORT' };
  const result: SeedResult = { companies: 0, deals: 0, firstCompanyId: undefined, lastCompanyId: undefined };
  for (const company of generatePortfolio(options)) {
    const props = present(company.properties);
    if (options.fireWebhooks) store.create('companies', props, { id: company.id, validate: false, source });
    else store.load('companies', company.id, props, at);
    for (const deal of company.deals ?? []) {
      const dealProps = present(deal.properties);
      dealProps.dealstage ??= stageFromFlags(dealProps) ?? 'appointmentscheduled';
      const link = { fromType: 'deals' as const, fromId: deal.id, toType: 'companies' as const, toId: company.id };
      if (options.fireWebhooks) {
        store.create('deals', dealProps, { id: deal.id, validate: false, source });
        store.link(link, { primary: true, source });
      } else {
        store.load('deals', deal.id, dealProps, at);
        store.associations.add(link, true);
      }
      result.deals += 1;
    }
    result.companies += 1;
    result.firstCompanyId ??= company.id;
    result.lastCompanyId = company.id;
  }
  return result;
}
