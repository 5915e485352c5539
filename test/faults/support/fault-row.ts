// One printed row per scenario, and the table of them. The counts that quality.md wants at zero
// are lost, companiesWrong, duplicateTasks (and missingTasks) and failedJobs.
import type { CallSummary } from '../../../src/sandbox/index.ts';

export interface FaultRow {
  id: string;
  scenario: string;
  /** Webhook events the edits fired. */
  events: number;
  /** Events in POSTs the app answered 2xx (duplicated deliveries count each time). */
  accepted: number;
  /** Events never acknowledged, or acknowledged but whose effect is missing before the final pass. */
  lost: number;
  companiesWrong: number;
  duplicateTasks: number;
  missingTasks: number;
  failedJobs: number;
  /** HubSpot calls during the scenario (final pass excluded), and those answered other than 2xx. */
  calls: number;
  failedCalls: number;
  /** Calls the faults cost: against the same run without faults when one was made, else failedCalls. */
  extraCalls: number;
  notes: string[];
}

export function emptyRow(id: string, scenario: string): FaultRow {
  return { id, scenario, events: 0, accepted: 0, lost: 0, companiesWrong: 0, duplicateTasks: 0, missingTasks: 0, failedJobs: 0, calls: 0, failedCalls: 0, extraCalls: 0, notes: [] };
}

/** Calls and the ones HubSpot (the sandbox) did not answer 2xx; 0 is a call it never answered. */
export function callCounts(summary: CallSummary): { calls: number; failedCalls: number } {
  const failedCalls = Object.entries(summary.byStatus).filter(([status]) => !status.startsWith('2')).reduce((n, [, c]) => n + c, 0);
  return { calls: summary.total, failedCalls };
}

/** The counts that must be zero, by name. */
export function mustBeZero(row: FaultRow): Record<string, number> {
  return { lost: row.lost, companiesWrong: row.companiesWrong, duplicateTasks: row.duplicateTasks, missingTasks: row.missingTasks, failedJobs: row.failedJobs };
}

const HEADERS = ['id', 'scenario', 'events sent', 'accepted', 'lost', 'companies wrong', 'dup tasks', 'missing tasks', 'failed jobs', 'calls', 'failed calls', 'extra calls'];

export function formatTable(rows: readonly FaultRow[]): string {
  const cells = rows.map((r) => [r.id, r.scenario, r.events, r.accepted, r.lost, r.companiesWrong, r.duplicateTasks, r.missingTasks, r.failedJobs, r.calls, r.failedCalls, r.extraCalls].map(String));
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: readonly string[]): string => `| ${c.map((v, i) => (i < 2 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join(' | ')} |`;
  const notes = rows.flatMap((r) => r.notes.map((n) => `${r.id}: ${n}`));
  return [line(HEADERS), `|${widths.map((w, i) => (i < 2 ? `-${'-'.repeat(w)}-` : `-${'-'.repeat(w)}:`)).join('|')}|`, ...cells.map(line), ...(notes.length ? ['', ...notes] : [])].join('\n');
}
