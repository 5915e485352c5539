// The deals file of a HubSpot export: API-shaped deal records and the companies each belongs to.
import type { RecordInput } from '../model/types.ts';
import { DEAL_COLUMNS, resolveColumns, type ColumnSpec } from './hubspot-columns.ts';
import { normaliseDomain, normaliseProbability, probabilityColumnIsPercent } from './normalise-value.ts';
import { parseCsvTable, type CsvRow } from './parse-csv-table.ts';
import { PortfolioFileError } from './portfolio-file-error.ts';

export interface DealRow {
  deal: RecordInput;
  /** Every associated company id; a deal of two companies counts for both, as in HubSpot. */
  companyIds: string[];
  /** Import-style files: the associated company domains (normalised), used when there is no id column. */
  companyDomains: string[];
  line: number;
}

export function readDealsCsv(text: string, source: string): DealRow[] {
  const table = parseCsvTable(text, source);
  const specs = resolveColumns(table.headers, DEAL_COLUMNS);
  const idColumn = specs.findIndex((s) => s?.column.kind === 'id');
  const associationColumns = specs.flatMap((s, i) => (s?.column.kind === 'associations' ? [i] : []));
  const domainColumns = specs.flatMap((s, i) => (s?.column.kind === 'domains' ? [i] : []));
  if (associationColumns.length === 0 && domainColumns.length === 0) {
    throw new PortfolioFileError(
      `${source} has no company association column (expected "Associated Company IDs", or "Associated Company Domain" in an import file; export deals with their associated companies); its columns are: ${table.headers.join(', ')}`,
    );
  }
  const probabilityColumn = specs.findIndex((s) => s?.column.kind === 'probability');
  const percent = probabilityColumn >= 0 && probabilityColumnIsPercent(table.rows.map((r) => r.cells[probabilityColumn] ?? ''));
  return table.rows.map((row) => ({
    deal: {
      id: (idColumn >= 0 ? row.cells[idColumn] ?? '' : '').trim() || `line-${row.line}`,
      properties: dealProperties(row, specs, percent),
    },
    companyIds: companyIdsOf(row, associationColumns),
    companyDomains: [...new Set(companyIdsOf(row, domainColumns).map((d) => normaliseDomain(d) ?? d))],
    line: row.line,
  }));
}

function dealProperties(row: CsvRow, specs: (ColumnSpec | null)[], percent: boolean): Record<string, string | null> {
  const properties: Record<string, string | null> = {};
  specs.forEach((spec, i) => {
    if (!spec || properties[spec.property] != null) return;
    const cell = row.cells[i] ?? '';
    if (spec.column.kind === 'value') properties[spec.property] = spec.column.normalise(cell);
    else if (spec.column.kind === 'probability') properties[spec.property] = normaliseProbability(cell, percent);
  });
  fillClosedFromStage(properties);
  return properties;
}

/**
 * Exports without the "Is Closed Won"/"Is closed" columns still show the stage; HubSpot's default
 * closed stages say the same thing. Custom stages cannot be read that way and stay open.
 */
function fillClosedFromStage(properties: Record<string, string | null>): void {
  const stage = properties.dealstage?.toLowerCase().replace(/[\s_-]/g, '');
  if (stage !== 'closedwon' && stage !== 'closedlost') return;
  properties.hs_is_closed_won ??= stage === 'closedwon' ? 'true' : 'false';
  properties.hs_is_closed ??= 'true';
}

/** HubSpot joins several associated ids with ";" in one cell. */
function companyIdsOf(row: CsvRow, columns: number[]): string[] {
  const ids = new Set<string>();
  for (const i of columns) {
    for (const id of (row.cells[i] ?? '').split(/[;,]/)) if (id.trim()) ids.add(id.trim());
  }
  return [...ids];
}
