// `kam score`: the offline scorer. Reads a portfolio (JSON in HubSpot's API shape, or the two CSV
// files HubSpot exports), scores it with the model, and prints a summary or every figure.
import type { Command } from 'commander';
import { endOfDay } from '../model/dates.ts';
import type { Settings } from '../model/settings.ts';
import { highRevenueLowProfit } from '../model/warnings.ts';
import { loadPortfolio } from '../portfolio-files/load-portfolio.ts';
import type { LoadedPortfolio } from '../portfolio-files/loaded-portfolio.ts';
import { PortfolioFileError } from '../portfolio-files/portfolio-file-error.ts';
import { formatFiguresCsv, formatFiguresJson } from '../portfolio-files/write-figures.ts';
import { EXIT_INPUT, EXIT_USAGE, type CliIo } from './cli-io.ts';
import { formatSummary } from './format-summary.ts';
import { readSettingsFile } from './read-settings-file.ts';
import { scoreLoadedPortfolio } from './score-loaded-portfolio.ts';
import { plural } from './plural.ts';

export const SCORE_FORMATS = ['summary', 'json', 'csv'] as const;

export interface ScoreOptions {
  file?: string;
  companies?: string;
  deals?: string;
  settings?: string;
  asOf?: string;
  format?: string;
  out?: string;
}

/** A calendar date YYYY-MM-DD that exists (no 2026-02-30). */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

function fail(io: CliIo, code: number, lines: string[]): number {
  io.stderr(lines.map((l) => `${l}\n`).join(''));
  return code;
}

export async function runScore(options: ScoreOptions, io: CliIo): Promise<number> {
  const format = options.format ?? 'summary';
  if (!(SCORE_FORMATS as readonly string[]).includes(format)) {
    return fail(io, EXIT_USAGE, [`kam score: --format must be one of ${SCORE_FORMATS.join(', ')} (got "${format}")`]);
  }
  if (options.asOf !== undefined && !isCalendarDate(options.asOf)) {
    return fail(io, EXIT_USAGE, [`kam score: --as-of must be a date such as 2026-11-22 (got "${options.asOf}")`]);
  }
  const settings = await readSettingsFile(options.settings, io.readText);
  if (!settings.ok) {
    const n = settings.problems.length;
    return fail(io, EXIT_USAGE, [`kam score: ${options.settings} has ${n} problem${n === 1 ? '' : 's'}:`, ...settings.problems.map((p) => `  - ${p}`)]);
  }
  let loaded: LoadedPortfolio;
  try {
    loaded = await loadPortfolio({ file: options.file, companies: options.companies, deals: options.deals }, io.readText);
  } catch (err) {
    if (err instanceof PortfolioFileError) return fail(io, EXIT_INPUT, [`kam score: ${err.message}`]);
    throw err;
  }
  const asOf = options.asOf ?? loaded.asOf ?? io.now().toISOString().slice(0, 10);
  if (!isCalendarDate(asOf)) return fail(io, EXIT_INPUT, [`kam score: the file's asOf "${asOf}" is not a date such as 2026-11-22`]);
  const output = render(format, loaded, settings.settings, asOf, sourceName(options));
  if (options.out === undefined) {
    io.stdout(output);
    return 0;
  }
  try {
    await io.writeText(options.out, output);
  } catch (err) {
    return fail(io, EXIT_INPUT, [`kam score: cannot write ${options.out}: ${(err as Error).message}`]);
  }
  io.stdout(`Wrote the ${format} of ${plural(loaded.companies.length, 'company', 'companies')} to ${options.out}\n`);
  return 0;
}

function sourceName(options: ScoreOptions): string {
  return options.deals ? `${options.companies ?? options.file} + ${options.deals}` : (options.file ?? '');
}

function render(format: string, loaded: LoadedPortfolio, settings: Settings, asOf: string, source: string): string {
  // A deal closed any time on the asOf day counts: the model compares instants, so take the day's end.
  const result = scoreLoadedPortfolio(loaded, settings, new Date(endOfDay(new Date(`${asOf}T00:00:00Z`))));
  if (format === 'csv') return formatFiguresCsv(result.accounts);
  if (format === 'json') return formatFiguresJson(result, { asOf, source, fileNotes: loaded.fileNotes });
  return formatSummary({
    result, settings, source, asOf, fileNotes: loaded.fileNotes,
    highRevenueLowProfit: highRevenueLowProfit(result.accounts, settings),
  });
}

export function registerScoreCommand(program: Command, io: CliIo): void {
  program
    .command('score')
    .description('score a portfolio offline and print a summary, or every figure as JSON or CSV')
    .argument('[file]', 'portfolio JSON in HubSpot API shape (or the companies CSV, with --deals)')
    .option('--companies <file>', "HubSpot's companies export (CSV)")
    .option('--deals <file>', "HubSpot's deals export (CSV) with the associated company IDs")
    .option('--settings <file>', 'model settings (JSON); every problem is listed, exit code 2')
    .option('--as-of <date>', "score as of this day, YYYY-MM-DD (default: the file's asOf, else today)")
    .option('--format <format>', `${SCORE_FORMATS.join('|')}`, 'summary')
    .option('--out <file>', 'write to this file instead of the terminal')
    .action(async (file: string | undefined, opts: Omit<ScoreOptions, 'file'>) => {
      io.setExitCode(await runScore({ ...opts, file }, io));
    });
}
