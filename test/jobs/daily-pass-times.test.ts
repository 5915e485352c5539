// The daily passes spread over the day: each portal at its own fixed time, every portal exactly
// once a day whatever the ticks, and no hour holding much more than its share.
import { describe, expect, it } from 'vitest';
import { DAY_MS, dailyPassOffsetMs, portalsDueBetween } from '../../jobs/daily-pass-times.ts';

const portals = Array.from({ length: 2000 }, (_, i) => String(24681357 + i * 7919));
const MIDNIGHT = Date.UTC(2026, 11, 6);

describe('daily pass times', () => {
  it('when 2,000 portals are placed, then each hour of the day holds between half and twice its share', () => {
    const perHour = new Array<number>(24).fill(0);
    for (const id of portals) perHour[Math.floor(dailyPassOffsetMs(id) / 3_600_000)]! += 1;
    for (const n of perHour) {
      expect(n).toBeGreaterThan(2000 / 24 / 2);
      expect(n).toBeLessThan((2000 / 24) * 2);
    }
    expect(dailyPassOffsetMs('24681357')).toBe(dailyPassOffsetMs('24681357'));
  });

  it('when a day is ticked through in uneven windows across midnight, then every portal is due exactly once', () => {
    const some = portals.slice(0, 400);
    const due = new Map<string, number>();
    let t = MIDNIGHT + 5 * 3_600_000;
    const end = t + DAY_MS;
    for (let i = 0; t < end; i++) {
      const next = Math.min(end, t + 60_000 * (1 + (i % 17)));
      for (const id of portalsDueBetween(some, t, next)) due.set(id, (due.get(id) ?? 0) + 1);
      t = next;
    }
    expect(due.size).toBe(some.length);
    expect([...due.values()].every((n) => n === 1)).toBe(true);
  });

  it('when the worker was down for two days, then each portal is due once, not twice', () => {
    expect(portalsDueBetween(portals, MIDNIGHT - 2 * DAY_MS, MIDNIGHT)).toHaveLength(portals.length);
    const one = portals[0]!;
    const at = MIDNIGHT + dailyPassOffsetMs(one);
    expect(portalsDueBetween([one], at - 1, at)).toEqual([one]);
    expect(portalsDueBetween([one], at, at + DAY_MS - 1)).toEqual([]);
  });
});
