// Plain-text tables for the terminal: columns padded to their widest cell, numbers to the right.
// Cells lose terminal control sequences (R14): a company name must not drive the terminal.
import { terminalText } from './terminal-text.ts';

export type Align = 'left' | 'right';

export interface Column {
  header: string;
  align?: Align;
  /** Cells longer than this are cut with an ellipsis so one long name cannot break the layout. */
  max?: number;
}

const fit = (text: string, max: number | undefined): string => (max !== undefined && text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function formatTable(columns: readonly Column[], rows: readonly (readonly string[])[], indent = '  '): string[] {
  const cells = rows.map((row) => columns.map((c, i) => fit(terminalText(row[i] ?? ''), c.max)));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((r) => r[i]?.length ?? 0)));
  const line = (values: readonly string[]): string =>
    indent +
    values
      .map((v, i) => (columns[i]?.align === 'right' ? v.padStart(widths[i] ?? 0) : v.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.header)), ...cells.map(line)];
}
