// A portfolio file in HubSpot's API shape (scoring-model.md §2). The outer shape must hold; inside
// it every record is kept: a value of the wrong type is dropped and named, never the whole row.
import { z } from 'zod';
import type { CompanyInput, RecordInput } from '../model/types.ts';
import { addRowNote, uniqueCompanyId, type LoadedPortfolio } from './loaded-portfolio.ts';
import { PortfolioFileError } from './portfolio-file-error.ts';

export const PortfolioFileSchema = z.union([
  z.object({
    asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}/, 'must be a date such as 2026-11-22').nullish(),
    companies: z.array(z.unknown()),
  }),
  // A bare array of companies, as a script might dump a page of results.
  z.array(z.unknown()).transform((companies) => ({ companies, asOf: undefined })),
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
  const companies = parsed.data.companies.map((raw, i): CompanyInput => {
    const notes: Notes = [];
    const record = toRecord(raw, `row-${i + 1}`, notes);
    const id = uniqueCompanyId(seen, record.id, `${source} companies[${i}]`, rowNotes);
    const deals = dealsOf(raw, id, notes);
    for (const note of notes) addRowNote(rowNotes, id, note);
    return { id, properties: record.properties, deals };
  });
  return { asOf: parsed.data.asOf?.slice(0, 10) ?? null, companies, rowNotes, fileNotes: [] };
}

function dealsOf(raw: unknown, companyId: string, notes: Notes): RecordInput[] {
  const deals = isObject(raw) ? raw.deals : undefined;
  if (deals === undefined || deals === null) return [];
  if (!Array.isArray(deals)) {
    notes.push('"deals" is not a list; scored without deals');
    return [];
  }
  return deals.map((d, j) => toRecord(d, `${companyId}-deal-${j + 1}`, notes));
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
