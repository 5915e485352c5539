// A redis-server of the scenario's own, on a free port with append-only persistence, that it may
// stop and start again on the same port and directory (never the shared Redis on 6379).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from '../../../src/embedded/private-redis.ts';
import { redisAnswers } from '../../../src/redis-connections.ts';
import { waitFor } from './wait-for.ts';

export interface PrivateRedis {
  readonly url: string;
  /** SHUTDOWN NOSAVE: Redis goes away cleanly (the AOF is flushed), clients see it unreachable. */
  shutdown(): Promise<void>;
  /** Starts it again on the same port and directory; it reloads its AOF. */
  start(): Promise<void>;
  dispose(): Promise<void>;
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'kam-faults-redis-'));
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();

  const start = async (): Promise<void> => {
    const c = spawn('redis-server', [
      '--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '',
      '--appendonly', 'yes', '--appendfsync', 'everysec', '--maxmemory-policy', 'noeviction',
    ], { stdio: 'ignore' });
    child = c;
    exited = new Promise<void>((resolve) => c.once('exit', () => resolve()));
    await waitFor(() => redisAnswers(url), `redis-server on ${port} answers`, 10_000, 50);
  };

  const shutdown = async (): Promise<void> => {
    const client = new Redis(url, { maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => undefined);
    await client.call('SHUTDOWN', 'NOSAVE').catch(() => undefined); // the connection closes under the reply
    client.disconnect();
    await exited;
  };

  await start();
  return {
    url,
    shutdown,
    start,
    async dispose() {
      if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
