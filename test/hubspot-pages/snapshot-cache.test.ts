import { beforeEach, describe, expect, it } from 'vitest';
import { SnapshotCache } from '../../src/hubspot-pages/snapshot-cache.ts';
import { createLogger } from '../../src/logger.ts';
import { oneAtATime } from '../../src/portfolio-page/one-at-a-time.ts';
import { SettingsStore } from '../../src/store/settings-store.ts';
import { EXAMPLE_COMPANIES } from '../portfolio-page/example-portfolio.ts';
import { useTestRedis } from '../support/redis.ts';
import { saveSettings } from '../support/save-settings.ts';

const ctx = useTestRedis();
let clock = 0;
let loads: string[] = [];
let settings: SettingsStore;

function cache(maxRows?: number): SnapshotCache {
  return new SnapshotCache({
    loadCompanies: async (portalId) => {
      loads.push(portalId);
      return portalId === '9' ? EXAMPLE_COMPANIES : EXAMPLE_COMPANIES.slice(0, 50);
    },
    settings, serial: oneAtATime(), now: () => clock, logger: createLogger({ level: 'silent' }), maxAgeMs: 60_000, maxRows,
  });
}

beforeEach(async () => {
  settings = new SettingsStore(ctx.redis, ctx.prefix);
  clock = Date.UTC(2026, 11, 6, 9);
  loads = [];
});

describe('portfolio snapshot cache', () => {
  it('when a portal is asked for twice within a minute, then it is scored once', async () => {
    const c = cache();
    const first = await c.get('1', 1, 10_000);
    const second = await c.get('1', 1, 10_000);
    expect(second).toBe(first);
    expect(loads).toEqual(['1']);
    expect(first?.companyCount).toBe(50);
  });

  it('when the snapshot is older than a minute, then the old one answers at once and a new one is built behind it', async () => {
    const c = cache();
    const first = await c.get('1', 1, 10_000);
    clock += 61_000;
    expect(await c.get('1', 1, 10_000)).toBe(first);
    // current() joins the rebuild that get() started rather than starting another.
    const rebuilt = (await c.current('1', 1)).snapshot;
    expect(rebuilt).not.toBe(first);
    expect(rebuilt?.builtAt).toBe(clock);
    expect(loads).toEqual(['1', '1']);
  });

  it('when the settings changed, then current() builds with the new version before a what-if compares', async () => {
    const c = cache();
    await c.get('1', 1, 10_000);
    const version = await saveSettings(settings, '1', { keyAccountCapacity: 3 });
    const entry = await c.current('1', version);
    expect(entry.snapshot.settingsVersion).toBe(version);
    expect(entry.snapshot.capacity.capacity).toBe(3);
    expect(entry.companies).toHaveLength(50);
  });

  it('when the first build takes longer than the wait, then null, and the snapshot is there on the next ask', async () => {
    const c = cache();
    expect(await c.get('9', 1, 0)).toBeNull();
    await c.current('9', 1);
    expect((await c.get('9', 1, 0))?.companyCount).toBe(EXAMPLE_COMPANIES.length);
  });

  it('when the rows held pass the cap, then the least recently used portal is dropped, never the one just built', async () => {
    const c = cache(120);
    await c.get('1', 1, 10_000);
    await c.get('2', 1, 10_000);
    await c.get('1', 1, 10_000);
    await c.get('3', 1, 10_000);
    expect(loads).toEqual(['1', '2', '3']);
    await c.get('1', 1, 10_000);
    expect(loads).toEqual(['1', '2', '3']);
    await c.get('2', 1, 10_000);
    expect(loads).toEqual(['1', '2', '3', '2']);
  });
});
