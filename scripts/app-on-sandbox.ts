// The whole app against a sandbox hosting several portals, for scripts that measure it: a sandbox
// seeded with one portfolio per size, the app's server and one worker process's workers on the
// given Redis (one Redis or a cluster), every portal installed through OAuth and its first pass
// done.
import { loadConfig, type Config } from '../src/config.ts';
import { installThroughOAuth } from '../src/embedded/install-into-sandbox.ts';
import { freePort } from '../src/embedded/private-redis.ts';
import { createLogger } from '../src/logger.ts';
import { createStateRedis } from '../src/redis-connections.ts';
import { createSandbox, seedPortals, type Sandbox } from '../src/sandbox/index.ts';
import { startServer } from '../src/server.ts';
import { dirtyCounts } from '../src/store/dirty-marks.ts';
import { portalLockKey } from '../src/store/portal-lock.ts';
import type { RedisClient } from '../src/store/redis-client.ts';
import { startWorker } from '../src/worker.ts';
import { sandboxAppEnv } from '../test/support/test-config.ts';
import { waitFor } from '../test/support/wait-for.ts';

export interface AppOnSandbox {
  sandbox: Sandbox;
  portalIds: string[];
  config: Config;
  redis: RedisClient;
  prefix: string;
  /** Every webhook delivered and, in every portal, no mark and no lock left. */
  settled(limitMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startAppOnSandbox(options: { redisUrl: string; sizes: readonly number[]; asOf: Date; env?: Record<string, string>; accountDepth?: boolean }): Promise<AppOnSandbox> {
  const logger = createLogger({ level: 'error' });
  const sandbox = await createSandbox({ logger });
  const portalIds = seedPortals(sandbox, { sizes: options.sizes, asOf: options.asOf, seed: 42, accountDepth: options.accountDepth }).map((p) => p.portalId);
  const port = await freePort();
  const config = loadConfig({
    ...sandboxAppEnv(sandbox, port), REDIS_URL: options.redisUrl, LOG_LEVEL: 'error', WORKER_CONCURRENCY: '8', FLUSH_DELAY_MS: '500', ...options.env,
  });
  const server = await startServer(config, logger);
  const workers = await startWorker(config, logger);
  const redis = createStateRedis(options.redisUrl, logger);
  const prefix = config.QUEUE_PREFIX;
  const close = async (): Promise<void> => {
    await workers.close();
    await server.close();
    await sandbox.close();
    redis.disconnect();
  };
  try {
    sandbox.webhooks.setTarget(`${config.PUBLIC_BASE_URL}/webhooks/hubspot`);
    for (const id of portalIds) {
      const installed = await installThroughOAuth(server.url, id);
      if (installed.status !== 200) throw new Error(`installing portal ${id} failed (${installed.status})`);
    }
    const scored = (id: string): boolean => sandbox.portal(id).all('companies').every((c) => !!c.properties.kam_category);
    await waitFor(() => portalIds.every(scored), 'every portal\'s first pass', 900_000, 200);
  } catch (err) {
    await close();
    throw err;
  }
  return {
    sandbox, portalIds, config, redis, prefix, close,
    async settled(limitMs = 600_000) {
      await sandbox.webhooks.idle();
      await waitFor(async () => {
        for (const id of portalIds) {
          const d = await dirtyCounts(redis, prefix, id);
          if (d.companies + d.deals + d.retiredCompanies > 0 || (await redis.exists(portalLockKey(prefix, id))) === 1) return false;
        }
        return true;
      }, 'every flush to finish', limitMs, 200);
    },
  };
}
