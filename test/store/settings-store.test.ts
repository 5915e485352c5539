import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/model/index.ts';
import { DEFAULT_ACCESS } from '../../src/store/portal-access.ts';
import { HISTORY_KEPT, OPERATOR, type Actor } from '../../src/store/settings-history.ts';
import { settingsKeys, SettingsStore } from '../../src/store/settings-store.ts';
import { useTestRedis } from '../support/redis.ts';

const ctx = useTestRedis();
let store: SettingsStore;
const T0 = Date.UTC(2026, 11, 6, 9, 0);
let clock = T0;
beforeEach(async () => {
  clock = T0;
  store = new SettingsStore(ctx.redis, ctx.prefix, () => clock);
});

const DANA: Actor = { type: 'hubspot-user', userId: '71234567', email: 'dana@northwind.example' };

async function patch(settings: unknown, by: Actor = OPERATOR) {
  const { version } = await store.get('7');
  return store.write('7', { kind: 'patch', baseVersion: version, by, settings });
}

describe('settings store', () => {
  it('when a portal has no settings, then the defaults and the default access at version 1, with no history', async () => {
    expect(await store.get('7')).toEqual({ settings: DEFAULT_SETTINGS, access: DEFAULT_ACCESS, version: 1, updatedAt: null, updatedBy: null, problems: [], passJobId: null });
    expect(await store.history('7')).toEqual([]);
  });

  it('when a patch names one field, then only that field changes and every other field stays as it was', async () => {
    await patch({ profitTarget: 50_000, attractivenessWeights: { size: 3 } });
    const result = await patch({ attractivenessWeights: { growth: 2 } });
    expect(result.ok).toBe(true);
    const { settings, version } = await store.get('7');
    expect(version).toBe(3);
    expect(settings).toEqual({ ...DEFAULT_SETTINGS, profitTarget: 50_000, attractivenessWeights: { ...DEFAULT_SETTINGS.attractivenessWeights, size: 3, growth: 2 } });
  });

  it('when a patch gives null for a field, then that field goes back to its default and the others stay', async () => {
    await patch({ profitTarget: 50_000, keyAccountCapacity: 9 });
    await patch({ profitTarget: null });
    const { settings } = await store.get('7');
    expect(settings.profitTarget).toBe(DEFAULT_SETTINGS.profitTarget);
    expect(settings.keyAccountCapacity).toBe(9);
  });

  it('when a patch names one field of a coverage model, then the group keeps its other fields', async () => {
    await patch({ coverage: { dedicated: { overheadPct: 35 } } });
    const { settings } = await store.get('7');
    expect(settings.coverage).toEqual({ ...DEFAULT_SETTINGS.coverage, dedicated: { ...DEFAULT_SETTINGS.coverage.dedicated, overheadPct: 35 } });
  });

  it('when a write is based on an older version, then it is refused as a conflict and nothing changes', async () => {
    await patch({ keyAccountCapacity: 9 });
    const stale = await store.write('7', { kind: 'patch', baseVersion: 1, by: DANA, settings: { keyAccountCapacity: 3 } });
    expect(stale).toEqual({ ok: false, reason: 'conflict', baseVersion: 1, currentVersion: 2 });
    expect((await store.get('7')).settings.keyAccountCapacity).toBe(9);
    expect(await store.history('7')).toHaveLength(1);
  });

  it('when two writes race on the same version, then exactly one lands', async () => {
    const results = await Promise.all([3, 4, 5, 6].map((n) => store.write('7', { kind: 'patch', baseVersion: 1, by: OPERATOR, settings: { keyAccountCapacity: n } })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.reason === 'conflict')).toHaveLength(3);
    expect((await store.get('7')).version).toBe(2);
  });

  it('when a change is invalid, then every problem is named with its path and nothing is saved', async () => {
    await patch({ profitTarget: 50_000 });
    const result = await patch({ profitTarget: -1, keyAccountCapacity: 'many', typo: 1 });
    expect(result.ok).toBe(false);
    if (!result.ok && result.reason === 'invalid') expect(result.issues.map((i) => i.path).sort()).toEqual(['settings', 'settings.keyAccountCapacity', 'settings.profitTarget']);
    expect(await store.get('7')).toMatchObject({ settings: { profitTarget: 50_000 }, version: 2 });
  });

  it('when a patch holds a __proto__ key, then it is refused and nothing is saved', async () => {
    const result = await patch(JSON.parse('{"attractivenessWeights": {"__proto__": {"size": 1}}}'));
    expect(result).toMatchObject({ ok: false, reason: 'invalid', problems: ['settings.attractivenessWeights.__proto__: is not a settings field'] });
    expect((await store.get('7')).version).toBe(1);
  });

  it('when a change changes nothing, then no version is used and no history entry is kept', async () => {
    await patch({ keyAccountCapacity: 9 });
    const same = await patch({ keyAccountCapacity: 9 });
    expect(same).toMatchObject({ ok: true, changed: [], entry: null });
    expect((await store.get('7')).version).toBe(2);
    expect(await store.history('7')).toHaveLength(1);
  });

  it('when changes are made, then each is kept newest first with who, when, the kind and every field before and after', async () => {
    await patch({ keyAccountCapacity: 9 });
    clock += 60_000;
    await patch({ keyAccountCapacity: 12, profitTarget: 70_000 }, DANA);
    const [second, first] = await store.history('7');
    expect(first).toMatchObject({ id: '2', version: 2, baseVersion: 1, kind: 'patch', by: OPERATOR, at: new Date(T0).toISOString() });
    expect(first!.changes.map(({ path, before, after }) => ({ path, before, after }))).toEqual([{ path: 'settings.keyAccountCapacity', before: 25, after: 9 }]);
    expect(second).toMatchObject({ id: '3', by: DANA, at: new Date(T0 + 60_000).toISOString() });
    expect(second!.changes.map((c) => [c.path, c.before, c.after])).toEqual([
      ['settings.keyAccountCapacity', 9, 12],
      ['settings.profitTarget', DEFAULT_SETTINGS.profitTarget, 70_000],
    ]);
    expect(await store.get('7')).toMatchObject({ updatedBy: DANA, updatedAt: new Date(T0 + 60_000).toISOString() });
  });

  it('when more than 100 changes are made, then the last 100 are kept', async () => {
    for (let n = 1; n <= HISTORY_KEPT + 5; n++) await patch({ keyAccountCapacity: n });
    const history = await store.history('7');
    expect(history).toHaveLength(HISTORY_KEPT);
    expect(history[0]!.version).toBe(HISTORY_KEPT + 6);
    expect(await ctx.redis.llen(settingsKeys(ctx.prefix, '7').history)).toBe(HISTORY_KEPT);
  });

  it('when an entry is restored, then the settings are as they were after it (or before it), as a new version in the history', async () => {
    await patch({ keyAccountCapacity: 9 });
    await patch({ keyAccountCapacity: 12, profitTarget: 70_000 });
    await patch({ profitTarget: null });
    const after = await store.write('7', { kind: 'restore', baseVersion: 4, by: DANA, entryId: '3', state: 'after' });
    expect(after.ok).toBe(true);
    expect((await store.get('7')).settings).toMatchObject({ keyAccountCapacity: 12, profitTarget: 70_000 });
    const before = await store.write('7', { kind: 'restore', baseVersion: 5, by: DANA, entryId: '3', state: 'before' });
    expect(before.ok).toBe(true);
    expect((await store.get('7')).settings).toMatchObject({ keyAccountCapacity: 9, profitTarget: DEFAULT_SETTINGS.profitTarget });
    const [latest] = await store.history('7');
    expect(latest).toMatchObject({ kind: 'restore', restoredFrom: '3', version: 6, by: DANA });
    expect(await store.write('7', { kind: 'restore', baseVersion: 6, by: DANA, entryId: '99', state: 'after' })).toEqual({ ok: false, reason: 'no-such-entry', entryId: '99' });
  });

  it('when a replace names only some fields, then the others go back to their defaults (on purpose)', async () => {
    await patch({ keyAccountCapacity: 9, profitTarget: 70_000 });
    const result = await store.write('7', { kind: 'replace', baseVersion: 2, by: OPERATOR, settings: { profitTarget: 80_000 } });
    expect(result.ok).toBe(true);
    expect((await store.get('7')).settings).toEqual({ ...DEFAULT_SETTINGS, profitTarget: 80_000 });
  });

  it('when access is patched, then it is validated, versioned and kept in the history like the settings', async () => {
    const bad = await store.write('7', { kind: 'patch', baseVersion: 1, by: DANA, access: { editors: { users: ['not-an-id'] } } });
    expect(bad).toMatchObject({ ok: false, reason: 'invalid', issues: [{ path: 'access.editors.users.0' }] });
    const ok = await store.write('7', { kind: 'patch', baseVersion: 1, by: DANA, access: { editors: { users: ['123', '123'] }, superAdmins: false } });
    expect(ok.ok).toBe(true);
    expect((await store.get('7')).access).toEqual({ ...DEFAULT_ACCESS, editors: { users: ['123'], teams: [] }, superAdmins: false });
    expect((await store.history('7'))[0]!.changes.map((c) => c.path)).toEqual(['access.editors.users', 'access.superAdmins']);
  });

  it('when stored settings no longer validate (after an upgrade), then the problems are reported, the valid fields are kept and the stored value is not replaced', async () => {
    const stored = { ...DEFAULT_SETTINGS, keyAccountCapacity: 40, profitTarget: -5, retiredField: true };
    await ctx.redis.hset(settingsKeys(ctx.prefix, '7').settings, 'json', JSON.stringify(stored), 'version', '4');
    const read = await store.get('7');
    expect(read.settings.keyAccountCapacity).toBe(40);
    expect(read.settings.profitTarget).toBe(DEFAULT_SETTINGS.profitTarget);
    expect(read.problems).toHaveLength(2);
    expect(read.problems.join('\n')).toMatch(/settings\.profitTarget: .*stored value kept/);
    expect(read.problems.join('\n')).toMatch(/retiredField/);
    expect(JSON.parse((await ctx.redis.hget(settingsKeys(ctx.prefix, '7').settings, 'json'))!)).toEqual(stored);
  });

  it('when the portal is removed, then its settings and history go', async () => {
    await patch({ keyAccountCapacity: 9 });
    await store.remove('7');
    expect(await ctx.redis.exists(...Object.values(settingsKeys(ctx.prefix, '7')))).toBe(0);
  });
});
