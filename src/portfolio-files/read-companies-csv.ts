// The companies file of a HubSpot export, as API-shaped company records (deals are joined later).
import type { CompanyInput } from '../model/types.ts';
import { COMPANY_COLUMNS, resolveColumns } from './hubspot-columns.ts';
import { addRowNote, uniqueCompanyId } from './loaded-portfolio.ts';
import { parseCsvTable } from './parse-csv-table.ts';
import { PortfolioFileError } from './portfolio-file-error.ts';

export interface CompaniesCsv {
  companies: CompanyInput[];
  rowNotes: Map<string, string[]>;
}

export function readCompaniesCsv(text: string, source: string): CompaniesCsv {
  const table = parseCsvTable(text, source);
  const specs = resolveColumns(table.headers, COMPANY_COLUMNS);
  const idColumn = specs.findIndex((s) => s?.column.kind === 'id');
  if (idColumn < 0) {
    throw new PortfolioFileError(
      `${source} has no company id column (expected "Record ID" or "hs_object_id"); its columns are: ${table.headers.join(', ')}`,
    );
  }
  const companies: CompanyInput[] = [];
  const parents = new Map<string, string>();
  const rowNotes = new Map<string, string[]>();
  const seen = new Set<string>();
  for (const row of table.rows) {
    const where = `${source} line ${row.line}`;
    const rawId = (row.cells[idColumn] ?? '').trim();
    const id = uniqueCompanyId(seen, rawId || `line-${row.line}`, where, rowNotes);
    if (!rawId) addRowNote(rowNotes, id, `no company id (${where}); scored as ${id}, without deals`);
    const properties: Record<string, string | null> = {};
    let parent: string | null = null;
    specs.forEach((spec, i) => {
      // Two columns for one property (label and internal name): the first non-empty one wins.
      if (spec?.column.kind === 'value' && properties[spec.property] == null) {
        properties[spec.property] = spec.column.normalise(row.cells[i] ?? '');
      }
      if (spec?.column.kind === 'parent') parent ??= (row.cells[i] ?? '').trim() || null;
    });
    companies.push({ id, properties, deals: [] });
    if (parent) parents.set(id, parent);
  }
  resolveParents(companies, parents, rowNotes, source);
  return { companies, rowNotes };
}

/**
 * The parent of each company: a company id of the file, else (HubSpot's "Parent Company" shows the
 * name) the one company of that name. An unknown or ambiguous parent is named, and the company
 * scored as the top of its own group.
 */
function resolveParents(companies: CompanyInput[], parents: Map<string, string>, rowNotes: Map<string, string[]>, source: string): void {
  if (parents.size === 0) return;
  const ids = new Set(companies.map((c) => c.id));
  const byName = new Map<string, string[]>();
  for (const c of companies) {
    const name = c.properties.name?.trim().toLowerCase();
    if (name) byName.set(name, [...(byName.get(name) ?? []), c.id]);
  }
  for (const c of companies) {
    const parent = parents.get(c.id);
    if (!parent) continue;
    const named = byName.get(parent.toLowerCase()) ?? [];
    if (ids.has(parent)) c.parentId = parent;
    else if (named.length === 1) c.parentId = named[0]!;
    else addRowNote(rowNotes, c.id, named.length > 1 ? `parent company '${parent}' names ${named.length} companies of ${source}; scored as the top of its own group` : `parent company '${parent}' is not in ${source}; scored as the top of its own group`);
  }
}
