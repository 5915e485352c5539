// A CSV file as a header and rows that remember their line, for messages a person can act on.
import { parse } from 'csv-parse/sync';
import { PortfolioFileError } from './portfolio-file-error.ts';

export interface CsvRow {
  /** 1-based line in the file where the row starts (the header is line 1). */
  line: number;
  cells: string[];
}

export interface CsvTable {
  headers: string[];
  rows: CsvRow[];
}

/**
 * Exports use a comma, but portals in comma-decimal locales export with a semicolon: pick the one
 * the header line uses most (outside quotes).
 */
export function detectDelimiter(text: string): string {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const unquoted = firstLine.replace(/"[^"]*"/g, '');
  const counts = [',', ';', '\t'].map((d) => [d, unquoted.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0] && counts[0][1] > 0 ? counts[0][0] : ',';
}

type CsvRecord = { record: string[]; info: { lines: number } };

export function parseCsvTable(text: string, source: string): CsvTable {
  let records: CsvRecord[];
  try {
    // With `info: true` csv-parse returns {record, info} objects; its typings only know string[][].
    records = parse(text, {
      bom: true,
      delimiter: detectDelimiter(text),
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
    }) as unknown as CsvRecord[];
  } catch (err) {
    throw new PortfolioFileError(`${source} is not a readable CSV file: ${(err as Error).message}`);
  }
  const [header, ...body] = records;
  if (!header) throw new PortfolioFileError(`${source} is empty: expected a header row`);
  // csv-parse reports the line where a record ends; a quoted cell may span lines, so count back.
  const rows = body.map(({ record, info }) => ({ line: info.lines - newlinesIn(record), cells: record }));
  return { headers: header.record, rows };
}

function newlinesIn(cells: string[]): number {
  let n = 0;
  for (const cell of cells) for (const ch of cell) if (ch === '\n') n++;
  return n;
}
