// Whether two workers ever recomputed the same company at once, read from the proxy's call log. A
// worker's recompute round (jobs/flush-portal.ts) starts with its companies batch read and lasts
// through the calls that belong to it: the companies' deal associations, deal reads, task calls and
// the company writes. Its company write (the round's last call), the next round's first call
// (resolving dirty deals to companies, or the next companies read), or a full pass's page read
// closes it. A full pass runs beside the flushes without the portal lock while it reads (its reads
// write nothing); its write batches take the portal lock like a flush round, and that it never
// writes its older figures over a company flushed meanwhile is checked by the final state and by
// test/jobs/pass-with-flushes.test.ts. Without those closes, a pass's deal reads and write batches
// on one worker stretched that worker's last flush round over another worker's rounds.
import { IN_SLOT_WAIT_MS } from '../../../jobs/call-journal.ts';
import type { ProxiedCall } from './call-proxy.ts';

export interface Round {
  worker: string;
  startedAt: number;
  endedAt: number;
  ids: Set<string>;
}

const partOfRound = (call: ProxiedCall): boolean =>
  call.path.includes('/associations/companies/deals/') || call.kind === 'deals.batchRead' || call.kind.startsWith('tasks.') || call.kind === 'companies.batchUpdate';

/** Company ids a call names, where it names companies (writes, tasks on companies, their deals' associations). */
const companiesNamed = (call: ProxiedCall): string[] | undefined =>
  call.kind === 'companies.batchUpdate' || call.kind === 'tasks.batchCreate' || call.path.includes('/associations/companies/deals/') ? call.ids : undefined;

/**
 * Whether a call can still belong to the worker's open round: it names none of the round's
 * strangers, and it follows the round's last call within IN_SLOT_WAIT_MS and a margin (a flush
 * waits no longer than that in its slot; it gives the slot back, and resumes its step from the
 * journal without repeating the round's first read, so its later calls start no new round here).
 */
function sameRound(round: Round, call: ProxiedCall): boolean {
  const named = companiesNamed(call);
  if (named?.some((id) => !round.ids.has(id))) return false;
  return call.startedAt - round.endedAt <= IN_SLOT_WAIT_MS + 500;
}

export function recomputeRounds(calls: readonly ProxiedCall[]): Round[] {
  const rounds: Round[] = [];
  const open = new Map<string, Round>();
  for (const call of [...calls].sort((a, b) => a.startedAt - b.startedAt)) {
    if (call.kind === 'companies.batchRead') {
      const round: Round = { worker: call.worker, startedAt: call.startedAt, endedAt: call.endedAt, ids: new Set(call.ids) };
      open.set(call.worker, round);
      rounds.push(round);
      continue;
    }
    const round = open.get(call.worker);
    if (!round) continue;
    if (call.kind === 'companies.page' || !sameRound(round, call)) open.delete(call.worker);
    else if (partOfRound(call)) {
      round.endedAt = Math.max(round.endedAt, call.endedAt || call.startedAt);
      if (call.kind === 'companies.batchUpdate') open.delete(call.worker);
    } else if (call.path.includes('/associations/deals/companies/')) open.delete(call.worker);
  }
  return rounds;
}

export interface Overlap {
  a: Round;
  b: Round;
  companies: string[];
}

/** Rounds of different workers that shared a company and overlapped in time. */
export function overlappingRounds(rounds: readonly Round[]): Overlap[] {
  const out: Overlap[] = [];
  rounds.forEach((a, i) => {
    for (const b of rounds.slice(i + 1)) {
      if (a.worker === b.worker || a.endedAt <= b.startedAt || b.endedAt <= a.startedAt) continue;
      const companies = [...a.ids].filter((id) => b.ids.has(id));
      if (companies.length) out.push({ a, b, companies });
    }
  });
  return out;
}

/** Company writes that HubSpot took: calls and records. */
export function companyWrites(calls: readonly ProxiedCall[]): { calls: number; records: number } {
  const writes = calls.filter((c) => c.kind === 'companies.batchUpdate' && c.status >= 200 && c.status < 300);
  return { calls: writes.length, records: writes.reduce((n, c) => n + c.ids.length, 0) };
}

/** Recompute rounds per worker: who did the work. */
export function roundsByWorker(rounds: readonly Round[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rounds) out[r.worker] = (out[r.worker] ?? 0) + 1;
  return out;
}
