import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runSettingsGet, runSettingsHistory, runSettingsRestore, runSettingsSet, runSettingsValidate, type SettingsAccess } from '../../src/cli/settings-command.ts';
import { DEFAULT_SETTINGS } from '../../src/model/index.ts';
import { createPassQueue } from '../../src/queues.ts';
import { createPortalStore } from '../../src/store/portal-store.ts';
import { settingsKeys, SettingsStore } from '../../src/store/settings-store.ts';
import { testRedis } from '../support/redis.ts';
import { saveSettings } from '../support/save-settings.ts';
import { fakeIo } from './fake-io.ts';
import { portalKeys } from '../../src/store/portal-keys.ts';

const PORTAL = '24681357';
const GOOD = JSON.stringify({ keyAccountCapacity: 40, thresholds: { strength: 'portfolio-average' } });
const BAD = JSON.stringify({ keyAccountCapacity: -3, attractivenessWeights: { size: 'big' }, tiers: { platinumPct: 80, goldPct: 30, silverPct: 0 }, extra: 1 });
const FILES = {
  'good.json': GOOD, 'bad.json': BAD, 'broken.json': '{"keyAccountCapacity": ', 'list.json': '[]',
  'capacity.json': '{"keyAccountCapacity": 30}', 'reset-target.json': '{"profitTarget": null}',
  'account-fields-on.json': '{"hubspotAccountFields": {"write": true}}', 'account-fields-bad.json': '{"hubspotAccountFields": {"write": "yes"}}',
};

describe('kam settings validate', () => {
  it('when the file is valid, then it says so and exits 0 without opening Redis', async () => {
    const io = fakeIo(FILES);
    expect(await runSettingsValidate('good.json', io.io)).toBe(0);
    expect(io.stdout()).toBe('good.json: valid settings\n');
  });

  it('when the file has several problems, then every one is printed with its path and the exit code is 2', async () => {
    const io = fakeIo(FILES);
    expect(await runSettingsValidate('bad.json', io.io)).toBe(2);
    const err = io.stderr();
    expect(err).toContain('bad.json has 4 problems:');
    expect(err).toMatch(/- keyAccountCapacity: /);
    expect(err).toMatch(/- attractivenessWeights\.size: /);
    expect(err).toMatch(/- tiers: tier shares add up to more than 100 %/);
    expect(err).toMatch(/- \(settings\): .*extra/);
    expect(io.stdout()).toBe('');
  });

  it('when the file is not JSON, not an object, or missing, then it exits 2, 2 and 1', async () => {
    const io = fakeIo(FILES);
    expect(await runSettingsValidate('broken.json', io.io)).toBe(2);
    expect(await runSettingsValidate('list.json', io.io)).toBe(2);
    expect(await runSettingsValidate('missing.json', io.io)).toBe(1);
    expect(io.stderr()).toContain('broken.json is not valid JSON');
    expect(io.stderr()).toContain('list.json must hold one JSON object of settings');
    expect(io.stderr()).toContain('cannot read missing.json: no such file');
  });
});

describe('kam settings get / set (real Redis)', () => {
  let redis: Redis;
  let prefix: string;
  let cleanup: () => Promise<void>;
  let settings: SettingsStore;
  let passQueue: ReturnType<typeof createPassQueue>;
  let opened = 0;
  let closed = 0;
  const open = (): SettingsAccess => {
    opened += 1;
    return { settings, portals: createPortalStore({ redis, prefix }), passQueue, close: async () => void (closed += 1) };
  };

  beforeEach(async () => {
    ({ redis, prefix, cleanup } = await testRedis());
    settings = new SettingsStore(redis, prefix);
    passQueue = createPassQueue(redis, prefix);
    await createPortalStore({ redis, prefix }).markInstalled(PORTAL);
    opened = 0;
    closed = 0;
  });
  afterEach(async () => {
    await passQueue.obliterate({ force: true });
    await passQueue.close();
    await cleanup();
  });

  it('when a valid file is set, then it is saved with the version bumped, a settings pass is queued, and get prints it', async () => {
    const io = fakeIo(FILES);
    expect(await runSettingsSet(PORTAL, 'good.json', io.io, open)).toBe(0);
    expect(io.stdout()).toMatch(new RegExp(`^saved settings for portal ${PORTAL} as model version 2; full pass queued \\(job .+\\)\\n`));
    expect(io.stdout()).toContain('  settings.keyAccountCapacity: 25 -> 40\n');
    const stored = await settings.get(PORTAL);
    expect(stored.version).toBe(2);
    expect(stored.settings).toEqual({ ...DEFAULT_SETTINGS, keyAccountCapacity: 40, thresholds: { attractiveness: 'portfolio-average', strength: 'portfolio-average' } });
    const jobs = await passQueue.getJobs(['waiting', 'delayed', 'prioritized']);
    expect(jobs.map((j) => j.data)).toEqual([{ portalId: PORTAL, reason: 'settings' }]);
    const get = fakeIo({});
    expect(await runSettingsGet(PORTAL, get.io, open)).toBe(0);
    expect(JSON.parse(get.stdout())).toEqual(stored.settings);
    expect(get.stderr()).toBe(`portal ${PORTAL}, model version 2\n`);
    expect(closed).toBe(opened);
  });

  it('when a bad file is set, then every problem is printed, exit 2, the old settings and version stay and no pass is queued', async () => {
    await saveSettings(settings, PORTAL, { keyAccountCapacity: 12 });
    const before = await settings.get(PORTAL);
    const io = fakeIo(FILES);
    expect(await runSettingsSet(PORTAL, 'bad.json', io.io, open)).toBe(2);
    expect(io.stderr().match(/^ {2}- /gm)).toHaveLength(4);
    expect(await settings.get(PORTAL)).toEqual(before);
    expect(await passQueue.count()).toBe(0);
  });

  it('when a bad file is set with --replace, then it is refused before Redis is opened', async () => {
    const io = fakeIo(FILES);
    expect(await runSettingsSet(PORTAL, 'bad.json', io.io, open, { replace: true })).toBe(2);
    expect(io.stderr().match(/^ {2}- /gm)).toHaveLength(4);
    expect(opened).toBe(0);
  });

  it('when a partial file is set, then it merges: the fields it does not name stay, null resets one to its default', async () => {
    await saveSettings(settings, PORTAL, { keyAccountCapacity: 12, profitTarget: 70_000, attractivenessWeights: { size: 2 } });
    expect(await runSettingsSet(PORTAL, 'capacity.json', fakeIo(FILES).io, open)).toBe(0);
    expect((await settings.get(PORTAL)).settings).toMatchObject({ keyAccountCapacity: 30, profitTarget: 70_000, attractivenessWeights: { size: 2 } });
    expect(await runSettingsSet(PORTAL, 'reset-target.json', fakeIo(FILES).io, open)).toBe(0);
    expect((await settings.get(PORTAL)).settings).toMatchObject({ keyAccountCapacity: 30, profitTarget: DEFAULT_SETTINGS.profitTarget, attractivenessWeights: { size: 2 } });
  });

  it("when the HubSpot account fields are switched on from a file, then only that changes (overwriting hand values stays off), and a bad value is named", async () => {
    await saveSettings(settings, PORTAL, { keyAccountCapacity: 12 });
    const io = fakeIo(FILES);
    expect(await runSettingsSet(PORTAL, 'account-fields-on.json', io.io, open)).toBe(0);
    expect(io.stdout()).toContain('  settings.hubspotAccountFields.write: false -> true\n');
    expect((await settings.get(PORTAL)).settings).toMatchObject({ keyAccountCapacity: 12, hubspotAccountFields: { write: true, overwriteByHand: false } });
    const bad = fakeIo(FILES);
    expect(await runSettingsSet(PORTAL, 'account-fields-bad.json', bad.io, open)).toBe(2);
    expect(bad.stderr()).toMatch(/- settings\.hubspotAccountFields\.write: .*expected boolean/);
    expect((await settings.get(PORTAL)).settings.hubspotAccountFields.write).toBe(true);
  });

  it('when a partial file is set with --replace, then every field it does not name goes back to its default', async () => {
    await saveSettings(settings, PORTAL, { keyAccountCapacity: 12, profitTarget: 70_000 });
    expect(await runSettingsSet(PORTAL, 'capacity.json', fakeIo(FILES).io, open, { replace: true })).toBe(0);
    expect((await settings.get(PORTAL)).settings).toEqual({ ...DEFAULT_SETTINGS, keyAccountCapacity: 30 });
  });

  it('when --if-version is older than the stored version, then set refuses with the conflict and saves nothing', async () => {
    await saveSettings(settings, PORTAL, { keyAccountCapacity: 12 });
    const io = fakeIo(FILES);
    expect(await runSettingsSet(PORTAL, 'capacity.json', io.io, open, { ifVersion: 1 })).toBe(2);
    expect(io.stderr()).toContain('the settings changed since version 1 (now version 2); nothing was saved');
    expect((await settings.get(PORTAL)).settings.keyAccountCapacity).toBe(12);
  });

  it('when the same file is set twice, then the second changes nothing and queues no pass', async () => {
    expect(await runSettingsSet(PORTAL, 'capacity.json', fakeIo(FILES).io, open)).toBe(0);
    await passQueue.obliterate({ force: true });
    const io = fakeIo(FILES);
    expect(await runSettingsSet(PORTAL, 'capacity.json', io.io, open)).toBe(0);
    expect(io.stdout()).toBe(`nothing changed for portal ${PORTAL}; model version stays 2\n`);
    expect(await passQueue.count()).toBe(0);
  });

  it('when settings changed and one change is restored, then history lists each change with who and the fields, and the restore is the newest', async () => {
    expect(await runSettingsSet(PORTAL, 'capacity.json', fakeIo(FILES).io, open)).toBe(0);
    expect(await runSettingsSet(PORTAL, 'good.json', fakeIo(FILES).io, open)).toBe(0);
    const restore = fakeIo(FILES);
    expect(await runSettingsRestore(PORTAL, '2', restore.io, open)).toBe(0);
    expect(restore.stdout()).toContain('settings.keyAccountCapacity: 40 -> 30');
    expect((await settings.get(PORTAL)).settings).toMatchObject({ keyAccountCapacity: 30, thresholds: { strength: DEFAULT_SETTINGS.thresholds.strength } });
    const history = fakeIo({});
    expect(await runSettingsHistory(PORTAL, history.io, open)).toBe(0);
    const lines = history.stdout().split('\n').filter((l) => l.startsWith('version '));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^version 4 {2}\S+ {2}operator {2}restore \(restored 2\), based on version 3$/);
    expect(lines[2]).toMatch(/^version 2 .* patch, based on version 1$/);
    expect(history.stdout()).toContain('    settings.keyAccountCapacity: 25 -> 30\n');
    const missing = fakeIo({});
    expect(await runSettingsRestore(PORTAL, '77', missing.io, open)).toBe(2);
    expect(missing.stderr()).toContain(`portal ${PORTAL} has no history entry 77`);
  });

  it('when stored settings no longer validate, then get prints the settings in force and names each stored problem', async () => {
    await redis.hset(settingsKeys(prefix, PORTAL).settings, 'json', JSON.stringify({ ...DEFAULT_SETTINGS, keyAccountCapacity: 40, retired: 1 }), 'version', '3');
    const io = fakeIo({});
    expect(await runSettingsGet(PORTAL, io.io, open)).toBe(0);
    expect(JSON.parse(io.stdout()).keyAccountCapacity).toBe(40);
    expect(io.stderr()).toMatch(/stored settings that no longer validate:\n {2}- settings: .*retired.*stored value kept/);
  });

  it('when the portal has not installed the app, then get and set refuse with exit 2 and save nothing', async () => {
    const io = fakeIo(FILES);
    expect(await runSettingsSet('555', 'good.json', io.io, open)).toBe(2);
    expect(await runSettingsGet('abc', io.io, open)).toBe(2);
    expect(io.stderr()).toContain(`portal 555 has not installed the app (installed: ${PORTAL})`);
    expect(io.stderr()).toContain("--portal must be a numeric HubSpot portal id, not 'abc'");
    expect(await redis.exists(portalKeys(prefix, '555').settings)).toBe(0);
    expect(await passQueue.count()).toBe(0);
    expect(closed).toBe(opened);
  });
});

describe('kam settings validate (child process)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kam-settings-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = promisify(execFile);
  const kam = async (...args: string[]) => {
    try {
      const { stdout, stderr } = await run(join(process.cwd(), 'node_modules', '.bin', 'tsx'), ['src/cli.ts', ...args], {
        cwd: process.cwd(), env: { ...process.env, REDIS_URL: 'redis://127.0.0.1:1' },
      });
      return { code: 0, stdout, stderr };
    } catch (err) {
      const e = err as { code?: number; stdout?: string; stderr?: string };
      return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
    }
  };

  it('when the real CLI validates a bad file with Redis unreachable, then it lists every problem and exits 2', async () => {
    writeFileSync(join(dir, 'bad.json'), BAD);
    writeFileSync(join(dir, 'good.json'), GOOD);
    const bad = await kam('settings', 'validate', join(dir, 'bad.json'));
    expect(bad.code).toBe(2);
    expect(bad.stderr.match(/^ {2}- /gm)).toHaveLength(4);
    const good = await kam('settings', 'validate', join(dir, 'good.json'));
    expect(good).toMatchObject({ code: 0, stderr: '' });
    expect(good.stdout).toContain('valid settings');
  });
});
