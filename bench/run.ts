// `npm run bench -- [names…] [--flags]`: runs bench/<name>.bench.ts (all of them when no name is
// given), prints one table and writes bench/results/<result name>.json so two runs can be compared.
// Flags are left in process.argv for the benches (`tenants --quick`).
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, platform } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Bench, BenchResult } from './bench-result.ts';

const SUFFIX = '.bench.ts';

export function availableBenches(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith(SUFFIX)).map((f) => f.slice(0, -SUFFIX.length)).sort();
}

/** 1234567.891 → "1,234,568"; 12.345 → "12.35"; small numbers keep two decimals. */
export function formatValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const digits = Math.abs(value) >= 1000 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return value.toLocaleString('en-US', { minimumFractionDigits: 0, maximumFractionDigits: digits });
}

export function formatResults(results: readonly BenchResult[]): string {
  const header = ['bench', 'figure', 'value', 'unit', 'baseline', 'goal'];
  const rows = results.flatMap((r) =>
    r.rows.map((row) => [r.name, row.figure, formatValue(row.value), row.unit, row.baseline === undefined ? '' : formatValue(row.baseline), row.goal ?? '']),
  );
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const right = new Set([2, 4]);
  const line = (cells: string[]): string =>
    cells.map((c, i) => (right.has(i) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

async function runOne(dir: string, name: string): Promise<BenchResult> {
  const module = (await import(pathToFileURL(join(dir, `${name}${SUFFIX}`)).href)) as { default: Bench };
  return module.default();
}

async function main(): Promise<void> {
  const dir = dirname(fileURLToPath(import.meta.url));
  const available = availableBenches(dir);
  const names = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const unknown = names.filter((n) => !available.includes(n));
  if (unknown.length) {
    console.error(`unknown bench: ${unknown.join(', ')}; available: ${available.join(', ')}`);
    process.exitCode = 2;
    return;
  }
  const results: BenchResult[] = [];
  const resultsDir = join(dir, 'results');
  mkdirSync(resultsDir, { recursive: true });
  for (const name of names.length ? names : available) {
    console.error(`running ${name}…`);
    try {
      const result = await runOne(dir, name);
      results.push(result);
      const meta = { ranAt: new Date().toISOString(), node: process.version, platform: platform(), cpu: cpus()[0]?.model ?? 'unknown' };
      writeFileSync(join(resultsDir, `${result.name}.json`), `${JSON.stringify({ ...result, ...meta }, null, 2)}\n`);
    } catch (err) {
      console.error(`${name} failed: ${(err as Error).stack ?? String(err)}`);
      process.exitCode = 1;
    }
  }
  console.log(formatResults(results));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
