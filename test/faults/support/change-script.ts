// A deterministic burst of edits in the sandbox (the same seed and portfolio give the same edits):
// everyday changes to amounts, revenue and deals, some customers made lost (every deal of theirs
// moved three years back, one deal per edit), and optionally deletions and restores. Paced, so a
// scenario can break something mid-burst; it reports which companies each event touched.
import { mulberry32 } from '../../../src/sandbox/generate-portfolio.ts';
import type { Sandbox } from '../../../src/sandbox/index.ts';
import { ageDeal, deleteCompany, deleteDeal, randomChange, restoreCompany, restoreDeal, type Change, type Random } from './change-kinds.ts';

export interface ScriptOptions {
  /** Stop once the edits have fired this many webhook events (the scheduled ones still finish). */
  events: number;
  seed: number;
  /** Share of the portfolio's customers made lost (default 2 %). */
  lostShare?: number;
  /** Delete some companies and deals, and restore most of them later. */
  lifecycle?: boolean;
  /** Pause `tickMs` after every `eventsPerTick` events (default 200 events, 25 ms). */
  eventsPerTick?: number;
  tickMs?: number;
  /** Called at every pause with the events fired so far. */
  onProgress?: (events: number) => Promise<void> | void;
  now?: number;
}

export interface ScriptResult {
  events: number;
  changes: number;
  /** Events per company they touched. */
  touched: Map<string, number>;
  /** Customers whose every deal moved past the lost window: each owes one "was lost" task. */
  madeLost: string[];
  deletedCompanies: string[];
  restoredCompanies: string[];
}

/** Fisher–Yates with the given generator. */
export function shuffled<T>(random: Random, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Events the sandbox has fired so far (queued, in flight, delivered, given up or dropped). */
export function eventsFired(sandbox: Sandbox): number {
  const s = sandbox.webhooks.stats();
  return s.pending + s.delivered + s.failed + s.dropped;
}

interface Plan {
  scheduled: Change[];
  pool: string[];
  result: ScriptResult;
}

function plan(sandbox: Sandbox, options: ScriptOptions, random: Random, now: number): Plan {
  const store = sandbox.store;
  const companies = shuffled(random, store.all('companies'));
  const customers = companies.filter((c) => ['normal', 'key'].includes(c.properties.kam_category ?? '') && store.dealIdsOf(c.id).length > 0);
  const lost = customers.slice(0, Math.max(1, Math.round(companies.length * (options.lostShare ?? 0.02))));
  const lostIds = new Set(lost.map((c) => c.id));
  const rest = companies.map((c) => c.id).filter((id) => !lostIds.has(id));
  const lifecycle = options.lifecycle ? rest.slice(0, Math.min(12, Math.ceil(rest.length / 50))) : [];
  const pool = rest.slice(lifecycle.length);
  const dealsToCycle = options.lifecycle ? pool.slice(0, lifecycle.length).flatMap((id) => store.dealIdsOf(id).slice(0, 1)) : [];
  const restored = lifecycle.filter((_, i) => i % 3 !== 0);
  const early = shuffled(random, [
    ...lost.flatMap((c) => store.dealIdsOf(c.id).map((d) => ageDeal(d, now))),
    ...lifecycle.map((id) => deleteCompany(id)),
    ...dealsToCycle.map((id) => deleteDeal(id)),
  ]);
  const late = [...restored.map((id) => restoreCompany(id)), ...dealsToCycle.map((id) => restoreDeal(id))];
  return {
    scheduled: [...early, ...late],
    pool,
    result: { events: 0, changes: 0, touched: new Map(), madeLost: [...lostIds], deletedCompanies: lifecycle, restoredCompanies: restored },
  };
}

/** Several bursts as one (their events and touched companies summed). */
export function mergeScripts(results: readonly ScriptResult[]): ScriptResult {
  const touched = new Map<string, number>();
  for (const r of results) for (const [id, n] of r.touched) touched.set(id, (touched.get(id) ?? 0) + n);
  return {
    events: results.reduce((n, r) => n + r.events, 0),
    changes: results.reduce((n, r) => n + r.changes, 0),
    touched,
    madeLost: results.flatMap((r) => r.madeLost),
    deletedCompanies: results.flatMap((r) => r.deletedCompanies),
    restoredCompanies: results.flatMap((r) => r.restoredCompanies),
  };
}

export async function runChangeScript(sandbox: Sandbox, options: ScriptOptions): Promise<ScriptResult> {
  const random = mulberry32(options.seed);
  const now = options.now ?? Date.now();
  const { scheduled, pool, result } = plan(sandbox, options, random, now);
  const perTick = options.eventsPerTick ?? 200;
  // Scheduled edits are spread over the burst; about 2.5 events per everyday edit.
  const stride = Math.max(1, Math.floor(options.events / 2.5 / Math.max(1, scheduled.length * 1.25)));
  const start = eventsFired(sandbox);
  let lastTick = 0;
  while (result.events < options.events || scheduled.length > 0) {
    const due = scheduled.length > 0 && (result.changes % stride === 0 || result.events >= options.events);
    const change = due ? scheduled.shift()! : randomChange(random, pool[Math.floor(random() * pool.length)]!, now);
    const before = eventsFired(sandbox);
    const companies = change(sandbox.store);
    const fired = eventsFired(sandbox) - before;
    for (const id of companies) result.touched.set(id, (result.touched.get(id) ?? 0) + fired);
    result.changes += 1;
    result.events = eventsFired(sandbox) - start;
    if (result.events - lastTick >= perTick) {
      lastTick = result.events;
      await options.onProgress?.(result.events);
      await new Promise((r) => setTimeout(r, options.tickMs ?? 25));
    }
  }
  await options.onProgress?.(result.events);
  return result;
}
