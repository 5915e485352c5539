// A redis-server from the PATH on a port of its own: the embedded default's Redis (its AOF under the
// project's data folder, stopped with the app), and the one launcher the tests start theirs with.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { redisAnswers } from '../redis-connections.ts';

export class RedisNotInstalledError extends Error {
  override name = 'RedisNotInstalledError';
  constructor() {
    super('no Redis: set REDIS_URL to a running Redis, or install redis-server (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis)');
  }
}

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no free port'))));
    });
  });
}

export interface RedisServerOptions {
  /** Where its files (the AOF) live. */
  dir: string;
  /** How it keeps what it acknowledged: an AOF fsynced every second (the default), on every write, or nothing. */
  persistence?: 'everysec' | 'always' | 'none';
}

export interface RedisServer {
  readonly url: string;
  /** Starts it (again: the same port and directory, so it reloads its AOF) and waits until it answers. */
  start(): Promise<void>;
  /** Sends the signal (SIGTERM: a clean stop; SIGKILL: a crash) and waits until it has exited. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Sends a signal and does not wait (SIGSTOP and SIGCONT freeze and thaw it). */
  signal(signal: NodeJS.Signals): void;
  /** Resolves once the running server has exited, however it went (a SHUTDOWN command too). */
  exited(): Promise<void>;
}

/** How long a redis-server may take to answer once started, on a busy machine. */
const READY_WITHIN_MS = 10_000;

/** A redis-server on a free port of 127.0.0.1, not started yet. */
export async function redisServer(options: RedisServerOptions): Promise<RedisServer> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  const persistence = options.persistence ?? 'everysec';
  const args = [
    '--port', String(port), '--bind', '127.0.0.1', '--dir', options.dir, '--save', '', '--maxmemory-policy', 'noeviction',
    ...(persistence === 'none' ? ['--appendonly', 'no'] : ['--appendonly', 'yes', '--appendfsync', persistence]),
  ];
  let child: ChildProcess | undefined;
  let exit: Promise<void> = Promise.resolve();
  const running = (): ChildProcess | undefined => (child && child.exitCode === null && child.signalCode === null ? child : undefined);

  return {
    url,
    async start() {
      const c = spawn('redis-server', args, { stdio: 'ignore' });
      child = c;
      // A redis-server that never started (not installed) has no exit to wait for.
      exit = new Promise<void>((done) => c.once('exit', () => done()).once('error', () => done()));
      const spawnError = new Promise<never>((_, fail) => c.once('error', () => fail(new RedisNotInstalledError())));
      const ready = (async () => {
        for (const until = Date.now() + READY_WITHIN_MS; Date.now() < until;) {
          if (await redisAnswers(url)) return;
          await new Promise((r) => setTimeout(r, 50));
        }
        throw new Error(`redis-server on port ${port} did not answer`);
      })();
      await Promise.race([ready, spawnError]);
    },
    async stop(signal = 'SIGTERM') {
      running()?.kill(signal);
      await exit;
    },
    signal(signal) {
      running()?.kill(signal);
    },
    exited: () => exit,
  };
}

export interface PrivateRedis {
  url: string;
  stop(): Promise<void>;
}

/** The embedded default's Redis: its AOF under `dataDir`/redis. */
export async function startPrivateRedis(dataDir: string): Promise<PrivateRedis> {
  const dir = resolve(dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  const server = await redisServer({ dir });
  await server.start();
  return { url: server.url, stop: () => server.stop() };
}
