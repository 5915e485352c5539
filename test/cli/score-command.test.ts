import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { runScore } from '../../src/cli/score-command.ts';
import { fakeIo } from './fake-io.ts';
import { CAPACITY_2, SMALL_PORTFOLIO, SMALL_PORTFOLIO_JSON } from './portfolio-fixture.ts';

const files = { 'p.json': SMALL_PORTFOLIO_JSON, 'cap2.json': CAPACITY_2 };

describe('kam score (in-process)', () => {
  it('when asked for the summary, then it shows the splits, the key list with its capacity line, the thin-profit list and the bad rows', async () => {
    const run = fakeIo(files);
    expect(await runScore({ file: 'p.json', settings: 'cap2.json' }, run.io)).toBe(0);
    const out = run.stdout();
    expect(out).toContain('Portfolio p.json: 7 companies, as of 2026-11-22');
    expect(out).toMatch(/^ {2}target +1 +14\.3 %$/m);
    expect(out).toMatch(/^ {2}lost +1 +14\.3 %$/m);
    expect(out).toMatch(/^ {2}key +2 +28\.6 %$/m);
    expect(out).toContain('Key accounts: 2 of 2 places used; 1 eligible account waiting');
    expect(out).toMatch(/^ +1 +Alpha Large +[\d,]+ +[\d,]+ +dedicated\s*$/m);
    expect(out).toMatch(/Gamma Strategic .* strategic$/m);
    expect(out).toMatch(/Next in line: Beta Large \(rank 2\)/);
    expect(out).toMatch(/High revenue, low profit: \d+ accounts?\n.*\n +\d+ +Eta Thin +400,000 +30 % +-168,000/);
    expect(out).toContain('Flagged for bad data: 1 company (scored with the bad values left out)');
    expect(out).toContain("6 Zeta Bad Data: deal 62 amount '1e30' is implausibly large");
    expect(run.stderr()).toBe('');
  });

  it('when asked for JSON, then every company comes with every figure and the portfolio figures', async () => {
    const run = fakeIo(files);
    expect(await runScore({ file: 'p.json', settings: 'cap2.json', format: 'json' }, run.io)).toBe(0);
    const json = JSON.parse(run.stdout());
    expect(json).toMatchObject({ asOf: '2026-11-22', source: 'p.json', keyAccountCapacity: 2, keyCount: 2, eligibleCount: 3, waitingCount: 1 });
    expect(json.accounts.map((a: { companyId: string }) => a.companyId).sort()).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    const byId = Object.fromEntries(json.accounts.map((a: { companyId: string }) => [a.companyId, a]));
    expect(byId['2']).toMatchObject({ category: 'normal', waitingForKeyPlace: true });
    expect(byId['3']).toMatchObject({ category: 'key', isKeyAccount: true, strategic: true });
  });

  it('when asked for CSV into a file, then the file holds one row per company and the terminal says where it went', async () => {
    const run = fakeIo(files);
    expect(await runScore({ file: 'p.json', format: 'csv', out: 'out.csv' }, run.io)).toBe(0);
    const rows = parse(run.written['out.csv'] ?? '', { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(7);
    expect(rows[0]?.companyId).toBe('1');
    expect(run.stdout()).toBe('Wrote the csv of 7 companies to out.csv\n');
  });

  it('when the settings are bad, then every problem is listed at once, exit code 2, and nothing else happens', async () => {
    const run = fakeIo({ 'bad.json': JSON.stringify({ profitTarget: -5, keyAccountCapacity: 'many', bogus: 1 }) });
    expect(await runScore({ file: 'missing.json', settings: 'bad.json' }, run.io)).toBe(2);
    const lines = run.stderr().trimEnd().split('\n');
    expect(lines[0]).toBe('kam score: bad.json has 3 problems:');
    expect(lines.slice(1).join('\n')).toMatch(/- profitTarget: .*\n {2}- keyAccountCapacity: .*\n {2}- \(settings\): .*bogus/);
    expect(run.stdout()).toBe('');
    expect(run.reads).toEqual(['bad.json']);
  });

  it.each([
    [{ 'bad.json': '{ "profitTarget": ' }, /^kam score: bad\.json has 1 problem:\n {2}- bad\.json is not valid JSON/],
    [{}, /^kam score: bad\.json has 1 problem:\n {2}- cannot read bad\.json: no such file/],
  ])('when the settings file is unreadable (%j), then it says so with exit code 2', async (settingsFiles, message) => {
    const run = fakeIo({ ...settingsFiles, 'p.json': SMALL_PORTFOLIO_JSON });
    expect(await runScore({ file: 'p.json', settings: 'bad.json' }, run.io)).toBe(2);
    expect(run.stderr()).toMatch(message);
    expect(run.stdout()).toBe('');
  });

  it.each([
    [{ file: 'p.json', asOf: '22.11.2026' }, 2, /--as-of must be a date such as 2026-11-22 \(got "22\.11\.2026"\)/],
    [{ file: 'p.json', asOf: '2026-02-30' }, 2, /--as-of must be a date/],
    [{ file: 'p.json', format: 'xml' }, 2, /--format must be one of summary, json, csv \(got "xml"\)/],
    [{ file: 'nope.json' }, 1, /^kam score: cannot read nope\.json: no such file\n$/],
    [{ file: 'p.json', out: '/readonly/x.txt' }, 1, /cannot write \/readonly\/x\.txt/],
  ])('when run with %j, then it exits %i with a clear message', async (options, code, message) => {
    const run = fakeIo(files);
    expect(await runScore(options, run.io)).toBe(code);
    expect(run.stderr()).toMatch(message);
    expect(run.stdout()).toBe('');
  });

  it("when --as-of is given, then it overrides the file's date; without either, today is used", async () => {
    const later = fakeIo(files);
    await runScore({ file: 'p.json', asOf: '2029-01-01', format: 'json' }, later.io);
    const laterJson = JSON.parse(later.stdout());
    expect(laterJson.asOf).toBe('2029-01-01');
    expect(laterJson.accounts.filter((a: { category: string }) => a.category === 'lost')).toHaveLength(6);

    const undated = fakeIo({ 'p.json': JSON.stringify({ companies: SMALL_PORTFOLIO.companies }) });
    await runScore({ file: 'p.json' }, undated.io);
    expect(undated.stdout()).toContain('as of 2030-01-15');
  });

  it('when a deal closes on the asOf day itself, then it counts (the day is scored to its end)', async () => {
    const portfolio = { asOf: '2026-11-22', companies: [{ id: '1', properties: {}, deals: [{ id: 'd', properties: { amount: '1000', closedate: '2026-11-22T18:00:00Z', hs_is_closed_won: 'true', hs_is_closed: 'true' } }] }] };
    const run = fakeIo({ 'p.json': JSON.stringify(portfolio) });
    await runScore({ file: 'p.json', format: 'json' }, run.io);
    expect(JSON.parse(run.stdout()).accounts[0]).toMatchObject({ wonTTM: 1000, category: 'normal' });
  });

  it('when the reader had to repair a row, then the row is flagged and its explanation says why', async () => {
    const portfolio = { companies: [{ id: '1', properties: { name: 'One' } }, { id: '1', properties: { name: 'Copy' } }] };
    const run = fakeIo({ 'p.json': JSON.stringify(portfolio) });
    await runScore({ file: 'p.json', format: 'json' }, run.io);
    const copy = JSON.parse(run.stdout()).accounts.find((a: { companyId: string }) => a.companyId === '1~2');
    expect(copy.notes).toEqual(['duplicate company id 1 (p.json companies[1]); scored separately as 1~2']);
    expect(copy.explanation).toContain('duplicate company id 1');
  });

  it('when the CSV exports hold deals for unknown companies, then the summary shows the file note', async () => {
    const run = fakeIo({
      'c.csv': 'Record ID,Company name\n1,Acme\n',
      'd.csv': 'Record ID,Amount,Close Date,Is Closed Won,Is closed,Associated Company IDs\n10,5000,2026-05-01,Yes,Yes,1\n11,10,2026-05-01,Yes,Yes,42\n',
    });
    expect(await runScore({ companies: 'c.csv', deals: 'd.csv', asOf: '2026-11-22' }, run.io)).toBe(0);
    expect(run.stdout()).toContain('Portfolio c.csv + d.csv: 1 company, as of 2026-11-22');
    expect(run.stdout()).toContain('File: 1 deal(s) name 1 company id(s) missing from c.csv (42)');
  });
});
