// The CLI finds the app it serves: with no REDIS_URL it talks to the Redis that data/embedded.json
// names (what `npm start` wrote), says which, and says plainly when that Redis no longer answers.
// The real `kam` in a child process, as a user runs it.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freePort } from '../../src/embedded/private-redis.ts';
import { embeddedFilePath, writeEmbeddedFile, type EmbeddedFile } from '../../src/embedded/embedded-file.ts';
import { createPortalStore } from '../../src/store/portal-store.ts';
import { testRedisUrl, useTestRedis } from '../support/redis.ts';

const run = promisify(execFile);
const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');

let dataDir: string;
const ctx = useTestRedis();
beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'kam-cli-redis-'));
});
afterEach(async () => {
  rmSync(dataDir, { recursive: true, force: true });
});

/** `kam …` with DATA_DIR set and REDIS_URL / QUEUE_PREFIX unset, whatever the test runner has. */
async function kam(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { REDIS_URL: _r, QUEUE_PREFIX: _q, ...env } = process.env;
  try {
    const { stdout, stderr } = await run(TSX, ['src/cli.ts', ...args], { cwd: process.cwd(), env: { ...env, DATA_DIR: dataDir }, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

function embedded(redisUrl: string): EmbeddedFile {
  return {
    appUrl: 'http://127.0.0.1:31010', sandboxUrl: 'http://127.0.0.1:31011', portalId: '24681357', appId: '3141592', clientId: 'client-id',
    clientSecret: 'client-secret', sandboxApiToken: 'pat-na1-test', redisUrl, queuePrefix: `{${ctx.prefix}}`, operatorToken: 'operator',
    pid: 1, startedAt: '2026-12-06T06:00:00.000Z', node: 'v24.21.0',
  };
}

describe('kam and the app npm start runs', () => {
  it('when data/embedded.json names the app\'s Redis, then kam portal list reads that Redis and says so', async () => {
    writeEmbeddedFile(dataDir, embedded(testRedisUrl()));
    expect(statSync(embeddedFilePath(dataDir)).mode & 0o777).toBe(0o600);
    await createPortalStore({ redis: ctx.redis, prefix: `{${ctx.prefix}}` }).markInstalled('24681357', { scopes: ['oauth'] });
    const { code, stdout, stderr } = await kam('portal', 'list');
    expect(code).toBe(0);
    expect(stderr).toContain(`Redis ${testRedisUrl()}, from the app npm start started at 2026-12-06T06:00:00.000Z`);
    expect(stdout).toContain('24681357');
    expect(stdout).not.toContain('No portal installed');
  });

  it('when the Redis that data/embedded.json names no longer answers, then kam says so plainly and exits 1 without waiting', async () => {
    const gone = `redis://127.0.0.1:${await freePort()}`;
    writeEmbeddedFile(dataDir, embedded(gone));
    for (const args of [['portal', 'list'], ['backfill', '--portal', '24681357'], ['jobs', 'failed']]) {
      const { code, stdout, stderr } = await kam(...args);
      expect(code, args.join(' ')).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toContain(`No Redis answers at ${gone}.`);
      expect(stderr).toContain('Start it again with npm start');
      expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
    }
  });
});
