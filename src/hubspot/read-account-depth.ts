// What account depth reads beyond companies and deals, in batches (no per-record calls): the
// contacts of companies (their buying roles, scoring-model.md §10) and the line items of deals
// with their products (§9). The caller names the properties and which deals need line items
// (only won deals in the model window); nothing here knows what the values mean.
import type { LineItemInput, RecordInput } from '../model/types.ts';
import { unique } from './chunk.ts';
import type { HubSpotCaller } from './hubspot-caller.ts';
import { readAssociations } from './read-associations.ts';
import { readObjects } from './read-objects.ts';

/** Each company's associated contacts, with these properties ([] for a company without contacts). */
export async function readCompanyContacts(call: HubSpotCaller, companyIds: readonly string[], properties: readonly string[]): Promise<Map<string, RecordInput[]>> {
  const byCompany = await readAssociations(call, 'companies', 'contacts', companyIds);
  const contactIds = unique([...byCompany.values()].flat());
  const { records } = contactIds.length ? await readObjects(call, 'contacts', contactIds, properties) : { records: [] };
  const byId = new Map(records.map((r) => [r.id, r]));
  return new Map([...byCompany].map(([companyId, ids]) => [companyId, ids.flatMap((id) => byId.get(id) ?? [])]));
}

/**
 * Each deal's line items with their product (null when the line item names none, or the product
 * is gone; not read when `productProperties` is null): three kinds of batch calls whatever the
 * number of deals.
 */
export async function readDealLineItems(
  call: HubSpotCaller, dealIds: readonly string[], itemProperties: readonly string[], productProperties: readonly string[] | null,
): Promise<Map<string, LineItemInput[]>> {
  const byDeal = await readAssociations(call, 'deals', 'line_items', dealIds);
  const itemIds = unique([...byDeal.values()].flat());
  const items = itemIds.length ? (await readObjects(call, 'line_items', itemIds, unique([...itemProperties, 'hs_product_id']))).records : [];
  const productIds = unique(items.flatMap((i) => (i.properties.hs_product_id ? [i.properties.hs_product_id] : [])));
  const products = productIds.length && productProperties ? (await readObjects(call, 'products', productIds, productProperties)).records : [];
  const productById = new Map(products.map((p) => [p.id, p]));
  const itemById = new Map(items.map((i): [string, LineItemInput] => [i.id, { ...i, product: productById.get(i.properties.hs_product_id ?? '') ?? null }]));
  return new Map([...byDeal].map(([dealId, ids]) => [dealId, ids.flatMap((id) => itemById.get(id) ?? [])]));
}
