// When each portal's daily full pass runs: at its own time of day, drawn from a hash of its id, so
// the passes of thousands of portals spread evenly over the day instead of all starting at 03:00
// (where they would queue behind each other for hours and load Redis and the workers at once).
// The same portal always gets the same time, on every worker. A maintenance tick every few minutes
// queues the passes whose time fell since the previous tick.
import { createHash } from 'node:crypto';

export const DAY_MS = 86_400_000;

/** Milliseconds after midnight UTC of the portal's daily pass. */
export function dailyPassOffsetMs(portalId: string): number {
  const hash = createHash('sha1').update(`daily-pass:${portalId}`).digest();
  return Math.floor((hash.readUInt32BE(0) / 2 ** 32) * DAY_MS);
}

/** The portals whose daily time falls in (fromMs, toMs]; a window longer than a day counts as one day. */
export function portalsDueBetween(portalIds: readonly string[], fromMs: number, toMs: number): string[] {
  const from = Math.max(fromMs, toMs - DAY_MS);
  return portalIds.filter((id) => {
    const offset = dailyPassOffsetMs(id);
    const next = (Math.floor((from - offset) / DAY_MS) + 1) * DAY_MS + offset;
    return next <= toMs;
  });
}
