// A burst as HubSpot delivers it: 10,000 events over 1,000 companies in two portals, signed
// batches of 100 sent ten at a time, events of both portals mixed inside each batch.
import { describe, expect, it } from 'vitest';
import { dirtyCounts, dirtyPortals } from '../../src/store/dirty-marks.ts';
import { companyChange, pendingFlushes, sendSigned, useReceiver } from './support/receiver.ts';

const rx = useReceiver();

/** Deterministic shuffle (a fixed LCG), so a failure reproduces. */
function shuffle<T>(items: T[]): T[] {
  let seed = 42;
  for (let i = items.length - 1; i > 0; i--) {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = seed % (i + 1);
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

describe('a burst of 10,000 events', () => {
  it('when 10,000 events over 1,000 companies arrive in signed batches of 100, then exactly 1,000 companies are dirty and one flush per portal is queued', async () => {
    const portals = [101, 202];
    const events = shuffle(Array.from({ length: 10_000 }, (_, i) => {
      const company = i % 1000;
      return companyChange(portals[company % 2] as number, 5_000_000 + company);
    }));
    const batches = Array.from({ length: 100 }, (_, b) => JSON.stringify(events.slice(b * 100, b * 100 + 100)));
    const statuses: number[] = [];
    for (let wave = 0; wave < batches.length; wave += 10) {
      const responses = await Promise.all(batches.slice(wave, wave + 10).map((body) => sendSigned(rx.receiver, body)));
      statuses.push(...responses.map((r) => r.status));
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(100);
    const counts = await Promise.all(portals.map((p) => dirtyCounts(rx.producer, rx.prefix, String(p))));
    expect(counts.map((c) => c.companies)).toEqual([500, 500]);
    expect(counts.reduce((sum, c) => sum + c.companies, 0)).toBe(1000);
    expect((await dirtyPortals(rx.producer, rx.prefix)).sort()).toEqual(['101', '202']);
    expect(await pendingFlushes(rx.receiver.flushQueue)).toEqual({ 101: 1, 202: 1 });
  });
});
