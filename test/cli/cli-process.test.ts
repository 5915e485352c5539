// The real `kam` program in a child process, as a user runs it (`npx tsx src/cli.ts …`).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');
const dir = mkdtempSync(join(tmpdir(), 'kam-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function kam(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(TSX, ['src/cli.ts', ...args], { cwd: process.cwd(), maxBuffer: 20 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

describe('kam score (child process)', () => {
  it('when run on the example portfolio, then it prints the summary', async () => {
    const { code, stdout, stderr } = await kam('score', 'examples/portfolio.json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('Portfolio examples/portfolio.json: 300 companies, as of 2026-11-22');
    expect(stdout).toMatch(/Key accounts: \d+ of 25 places used; /);
    expect(stdout).toMatch(/High revenue, low profit: \d+ accounts/);
    expect(stdout).toMatch(/Flagged for bad data: \d+ companies/);
  });

  it('when asked for JSON, then stdout is one JSON document with all 300 companies', async () => {
    const { code, stdout } = await kam('score', 'examples/portfolio.json', '--format', 'json');
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.accounts).toHaveLength(300);
    expect(json.asOf).toBe('2026-11-22');
  });

  it('when asked for CSV of the HubSpot exports into a file, then the file has a row per company', async () => {
    const out = join(dir, 'figures.csv');
    const { code, stdout } = await kam('score', '--companies', 'examples/companies.csv', '--deals', 'examples/deals.csv', '--as-of', '2026-11-22', '--format', 'csv', '--out', out);
    expect(code).toBe(0);
    expect(stdout).toBe(`Wrote the csv of 300 companies to ${out}\n`);
    const { readFileSync } = await import('node:fs');
    const rows = parse(readFileSync(out, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(300);
    expect(rows[0]?.priorityRank).toBe('1');
  });

  it('when the settings are bad, then every problem is on stderr, stdout is empty and the exit code is 2', async () => {
    const settings = join(dir, 'bad-settings.json');
    writeFileSync(settings, JSON.stringify({ profitTarget: 'lots', lifetimeValue: { retention: 2 }, tiers: { platinumPct: 60, goldPct: 30, silverPct: 30 } }));
    const { code, stdout, stderr } = await kam('score', 'examples/portfolio.json', '--settings', settings);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    const [head, ...problems] = stderr.trimEnd().split('\n');
    expect(head).toBe(`kam score: ${settings} has 3 problems:`);
    expect(problems.sort()).toEqual([
      expect.stringMatching(/^ {2}- lifetimeValue\.retention: /),
      expect.stringMatching(/^ {2}- profitTarget: /),
      '  - tiers: tier shares add up to more than 100 %',
    ]);
  });

  it('when the input cannot be read, then it says which file and why, with a non-zero exit', async () => {
    const { code, stdout, stderr } = await kam('score', join(dir, 'nothing-here.json'));
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(`kam score: cannot read ${join(dir, 'nothing-here.json')}: no such file\n`);
  });
});
