// P1 (quality.md): the scoring engine's companies per second on one core and its peak memory, for
// 10,000 and 100,000 generated companies with 5 deals each.
//
// Each size runs in a fresh child process, so its peak RSS is its own. The streamed run is the
// shape of the full portfolio pass: companies come from the generator a page at a time and are
// never held; pass 1 scores them and keeps only the compact portfolio entries (what rank, tiers and
// key capacity need), pass 2 scores them again and finalizes each one against the portfolio. The
// baseline holds the whole portfolio in memory and calls scorePortfolio.
// Only the model's own work is timed: each page is generated first, then scored.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { finalizeAccount } from '../src/model/finalize-account.ts';
import { buildPortfolio, portfolioEntry, type PortfolioEntry } from '../src/model/portfolio.ts';
import { scoreCompany } from '../src/model/score-company.ts';
import { scorePortfolio } from '../src/model/score-portfolio.ts';
import { DEFAULT_SETTINGS } from '../src/model/settings.ts';
import type { CompanyInput } from '../src/model/types.ts';
import { generatePortfolio } from '../src/sandbox/generate-portfolio.ts';
import type { BenchResult, BenchRow } from './bench-result.ts';

const SIZES = [10_000, 100_000];
const PAGE = 1000;
const AS_OF = new Date('2026-11-22T23:59:59.999Z');
const MB = 1024 * 1024;

interface Measurement {
  companies: number;
  deals: number;
  /** Both passes and the portfolio build (streamed), or scorePortfolio (held). */
  modelSeconds: number;
  /** Streamed only: pass 1, scoreCompany alone. */
  scoreSeconds: number;
  peakRssMb: number;
  peakHeapMb: number;
  /** Peak heap still reachable after a forced GC: what the run holds, not what it left to collect. */
  peakRetainedMb: number;
}

const options = (count: number) => ({ count, asOf: AS_OF, seed: 7, dealsPerCompany: 5 });

/** Pages from the generator: only one page of companies exists at a time. */
function* pages(count: number): Generator<CompanyInput[]> {
  let page: CompanyInput[] = [];
  for (const company of generatePortfolio(options(count))) {
    page.push(company);
    if (page.length === PAGE) {
      yield page;
      page = [];
    }
  }
  if (page.length) yield page;
}

/** Peaks of heapUsed (every page) and of the heap left after a full GC (every tenth page). */
function memorySampler(): { sample: () => void; retained: () => void; peaks: () => { peakHeapMb: number; peakRetainedMb: number } } {
  let peakHeap = 0;
  let peakRetained = 0;
  let calls = 0;
  const gc = (globalThis as { gc?: () => void }).gc;
  const retained = (): void => {
    gc?.();
    peakRetained = Math.max(peakRetained, process.memoryUsage().heapUsed);
  };
  return {
    sample: () => {
      peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
      if (++calls % 10 === 0) retained();
    },
    retained,
    peaks: () => ({ peakHeapMb: peakHeap / MB, peakRetainedMb: peakRetained / MB }),
  };
}

const seconds = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e9;
/** maxRSS is the process's peak resident set in KiB (Node ≥ 12.6). */
const peakRssMb = (): number => (process.resourceUsage().maxRSS * 1024) / MB;

function measureStreamed(count: number): Measurement {
  const memory = memorySampler();
  const entries: PortfolioEntry[] = [];
  let model = 0;
  let deals = 0;
  for (const page of pages(count)) {
    const start = process.hrtime.bigint();
    for (const company of page) entries.push(portfolioEntry(scoreCompany(company, DEFAULT_SETTINGS, AS_OF)));
    model += seconds(start);
    for (const company of page) deals += company.deals?.length ?? 0;
    memory.sample();
  }
  const scoreSeconds = model;
  memory.retained();
  let start = process.hrtime.bigint();
  const portfolio = buildPortfolio(entries, DEFAULT_SETTINGS);
  model += seconds(start);
  let keys = 0;
  for (const page of pages(count)) {
    start = process.hrtime.bigint();
    for (const company of page) {
      const score = scoreCompany(company, DEFAULT_SETTINGS, AS_OF);
      if (finalizeAccount(score, portfolio.contextFor(score.companyId), DEFAULT_SETTINGS).isKeyAccount) keys++;
    }
    model += seconds(start);
    memory.sample();
  }
  memory.retained();
  if (keys > DEFAULT_SETTINGS.keyAccountCapacity) throw new Error('more key accounts than the capacity');
  return { companies: count, deals, modelSeconds: model, scoreSeconds, peakRssMb: peakRssMb(), ...memory.peaks() };
}

function measureHeld(count: number): Measurement {
  const memory = memorySampler();
  const companies = [...generatePortfolio(options(count))];
  memory.retained();
  const start = process.hrtime.bigint();
  const result = scorePortfolio(companies, DEFAULT_SETTINGS, AS_OF);
  const model = seconds(start);
  memory.sample();
  memory.retained();
  const deals = companies.reduce((n, c) => n + (c.deals?.length ?? 0), 0);
  if (result.accounts.length !== count) throw new Error('lost companies');
  return { companies: count, deals, modelSeconds: model, scoreSeconds: NaN, peakRssMb: peakRssMb(), ...memory.peaks() };
}

/** Runs one measurement in a fresh Node with the same loader (tsx), so peaks do not mix. */
function inChild(mode: 'streamed' | 'held', count: number): Measurement {
  const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), mode, String(count)], {
    encoding: 'utf8',
    maxBuffer: 1024 * 1024,
  });
  if (child.status !== 0) throw new Error(`model bench child (${mode} ${count}) failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as Measurement;
}

const label = (count: number): string => `${count / 1000}k`;

export default async function modelBench(): Promise<BenchResult> {
  const rows: BenchRow[] = [];
  for (const count of SIZES) {
    const streamed = inChild('streamed', count);
    const held = inChild('held', count);
    // The streamed pass scores every company twice (once to rank, once to finalize); the rate
    // counts each company once, so it is the rate of a whole portfolio pass.
    const deals = (streamed.deals / count).toFixed(1);
    rows.push(
      { figure: `${label(count)} companies (${deals} deals each): full pass, streamed`, value: count / streamed.modelSeconds, unit: 'companies/s', baseline: count / held.modelSeconds, goal: '≥ 200,000 /s' },
      { figure: `${label(count)} companies: scoreCompany alone`, value: count / streamed.scoreSeconds, unit: 'companies/s' },
      { figure: `${label(count)} companies: peak RSS, streamed`, value: streamed.peakRssMb, unit: 'MB', baseline: held.peakRssMb, goal: 'flat as the portfolio grows' },
      { figure: `${label(count)} companies: peak heap used, streamed`, value: streamed.peakHeapMb, unit: 'MB', baseline: held.peakHeapMb },
      { figure: `${label(count)} companies: peak heap after GC, streamed`, value: streamed.peakRetainedMb, unit: 'MB', baseline: held.peakRetainedMb },
    );
  }
  return { name: 'model', rows };
}

const [, script, mode, count] = process.argv;
if (script === fileURLToPath(import.meta.url) && (mode === 'streamed' || mode === 'held')) {
  const measured = mode === 'streamed' ? measureStreamed(Number(count)) : measureHeld(Number(count));
  process.stdout.write(`${JSON.stringify(measured)}\n`);
}
