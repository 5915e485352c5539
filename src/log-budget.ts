// A budget of log lines per minute for what strangers can cause: a flood of forged requests must
// not become a flood of lines (disk, log bills). Within the budget each event is logged; beyond it
// they are only counted, and the next line logged says how many were left out.
export interface LogBudget {
  /** null: do not log this one. Otherwise the number left out since the last line logged. */
  take(): { skipped: number } | null;
}

export function createLogBudget(perMinute: number, now: () => number): LogBudget {
  let windowStart = -Infinity;
  let used = 0;
  let skipped = 0;
  return {
    take() {
      const at = now();
      if (at - windowStart >= 60_000) {
        windowStart = at;
        used = 0;
      }
      if (used >= perMinute) {
        skipped += 1;
        return null;
      }
      used += 1;
      const out = { skipped };
      skipped = 0;
      return out;
    },
  };
}
