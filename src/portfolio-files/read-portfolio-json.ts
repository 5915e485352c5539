// A portfolio file in HubSpot's API shape (scoring-model.md §2). The outer shape must hold; inside
// it every record is kept: a value of the wrong type is dropped and named, never the whole row.
import { z } from 'zod';
import { DEFAULT_PIPELINE_STAGES, pipelineStages, type PipelineStageInput, type PipelineStages } from '../model/pipeline-stages.ts';
import type { CompanyInput, DealInput, LineItemInput, RecordInput } from '../model/types.ts';
import { addRowNote, uniqueCompanyId, type LoadedPortfolio } from './loaded-portfolio.ts';
import { PortfolioFileError } from './portfolio-file-error.ts';

export const PortfolioFileSchema = z.union([
  z.object({
    asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}/, 'must be a date such as 2026-11-22').nullish(),
    companies: z.array(z.unknown()),
    currency: z.string().regex(/^[A-Za-z]{3}$/, 'must be a three-letter currency code such as EUR').nullish(),
    // HubSpot's pipelines API answer ({results: [...]}) or its list, for the stage probabilities.
    pipelines: z.union([z.array(z.unknown()), z.object({ results: z.array(z.unknown()) })]).nullish(),
    // Products by id, for line items that name only hs_product_id.
    products: z.array(z.unknown()).nullish(),
  }),
  // A bare array of companies, as a script might dump a page of results.
  z.array(z.unknown()).transform((companies) => ({ companies, asOf: undefined, currency: undefined, pipelines: undefined, products: undefined })),
]);

type Notes = string[];

export function readPortfolioJson(text: string, source: string): LoadedPortfolio {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new PortfolioFileError(`${source} is not valid JSON: ${(err as Error).message}`);
  }
  const parsed = PortfolioFileSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`);
    throw new PortfolioFileError(`${source} is not a portfolio ({"asOf", "companies": [...]}): ${problems.join('; ')}`);
  }
  const rowNotes = new Map<string, string[]>();
  const seen = new Set<string>();
  const products = productsById(parsed.data.products);
  const childrenOf = new Map<string, string>();
  const companies = parsed.data.companies.map((raw, i): CompanyInput => {
    const notes: Notes = [];
    const record = toRecord(raw, `row-${i + 1}`, notes);
    const id = uniqueCompanyId(seen, record.id, `${source} companies[${i}]`, rowNotes);
    const deals = dealsOf(raw, id, products, notes);
    for (const note of notes) addRowNote(rowNotes, id, note);
    const company: CompanyInput = { id, properties: record.properties, deals };
    const links = companyLinks(raw);
    const parentId = links.parent ?? nonEmpty(record.properties.hs_parent_company_id);
    if (parentId) company.parentId = parentId;
    for (const childId of links.children) childrenOf.set(childId, id);
    const contacts = isObject(raw) ? raw.contacts : undefined;
    if (Array.isArray(contacts)) company.contacts = contacts.map((c, j) => toRecord(c, `${id}-contact-${j + 1}`, notes));
    return company;
  });
  // A parent may list its children (parent_to_child_company) instead of each child naming it.
  for (const c of companies) if (!c.parentId && childrenOf.has(c.id)) c.parentId = childrenOf.get(c.id)!;
  // A file that has contacts for some companies has read them: the others have none, not unknown ones.
  if (companies.some((c) => c.contacts)) for (const c of companies) c.contacts ??= [];
  return {
    asOf: parsed.data.asOf?.slice(0, 10) ?? null, companies, rowNotes, fileNotes: [],
    stages: stagesOf(parsed.data.pipelines), currency: parsed.data.currency?.toUpperCase() ?? null,
  };
}

const nonEmpty = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' ? String(v) : null);

/**
 * HubSpot's v3 association shape, {"associations": {"companies": {"results": [{"id", "type"}]}}}:
 * the parent (type child_to_parent_company, or type id 14 in v4) and the children (parent_to_child_company, 13).
 */
function companyLinks(raw: unknown): { parent: string | null; children: string[] } {
  const out = { parent: null as string | null, children: [] as string[] };
  const assoc = isObject(raw) && isObject(raw.associations) ? raw.associations.companies : undefined;
  const results = isObject(assoc) && Array.isArray(assoc.results) ? assoc.results : Array.isArray(assoc) ? assoc : [];
  for (const r of results) {
    if (!isObject(r)) continue;
    const id = nonEmpty(r.id ?? r.toObjectId);
    const types = [r.type, r.label, ...(Array.isArray(r.associationTypes) ? r.associationTypes.flatMap((t) => (isObject(t) ? [t.typeId, t.label] : [])) : [])];
    if (!id) continue;
    if (types.some((t) => t === 'child_to_parent_company' || t === 14 || t === '14')) out.parent ??= id;
    else if (types.some((t) => t === 'parent_to_child_company' || t === 13 || t === '13')) out.children.push(id);
  }
  return out;
}

function productsById(raw: unknown[] | null | undefined): Map<string, RecordInput> {
  const map = new Map<string, RecordInput>();
  for (const [i, p] of (raw ?? []).entries()) {
    const record = toRecord(p, `product-${i + 1}`, []);
    map.set(record.id, record);
  }
  return map;
}

/** The stages of the file's pipelines (by id and label), then HubSpot's default ones for the rest. */
function stagesOf(raw: unknown[] | { results: unknown[] } | null | undefined): PipelineStages {
  const pipelines = Array.isArray(raw) ? raw : raw?.results ?? [];
  const stages: PipelineStageInput[] = [];
  for (const p of pipelines) {
    if (!isObject(p) || !Array.isArray(p.stages)) continue;
    for (const st of p.stages) {
      if (!isObject(st)) continue;
      const meta = isObject(st.metadata) ? st.metadata : {};
      stages.push({ id: nonEmpty(st.id) ?? '', label: nonEmpty(st.label), probability: (meta.probability ?? st.probability) as string | number | null | undefined });
    }
  }
  if (stages.length === 0) return DEFAULT_PIPELINE_STAGES;
  const own = pipelineStages(stages, true);
  return new Map([...DEFAULT_PIPELINE_STAGES, ...own]);
}

function dealsOf(raw: unknown, companyId: string, products: Map<string, RecordInput>, notes: Notes): DealInput[] {
  const deals = isObject(raw) ? raw.deals : undefined;
  if (deals === undefined || deals === null) return [];
  if (!Array.isArray(deals)) {
    notes.push('"deals" is not a list; scored without deals');
    return [];
  }
  return deals.map((d, j) => {
    const deal: DealInput = toRecord(d, `${companyId}-deal-${j + 1}`, notes);
    const items = isObject(d) ? (d.lineItems ?? d.line_items) : undefined;
    if (Array.isArray(items)) deal.lineItems = items.map((li, k) => lineItemOf(li, `${deal.id}-item-${k + 1}`, products, notes));
    return deal;
  });
}

/** A line item with its product: embedded as "product", or looked up by hs_product_id in the file's products. */
function lineItemOf(raw: unknown, fallbackId: string, products: Map<string, RecordInput>, notes: Notes): LineItemInput {
  const item: LineItemInput = toRecord(raw, fallbackId, notes);
  const embedded = isObject(raw) && raw.product !== undefined && raw.product !== null ? toRecord(raw.product, `${item.id}-product`, notes) : null;
  const byId = nonEmpty(item.properties.hs_product_id);
  item.product = embedded ?? (byId ? (products.get(byId) ?? null) : null);
  return item;
}

/** A record as the model wants it; `fallbackId` names one that came without an id. */
function toRecord(raw: unknown, fallbackId: string, notes: Notes): RecordInput {
  if (!isObject(raw)) {
    notes.push(`${fallbackId} is not an object; scored as empty`);
    return { id: fallbackId, properties: {} };
  }
  const id = typeof raw.id === 'string' && raw.id.trim() ? raw.id.trim() : typeof raw.id === 'number' ? String(raw.id) : null;
  if (id === null) notes.push(`a record without an id was read as ${fallbackId}`);
  const label = id ?? fallbackId;
  return { id: label, properties: toProperties(raw.properties, label, notes) };
}

function toProperties(raw: unknown, label: string, notes: Notes): Record<string, string | null> {
  if (raw === undefined || raw === null) return {};
  if (!isObject(raw)) {
    notes.push(`${label}: "properties" is not an object; ignored`);
    return {};
  }
  const properties: Record<string, string | null> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === null || typeof value === 'string') properties[name] = value;
    // Hand-written files say 5000 or true where HubSpot says "5000" or "true": same meaning.
    else if (typeof value === 'number' || typeof value === 'boolean') properties[name] = String(value);
    else notes.push(`${label}: ${name} is not a value (${Array.isArray(value) ? 'a list' : typeof value}); ignored`);
  }
  return properties;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
