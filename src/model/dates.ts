// Calendar arithmetic in UTC, so a score never depends on the machine's time zone.

/** The instant `months` calendar months before (negative: after) `ms`, clamped to the month's end. */
export function monthsBefore(ms: number, months: number): number {
  const d = new Date(ms);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - months, 1, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return target.getTime();
}

export const DAY_MS = 86_400_000;

export function addDays(ms: number, days: number): number {
  return ms + days * DAY_MS;
}

/** The end of the asOf day (23:59:59.999 UTC): a deal closed any time on that day counts. */
export function endOfDay(asOf: Date): number {
  const d = new Date(asOf.getTime());
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 23, 59, 59, 999);
}
