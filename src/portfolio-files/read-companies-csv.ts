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
  const rowNotes = new Map<string, string[]>();
  const seen = new Set<string>();
  for (const row of table.rows) {
    const where = `${source} line ${row.line}`;
    const rawId = (row.cells[idColumn] ?? '').trim();
    const id = uniqueCompanyId(seen, rawId || `line-${row.line}`, where, rowNotes);
    if (!rawId) addRowNote(rowNotes, id, `no company id (${where}); scored as ${id}, without deals`);
    const properties: Record<string, string | null> = {};
    specs.forEach((spec, i) => {
      // Two columns for one property (label and internal name): the first non-empty one wins.
      if (spec?.column.kind === 'value' && properties[spec.property] == null) {
        properties[spec.property] = spec.column.normalise(row.cells[i] ?? '');
      }
    });
    companies.push({ id, properties, deals: [] });
  }
  return { companies, rowNotes };
}
