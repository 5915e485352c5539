// The Redis connections a process opens, each with the options its role needs. REDIS_URL names one
// Redis (`redis://…`, `rediss://…`) or a Redis Cluster: `redis-cluster://host:port,host:port,…`
// (any reachable masters; ioredis discovers the rest, a password as `redis-cluster://:pw@host:port,…`).
import { Cluster, Redis, type RedisOptions } from 'ioredis';
import type { Logger } from './logger.ts';
import type { RedisClient } from './store/redis-client.ts';

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
const CLUSTER_SCHEME = 'redis-cluster://';

export const isClusterUrl = (url: string): boolean => url.startsWith(CLUSTER_SCHEME);

/** The seed nodes and password of a `redis-cluster://` URL. */
export function parseClusterUrl(url: string): { nodes: { host: string; port: number }[]; password?: string } {
  let password: string | undefined;
  const nodes = url.slice(CLUSTER_SCHEME.length).replace(/\/.*$/, '').split(',').filter(Boolean).map((entry) => {
    const at = entry.lastIndexOf('@');
    if (at >= 0) password ??= decodeURIComponent(entry.slice(0, at).replace(/^[^:]*:/, '')) || undefined;
    const [host, port] = entry.slice(at + 1).split(':');
    if (!host || !port || !/^\d+$/.test(port)) throw new Error(`REDIS_URL: '${entry.slice(at + 1)}' is not host:port`);
    return { host, port: Number(port) };
  });
  if (nodes.length === 0) throw new Error('REDIS_URL: a redis-cluster:// URL needs at least one host:port');
  return { nodes, password };
}

/** One Redis or a Cluster, from the URL, every connection with these options. */
export function createRedisClient(url: string, options: RedisOptions = {}): RedisClient {
  if (!isClusterUrl(url)) return new Redis(url, options);
  const { nodes, password } = parseClusterUrl(url);
  return new Cluster(nodes, {
    redisOptions: { ...options, ...(password ? { password } : {}) },
    enableOfflineQueue: options.enableOfflineQueue ?? true,
    enableReadyCheck: options.enableReadyCheck ?? true,
    enableAutoPipelining: options.enableAutoPipelining ?? false,
    ...(options.maxRetriesPerRequest === null ? { maxRedirections: 16 } : {}),
  });
}

function reportErrors(redis: RedisClient, logger: Logger): RedisClient {
  redis.on('error', (err: Error) => logger.warn({ err: { message: err.message } }, 'redis connection error'));
  return redis;
}

/** BullMQ workers block on Redis and must never give up a command (BullMQ's own requirement). */
export function createWorkerRedis(url: string, logger: Logger): RedisClient {
  return reportErrors(createRedisClient(url, { maxRetriesPerRequest: null, enableReadyCheck: true }), logger);
}

/**
 * State reads and writes from jobs and the CLI: a few retries, then an error the job retries.
 * Auto-pipelined: the commands dozens of jobs issue in one tick go out in one write, not one
 * write (and one system call) each, which was the worker's largest single cost with many portals.
 */
export function createStateRedis(url: string, logger: Logger): RedisClient {
  return reportErrors(createRedisClient(url, { maxRetriesPerRequest: 3, enableAutoPipelining: true }), logger);
}

/** Whether a Redis (or a cluster's seed node) answers PING at `url`, without retrying or reporting a refused connection. */
export async function redisAnswers(url: string, timeoutMs = 500): Promise<boolean> {
  const target = isClusterUrl(url) ? parseClusterUrl(url).nodes[0]! : url;
  const options: RedisOptions = { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: timeoutMs, retryStrategy: () => null };
  const client = typeof target === 'string' ? new Redis(target, options) : new Redis({ ...target, ...options });
  client.on('error', () => undefined); // a refused probe is an answer, not an error to report
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}
