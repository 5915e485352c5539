// Finds a real Redis for the whole run: REDIS_URL when set, else 127.0.0.1:6379 when it answers,
// else a private redis-server from the PATH on a free port (stopped when the run ends).
// Tests read the address with `inject('redisUrl')`.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../src/embedded/private-redis.ts';
import { redisAnswers } from '../../src/redis-connections.ts';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}



let child: ChildProcess | undefined;
let dir: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  const candidates = [process.env.REDIS_URL, 'redis://127.0.0.1:6379'].filter((u): u is string => !!u);
  for (const url of candidates) {
    if (await redisAnswers(url)) {
      project.provide('redisUrl', url);
      return;
    }
  }
  const port = await freePort();
  dir = mkdtempSync(join(tmpdir(), 'kam-test-redis-'));
  child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
  child.on('error', (err) => {
    throw new Error(`no Redis answers and redis-server could not be started (${err.message}); install redis-server or set REDIS_URL`);
  });
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 100 && !(await redisAnswers(url)); i++) await new Promise((r) => setTimeout(r, 50));
  if (!(await redisAnswers(url))) throw new Error(`redis-server on port ${port} did not answer`);
  project.provide('redisUrl', url);
}

export async function teardown(): Promise<void> {
  child?.kill('SIGTERM');
  if (dir) rmSync(dir, { recursive: true, force: true });
}
