// The tasks after a scenario: at most one open task per company and subject (a retried or crashed
// creation must never duplicate one), no play key on two tasks, and the plays the transitions call
// for present exactly once: an account plan (and a manager when it has no owner) for every key
// account, a "was lost" review for every customer the scenario made lost.
import type { Sandbox } from '../../../src/sandbox/index.ts';

export interface TaskCheck {
  open: number;
  /** Open tasks beyond the first per (company, subject), plus tasks sharing a play key. */
  duplicates: number;
  /** (company, subject) pairs a transition called for that have no open task. */
  missing: number;
  diffs: string[];
}

export function checkTasks(sandbox: Sandbox, madeLost: readonly string[]): TaskCheck {
  const store = sandbox.store;
  const out: TaskCheck = { open: 0, duplicates: 0, missing: 0, diffs: [] };
  const note = (text: string): void => void (out.diffs.length < 5 && out.diffs.push(text));
  const lost = new Set(madeLost);
  const playKeys = new Map<string, number>();
  for (const company of store.all('companies')) {
    const tasks = store.taskIdsOf(company.id).flatMap((id) => store.getTask(id) ?? []);
    for (const t of tasks) {
      const key = t.properties.kam_play_key;
      if (key) playKeys.set(key, (playKeys.get(key) ?? 0) + 1);
    }
    const open = new Map<string, number>();
    for (const t of tasks.filter((t) => t.properties.hs_task_status !== 'COMPLETED')) {
      const subject = t.properties.hs_task_subject ?? '';
      open.set(subject, (open.get(subject) ?? 0) + 1);
      out.open += 1;
    }
    for (const [subject, n] of open) {
      if (n > 1) {
        out.duplicates += n - 1;
        note(`${company.id}: ${n} open "${subject}"`);
      }
    }
    const name = company.properties.name ?? `company ${company.id}`;
    const expected = [
      ...(company.properties.kam_category === 'key' ? [`Write the account plan for ${name}`] : []),
      ...(company.properties.kam_category === 'key' && !company.properties.hubspot_owner_id ? [`Assign a key account manager to ${name}`] : []),
      ...(lost.has(company.id) ? [`Find out why ${name} was lost`] : []),
    ];
    for (const subject of expected.filter((s) => !open.has(s))) {
      out.missing += 1;
      note(`${company.id}: no open "${subject}"`);
    }
  }
  for (const [key, n] of playKeys) {
    if (n > 1) {
      out.duplicates += n - 1;
      note(`play key ${key} on ${n} tasks`);
    }
  }
  return out;
}
