// Adds account depth (scoring-model.md §8–§10) to the companies a job scores, in batches and only
// where the model needs it (quality.md P3): each company's parent link, the line items of won deals
// in the window whose items are not already known, and the contacts' buying roles of the companies
// the caller asks for (a contact event, or a full pass). What the portal does not grant is left
// unread, and so unknown to the model.
import {
  CONTACT_INPUT_PROPERTY_NAMES, dealsNeedingLineItems, LINE_ITEM_INPUT_PROPERTY_NAMES, PRODUCT_INPUT_PROPERTY_NAMES,
  type BaseSettings, type CompanyInput, type DealInput, type LineItemInput, type RecordInput,
} from '../src/model/index.ts';
import { ProductLinesKnown } from '../src/store/product-lines-known.ts';
import { NO_DEPTH, type PortalDeps } from './portal-deps.ts';

/** Sets each company's parentId from HubSpot's parent links (one batch call per 1,000 companies). */
export async function addParents(deps: PortalDeps, companies: readonly CompanyInput[]): Promise<void> {
  if (companies.length === 0) return;
  const parents = await deps.crm.companyParents(companies.map((c) => c.id));
  for (const c of companies) c.parentId = parents.get(c.id) ?? null;
}

/**
 * Gives the won deals of the window their line items: those they already carry (stored) are kept,
 * the others read; other deals drop theirs (no figure uses them). Their products' lines come from
 * those known (ProductLinesKnown); products not known, or (a full pass: `readAgain`) not yet read
 * by this pass, are read in batches. Returns how many deals were read.
 */
export async function addLineItems(
  deps: PortalDeps, deals: readonly DealInput[], settings: Pick<BaseSettings, 'windowMonths'>, asOf: Date, readAgain?: Set<string>,
): Promise<number> {
  const access = deps.depth ?? NO_DEPTH;
  const need = access.lineItems ? new Set(dealsNeedingLineItems(deals, settings, asOf)) : new Set<string>();
  const ask = new Set<string>();
  for (const d of deals) {
    if (!need.has(d.id)) delete d.lineItems;
    else if (!Array.isArray(d.lineItems)) ask.add(d.id);
  }
  if (ask.size === 0) return 0;
  const items = await deps.crm.dealLineItems([...ask], LINE_ITEM_INPUT_PROPERTY_NAMES);
  const lines = access.products ? await productLines(deps, [...items.values()].flat(), readAgain) : new Map<string, string>();
  const productOf = (item: LineItemInput): RecordInput | null => {
    const id = item.properties.hs_product_id;
    const line = id ? lines.get(id) : undefined;
    return line === undefined ? null : { id: id!, properties: line === '' ? {} : { kam_product_line: line } };
  };
  for (const d of deals) if (ask.has(d.id)) d.lineItems = (items.get(d.id) ?? []).map((item) => ({ ...item, product: productOf(item) }));
  return ask.size;
}

/** The line of each product these items name: known ones from Redis, the others read (100 a call) and kept. */
async function productLines(deps: PortalDeps, items: readonly LineItemInput[], readAgain?: Set<string>): Promise<Map<string, string>> {
  const ids = [...new Set(items.flatMap((i) => (i.properties.hs_product_id ? [i.properties.hs_product_id] : [])))];
  const known = new ProductLinesKnown(deps.redis, deps.prefix, deps.portalId);
  const lines = readAgain ? new Map<string, string>() : await known.get(ids);
  const ask = ids.filter((id) => (readAgain ? !readAgain.has(id) : !lines.has(id)));
  if (readAgain) {
    const already = await known.get(ids.filter((id) => readAgain.has(id)));
    for (const [id, line] of already) lines.set(id, line);
  }
  if (ask.length === 0) return lines;
  const read = new Map<string, string>(ask.map((id) => [id, '']));
  const text = (v: string | null | undefined): string => (typeof v === 'string' ? v.trim() : '');
  // As productLineOf reads a product: its line, else its name.
  for (const p of await deps.crm.readProducts(ask, PRODUCT_INPUT_PROPERTY_NAMES)) read.set(p.id, text(p.properties.kam_product_line) || text(p.properties.name));
  await known.set(read);
  for (const [id, line] of read) {
    lines.set(id, line);
    readAgain?.add(id);
  }
  return lines;
}

/**
 * Reads the contacts (their buying roles) of the companies `ask` names; the others keep what they
 * carry (stored roles). Without the contacts feature every company's roles are unknown. Returns
 * the companies whose contacts were read.
 */
export async function addContacts(deps: PortalDeps, companies: readonly CompanyInput[], ask: (company: CompanyInput) => boolean): Promise<string[]> {
  if (!(deps.depth ?? NO_DEPTH).contacts) {
    for (const c of companies) delete c.contacts;
    return [];
  }
  const ids = companies.filter(ask).map((c) => c.id);
  if (ids.length === 0) return [];
  const byCompany = await deps.crm.companyContacts(ids, CONTACT_INPUT_PROPERTY_NAMES);
  const asked = new Set(ids);
  for (const c of companies) if (asked.has(c.id)) c.contacts = byCompany.get(c.id) ?? [];
  return ids;
}
