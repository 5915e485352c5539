// P1 (quality.md): the scoring engine's companies per second on one core and its peak memory, for
// 10,000 and 100,000 generated companies with 5 deals each.
//
// Each size runs in a fresh child process, so its peak RSS is its own. The portfolio is generated
// first and written as pages of JSON in HubSpot's batch-read shape (every requested property
// present, null when unset, keys in HubSpot's order) to a temporary file; nothing is timed until
// then. The streamed run is the shape of the full portfolio pass: pages are read and parsed one at
// a time and never held; pass 1 scores the companies and keeps only the compact portfolio entries
// (what rank, tiers and key capacity need), pass 2 scores them again and finalizes each one against
// the portfolio. Only the model's own work is timed, not reading or parsing a page. The streamed
// pass runs several times in its process and the warm ones are the measurement (the worker is a
// long-running process); the first is reported apart, and it is also the pass that measures memory
// (forcing a full collection every ten pages, which would disturb the timing of the warm passes).
// The baseline holds the whole portfolio in memory and calls scorePortfolio.
//
// P1 is a ratio, so that it does not move with the machine: the engine's rate beside the rate of
// JSON.parse of the same companies' JSON text (each with its deals, the pages pass 2 reads), timed
// in the same passes: receiving a company costs at least its parse, and the model must cost at
// most half of that (engine ÷ parse ≥ 2).
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { finalizeAccount } from '../src/model/finalize-account.ts';
import { buildPortfolio, portfolioEntry, type Portfolio, type PortfolioEntry } from '../src/model/portfolio.ts';
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
  /** Streamed only: JSON.parse of pass 2's pages (the same companies the engine finalizes). */
  parseSeconds: number;
  /** Streamed only: the same figures of the first pass in a fresh process (JIT cold). */
  firstFinalSeconds: number;
  firstModelSeconds: number;
  /** Streamed: of the first pass, the one that forces a full collection every ten pages. */
  peakRssMb: number;
  peakHeapMb: number;
  /** Peak heap still reachable after a forced GC: what the run holds, not what it left to collect. */
  peakRetainedMb: number;
  /** Streamed only: over every pass, the warm ones collected when V8 chose to. */
  allPassesPeakRssMb: number;
  allPassesPeakHeapMb: number;
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

interface PageFile {
  path: string;
  pages: { offset: number; length: number }[];
}

/**
 * The generated portfolio as pages of JSON text in a temporary file, written before anything is
 * timed. A pass then reads it a page at a time, as the app reads HubSpot's responses: only one page
 * exists in memory at a time, and the generator's own work does not run between timed pages.
 */
function writePages(count: number): PageFile {
  const path = join(mkdtempSync(join(tmpdir(), 'kam-bench-')), 'portfolio.jsonl');
  const fd = openSync(path, 'w');
  const file: PageFile = { path, pages: [] };
  let offset = 0;
  let page: Record<string, unknown>[] = [];
  const flush = (): void => {
    const bytes = Buffer.from(JSON.stringify(page));
    writeSync(fd, bytes);
    file.pages.push({ offset, length: bytes.length });
    offset += bytes.length;
    page = [];
  };
  for (const company of generatePortfolio(options(count))) {
    page.push({ ...asReturned('companies', company, COMPANY_NAMES), deals: (company.deals ?? []).map((d) => asReturned('deals', d, DEAL_NAMES)) });
    if (page.length === PAGE) flush();
  }
  if (page.length) flush();
  closeSync(fd);
  return file;
}

/** The pages one at a time; `parsing.seconds` adds up the time JSON.parse took (text decoded first). */
function* pages(file: PageFile, parsing = { seconds: 0 }): Generator<CompanyInput[]> {
  const fd = openSync(file.path, 'r');
  try {
    for (const { offset, length } of file.pages) {
      const bytes = Buffer.allocUnsafe(length);
      readSync(fd, bytes, 0, length, offset);
      const text = bytes.toString('utf8');
      collectYoung();
      const start = process.hrtime.bigint();
      const page = JSON.parse(text) as CompanyInput[];
      parsing.seconds += seconds(start);
      yield page;
    }
  } finally {
    closeSync(fd);
  }
}

// Reading and parsing a page leaves garbage; a minor collection before each timed page keeps the
// model from being charged for collecting it. The model's own garbage is still collected (and
// timed) while it runs.
const gc = (globalThis as { gc?: (options?: { type: 'minor' | 'major'; execution: 'sync' }) => void }).gc;
const collectYoung = (): void => gc?.({ type: 'minor', execution: 'sync' });

interface MemorySampler {
  /** After each page: heapUsed, and every tenth page the heap left after a full GC. */
  sample: () => void;
  /** The heap left after a full GC, now. */
  retained: () => void;
  /** From now on, heapUsed only: no forced collection, so the passes being timed run undisturbed. */
  quiet: () => void;
  peaks: () => { peakHeapMb: number; peakRetainedMb: number };
}

function memorySampler(): MemorySampler {
  let peakHeap = 0;
  let peakRetained = 0;
  let calls = 0;
  let forcing = true;
  const retained = (): void => {
    if (!forcing) return;
    gc?.();
    peakRetained = Math.max(peakRetained, process.memoryUsage().heapUsed);
  };
  return {
    sample: () => {
      peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
      if (++calls % 10 === 0) retained();
    },
    retained,
    quiet: () => {
      forcing = false;
    },
    peaks: () => ({ peakHeapMb: peakHeap / MB, peakRetainedMb: peakRetained / MB }),
  };
}

const seconds = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e9;
/** maxRSS is the process's peak resident set in KiB (Node ≥ 12.6). */
const peakRssMb = (): number => (process.resourceUsage().maxRSS * 1024) / MB;

interface PassTimes {
  deals: number;
  parseSeconds: number;
  modelSeconds: number;
  scoreSeconds: number;
  rankSeconds: number;
  finalSeconds: number;
}

// Each scan handles one page in a function of its own, as the worker does (a page, or a batch of it,
// per call). A loop over every company of the portfolio in one function is compiled by V8 on the
// stack while it runs (OSR), and such code ran the same model up to 1.5 × slower in some passes
// (stable with --no-use-osr). Per-page calls make those passes rarer, not impossible: hence the
// median of several.

/** Pass 1 over one page: each company scored, only its compact portfolio entry kept. */
function rankingScan(page: readonly CompanyInput[], entries: PortfolioEntry[]): void {
  for (const company of page) entries.push(portfolioEntry(scoreCompany(company, DEFAULT_SETTINGS, AS_OF)));
}

/** Pass 2 over one page: each company scored and finalized against the portfolio, every figure and its explanation. */
function engineScan(page: readonly CompanyInput[], portfolio: Portfolio): { keys: number; read: number } {
  let keys = 0;
  let read = 0;
  for (const company of page) {
    const score = scoreCompany(company, DEFAULT_SETTINGS, AS_OF);
    const figures = finalizeAccount(score, portfolio.contextFor(score.companyId), DEFAULT_SETTINGS);
    if (figures.isKeyAccount) keys++;
    // Read the explanation as the writer does when it compares it with the stored one.
    read += figures.explanation.charCodeAt(figures.explanation.length - 1);
  }
  return { keys, read };
}

/** One streamed portfolio pass over the page file. */
function streamedPass(file: PageFile, memory: MemorySampler): PassTimes {
  const entries: PortfolioEntry[] = [];
  let model = 0;
  let deals = 0;
  for (const page of pages(file)) {
    collectYoung();
    const start = process.hrtime.bigint();
    rankingScan(page, entries);
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
  let read = 0;
  const parsing = { seconds: 0 };
  for (const page of pages(file, parsing)) {
    collectYoung();
    start = process.hrtime.bigint();
    const scanned = engineScan(page, portfolio);
    keys += scanned.keys;
    read += scanned.read;
    model += seconds(start);
    memory.sample();
  }
  memory.retained();
  if (keys > DEFAULT_SETTINGS.keyAccountCapacity || read === 0) throw new Error('more key accounts than the capacity, or no explanation');
  return { deals, parseSeconds: parsing.seconds, modelSeconds: model, scoreSeconds, rankSeconds, finalSeconds: model - scoreSeconds - rankSeconds };
}

/**
 * Several passes in one process: the worker is a long-running process, so the passes after the
 * first (JIT warm) are the measurement, their median by engine rate (a 10k pass is ~50 ms, where
 * one collection or scheduling hiccup moves a single run by a fifth). The first pass is reported
 * too, as the pass of a freshly started worker.
 */
function measureStreamed(file: PageFile, count: number): Measurement {
  const memory = memorySampler();
  const first = streamedPass(file, memory);
  const firstPeaks = { peakRssMb: peakRssMb(), ...memory.peaks() };
  memory.quiet();
  const warmRuns = count <= 10_000 ? 9 : 5;
  const warm = Array.from({ length: warmRuns }, () => streamedPass(file, memory)).sort((a, b) => a.finalSeconds - b.finalSeconds);
  const median = warm[Math.floor(warm.length / 2)] as PassTimes;
  return {
    companies: count,
    ...median,
    firstFinalSeconds: first.finalSeconds,
    firstModelSeconds: first.modelSeconds,
    ...firstPeaks,
    allPassesPeakRssMb: peakRssMb(),
    allPassesPeakHeapMb: memory.peaks().peakHeapMb,
  };
}

function measureHeld(file: PageFile, count: number): Measurement {
  const memory = memorySampler();
  const companies = [...pages(file)].flat();
  memory.retained();
  collectYoung();
  const start = process.hrtime.bigint();
  const result = scorePortfolio(companies, DEFAULT_SETTINGS, AS_OF);
  const model = seconds(start);
  memory.sample();
  memory.retained();
  const deals = companies.reduce((n, c) => n + (c.deals?.length ?? 0), 0);
  if (result.accounts.length !== count) throw new Error('lost companies');
  return { companies: count, deals, parseSeconds: NaN, modelSeconds: model, scoreSeconds: NaN, rankSeconds: NaN, finalSeconds: NaN, firstFinalSeconds: NaN, firstModelSeconds: NaN, peakRssMb: peakRssMb(), ...memory.peaks(), allPassesPeakRssMb: NaN, allPassesPeakHeapMb: NaN };
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
    // P1 is the engine's rate: a company with its deals in, every figure and its explanation out,
    // the portfolio context given. That is pass 2 of the streamed run. The whole pass also ranks
    // the portfolio and scores every company a first time to do so (what keeps memory flat); its
    // rate counts each company once.
    const deals = (streamed.deals / count).toFixed(1);
    const engineRate = count / streamed.finalSeconds;
    const parseRate = count / streamed.parseSeconds;
    rows.push(
      { figure: `P1 ${label(count)} companies: engine ÷ JSON.parse of the same companies (rates in the same passes)`, value: engineRate / parseRate, unit: '×', goal: '≥ 2' },
      { figure: `${label(count)} companies (${deals} deals each): engine, scored and finalized with explanation`, value: engineRate, unit: 'companies/s', baseline: parseRate },
      { figure: `${label(count)} companies: JSON.parse of the same companies' JSON text`, value: parseRate, unit: 'companies/s' },
      { figure: `${label(count)} companies: engine, first pass of a fresh process (JIT cold)`, value: count / streamed.firstFinalSeconds, unit: 'companies/s' },
      { figure: `${label(count)} companies: scoreCompany alone (the ranking scan)`, value: count / streamed.scoreSeconds, unit: 'companies/s' },
      { figure: `${label(count)} companies: ranking (thresholds, ranks, key places)`, value: (streamed.rankSeconds * 1e6) / count, unit: 'µs/company' },
      { figure: `${label(count)} companies: full pass, streamed (scores each company twice)`, value: count / streamed.modelSeconds, unit: 'companies/s', baseline: count / held.modelSeconds },
      { figure: `${label(count)} companies: full pass, first in a fresh process`, value: count / streamed.firstModelSeconds, unit: 'companies/s' },
      // Memory: what a pass holds is the heap left after a full collection; RSS and heap used also
      // count garbage not yet collected, which grows with how long V8 lets it (forced collections
      // in the first pass, V8's own choice in the warm ones).
      { figure: `${label(count)} companies: peak heap after GC, streamed (what a pass holds)`, value: streamed.peakRetainedMb, unit: 'MB', baseline: held.peakRetainedMb, goal: 'flat as the portfolio grows' },
      { figure: `${label(count)} companies: peak RSS, streamed, first pass (full GC every 10 pages)`, value: streamed.peakRssMb, unit: 'MB', baseline: held.peakRssMb },
      { figure: `${label(count)} companies: peak heap used, streamed, first pass`, value: streamed.peakHeapMb, unit: 'MB', baseline: held.peakHeapMb },
      { figure: `${label(count)} companies: peak RSS, streamed, all passes (GC when V8 chooses)`, value: streamed.allPassesPeakRssMb, unit: 'MB' },
      { figure: `${label(count)} companies: peak heap used, streamed, all passes`, value: streamed.allPassesPeakHeapMb, unit: 'MB' },
    );
  }
  return { name: 'model', rows };
}

const [, script, mode, count] = process.argv;
if (script === fileURLToPath(import.meta.url) && (mode === 'streamed' || mode === 'held')) {
  const file = writePages(Number(count));
  try {
    const measured = mode === 'streamed' ? measureStreamed(file, Number(count)) : measureHeld(file, Number(count));
    process.stdout.write(`${JSON.stringify(measured)}\n`);
  } finally {
    rmSync(dirname(file.path), { recursive: true, force: true });
  }
}
