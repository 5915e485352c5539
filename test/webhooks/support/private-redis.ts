// A private redis-server that a test may kill and restart without touching the shared one.
// Append-only with fsync on every write, so what was acknowledged before a crash is still there.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../../src/embedded/private-redis.ts';
import { redisAnswers } from '../../../src/redis-connections.ts';

export { freePort };


export interface PrivateRedis {
  url: string;
  start: () => Promise<void>;
  /** SIGSTOP / SIGCONT: a Redis that stops answering without closing its connections. */
  freeze: () => void;
  thaw: () => void;
  /** SIGKILL: a crash, not a clean shutdown. */
  kill: () => Promise<void>;
  dispose: () => Promise<void>;
}

export async function privateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'kam-webhook-redis-'));
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  const start = async (): Promise<void> => {
    child = spawn('redis-server', [
      '--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--appendfsync', 'always', '--dir', dir,
    ], { stdio: 'ignore' });
    for (let i = 0; i < 100 && !(await redisAnswers(url)); i++) await new Promise((r) => setTimeout(r, 50));
    if (!(await redisAnswers(url))) throw new Error(`private redis-server on ${port} did not start`);
  };
  const kill = async (): Promise<void> => {
    const running = child;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGKILL');
    });
  };
  const dispose = async (): Promise<void> => {
    child?.kill('SIGCONT');
    await kill();
    rmSync(dir, { recursive: true, force: true });
  };
  await start();
  return { url, start, kill, dispose, freeze: () => void child?.kill('SIGSTOP'), thaw: () => void child?.kill('SIGCONT') };
}
