// P1 (quality.md): the scoring engine's companies per second on one core and its peak memory, for
// 10,000 and 100,000 generated companies with 5 deals each.
//
// Each size runs in a fresh child process, so its peak RSS is its own. The streamed run is the
// shape of the full portfolio pass: companies come from the generator a page at a time and are
// never held; pass 1 scores them and keeps only the compact portfolio entries (what rank, tiers and
// key capacity need), pass 2 scores them again and finalizes each one against the portfolio. The
// baseline holds the whole portfolio in memory and calls scorePortfolio.
// Only the model's own work is timed: each page is generated first, then scored. A page reaches
// the model as it reaches it in the app: records in HubSpot's batch-read shape (every requested
// property present, null when unset, keys in HubSpot's order), parsed from JSON text.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { finalizeAccount } from '../src/model/finalize-account.ts';
import { buildPortfolio, portfolioEntry, type PortfolioEntry } from '../src/model/portfolio.ts';
import { scoreCompany } from '../src/model/score-company.ts';
import { scorePortfolio } from '../src/model/score-portfolio.ts';
import { DEFAULT_SETTINGS } from '../src/model/settings.ts';
import type { CompanyInput } from '../src/model/types.ts';
import { COMPANY_INPUT_PROPERTY_NAMES, DEAL_INPUT_PROPERTY_NAMES } from '../src/model/properties.ts';
import { generatePortfolio } from '../src/sandbox/generate-portfolio.ts';
import { alwaysReturned, toPublicObject } from '../src/sandbox/record-view.ts';
import type { ObjectType } from '../src/sandbox/sandbox-types.ts';
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
  /** Streamed only: buildPortfolio (thresholds, ranks, key places). */
  rankSeconds: number;
  /** Streamed only: pass 2, scoreCompany + finalizeAccount (every figure and the explanation). */
  finalSeconds: number;
  peakRssMb: number;
  peakHeapMb: number;
  /** Peak heap still reachable after a forced GC: what the run holds, not what it left to collect. */
  peakRetainedMb: number;
}

const options = (count: number) => ({ count, asOf: AS_OF, seed: 7, dealsPerCompany: 5 });

const requested = (type: ObjectType, names: readonly string[]): string[] => [...new Set([...names, ...alwaysReturned(type)])].sort();
const COMPANY_NAMES = requested('companies', COMPANY_INPUT_PROPERTY_NAMES);
const DEAL_NAMES = requested('deals', DEAL_INPUT_PROPERTY_NAMES);
const STAMP = AS_OF.toISOString();

/** A generated record as HubSpot's API returns it (the sandbox's view of a stored record). */
function asReturned(type: ObjectType, record: { id: string; properties: Record<string, string | null | undefined> }, names: readonly string[]): Record<string, unknown> {
  const properties: Record<string, string> = {};
  for (const [k, v] of Object.entries(record.properties)) if (typeof v === 'string') properties[k] = v;
  return toPublicObject(type, { id: record.id, properties, createdAt: STAMP, updatedAt: STAMP }, names);
}

/** Pages from the generator: only one page of companies exists at a time. */
function* pages(count: number): Generator<CompanyInput[]> {
  let page: Record<string, unknown>[] = [];
  const flush = (): CompanyInput[] => JSON.parse(JSON.stringify(page)) as CompanyInput[];
  for (const company of generatePortfolio(options(count))) {
    page.push({ ...asReturned('companies', company, COMPANY_NAMES), deals: (company.deals ?? []).map((d) => asReturned('deals', d, DEAL_NAMES)) });
    if (page.length === PAGE) {
      yield flush();
      page = [];
    }
  }
  if (page.length) yield flush();
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

// The generator and the JSON round trip leave garbage; a minor collection before each timed page
// keeps the model from being charged for collecting it. The model's own garbage is still collected
// (and timed) while it runs.
const gc = (globalThis as { gc?: (options?: { type: 'minor' | 'major'; execution: 'sync' }) => void }).gc;
const collectYoung = (): void => gc?.({ type: 'minor', execution: 'sync' });

const seconds = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e9;
/** maxRSS is the process's peak resident set in KiB (Node ≥ 12.6). */
const peakRssMb = (): number => (process.resourceUsage().maxRSS * 1024) / MB;

function measureStreamed(count: number): Measurement {
  const memory = memorySampler();
  const entries: PortfolioEntry[] = [];
  let model = 0;
  let deals = 0;
  for (const page of pages(count)) {
    collectYoung();
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
  const rankSeconds = seconds(start);
  model += rankSeconds;
  let keys = 0;
  for (const page of pages(count)) {
    collectYoung();
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
  const finalSeconds = model - scoreSeconds - rankSeconds;
  return { companies: count, deals, modelSeconds: model, scoreSeconds, rankSeconds, finalSeconds, peakRssMb: peakRssMb(), ...memory.peaks() };
}

function measureHeld(count: number): Measurement {
  const memory = memorySampler();
  const companies = [...pages(count)].flat();
  memory.retained();
  collectYoung();
  const start = process.hrtime.bigint();
  const result = scorePortfolio(companies, DEFAULT_SETTINGS, AS_OF);
  const model = seconds(start);
  memory.sample();
  memory.retained();
  const deals = companies.reduce((n, c) => n + (c.deals?.length ?? 0), 0);
  if (result.accounts.length !== count) throw new Error('lost companies');
  return { companies: count, deals, modelSeconds: model, scoreSeconds: NaN, rankSeconds: NaN, finalSeconds: NaN, peakRssMb: peakRssMb(), ...memory.peaks() };
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
