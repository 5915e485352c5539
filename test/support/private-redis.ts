// A redis-server of a test's own, never the shared one: the app's launcher (src/embedded) in a
// temporary directory that goes with it. A test may crash it, freeze it, shut it down and start it
// again on the same port and directory (it reloads its AOF). No vitest import: the global setup
// and the fault-suite script use it too.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { redisServer, type RedisServerOptions } from '../../src/embedded/private-redis.ts';
import { DEFAULT_REDIS_URL, redisAnswers } from '../../src/redis-connections.ts';

export interface PrivateRedis {
  readonly url: string;
  /** Starts it again after a kill or a shutdown. */
  start(): Promise<void>;
  /** SIGKILL: a crash, not a clean shutdown. */
  kill(): Promise<void>;
  /** SIGSTOP / SIGCONT: a Redis that stops answering without closing its connections. */
  freeze(): void;
  thaw(): void;
  /** SHUTDOWN NOSAVE: Redis goes away cleanly (the AOF is flushed), clients see it unreachable. */
  shutdown(): Promise<void>;
  dispose(): Promise<void>;
}

/** Started; append-only with fsync every second unless told (`always`: what was acknowledged survives a crash). */
export async function privateRedis(persistence: RedisServerOptions['persistence'] = 'everysec'): Promise<PrivateRedis> {
  const dir = mkdtempSync(join(tmpdir(), 'kam-test-redis-'));
  const server = await redisServer({ dir, persistence });
  await server.start();
  return {
    url: server.url,
    start: () => server.start(),
    kill: () => server.stop('SIGKILL'),
    freeze: () => server.signal('SIGSTOP'),
    thaw: () => server.signal('SIGCONT'),
    async shutdown() {
      const client = new Redis(server.url, { maxRetriesPerRequest: 0, retryStrategy: () => null });
      client.on('error', () => undefined);
      await client.call('SHUTDOWN', 'NOSAVE').catch(() => undefined); // the connection closes under the reply
      client.disconnect();
      await server.exited();
    },
    async dispose() {
      server.signal('SIGCONT'); // a frozen server takes no SIGKILL until it runs again
      await server.stop('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A Redis for a whole run: REDIS_URL or 127.0.0.1:6379, the first that answers, else a private
 * redis-server without persistence (`dispose` stops it; on a shared one it does nothing).
 */
export async function runRedis(): Promise<{ url: string; own: boolean; dispose: () => Promise<void> }> {
  for (const url of [process.env.REDIS_URL, DEFAULT_REDIS_URL]) {
    if (url && (await redisAnswers(url))) return { url, own: false, dispose: async () => undefined };
  }
  const own = await privateRedis('none');
  return { url: own.url, own: true, dispose: () => own.dispose() };
}
