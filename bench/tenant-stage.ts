// The stage of the many-portals benchmark: one sandbox hosting every portal of the scenario (with
// latency and HubSpot's limit) and the app's server in this process, and one worker process
// (`src/worker.ts`, started as production starts it) on the machine's Redis under a private prefix,
// every portal installed through OAuth. The worker runs apart so that the sandbox answering 200
// portals and the bench's own polling do not take the worker's event loop (quality.md: one worker
// process). It can be restarted with other settings (P6a runs at 2 calls per 10 s on the app's side too).
import { Redis } from 'ioredis';
import { loadConfig, type Config } from '../src/config.ts';
import { installThroughOAuth } from '../src/embedded/install-into-sandbox.ts';
import { freePort } from '../src/embedded/private-redis.ts';
import { createLogger } from '../src/logger.ts';
import { createSandbox, seedPortals, type Sandbox, type SeededPortal } from '../src/sandbox/index.ts';
import { startServer, type RunningServer } from '../src/server.ts';
import { dirtyCounts } from '../src/store/dirty-marks.ts';
import { portalLockKey } from '../src/store/portal-lock.ts';
import { spawnWorker, type WorkerProcess } from '../test/faults/support/worker-process.ts';
import { deleteKeysMatching } from '../test/support/redis-keys.ts';
import { waitFor } from '../test/support/wait-for.ts';
import { REALISTIC } from './sandbox-stage.ts';
import { sandboxAppEnv } from '../test/support/test-config.ts';

export interface TenantStage {
  sandbox: Sandbox;
  portals: SeededPortal[];
  config: Config;
  redis: Redis;
  prefix: string;
  /** Stops the worker and starts a new one with these settings on top (same Redis, same state). */
  restartWorker(env: Record<string, string>): Promise<void>;
  /** Every delivery done and, for these portals, no dirty mark and no lock left. */
  settled(portalIds: readonly string[], limitMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startTenantStage(sizes: readonly number[], env: Record<string, string>, asOf: Date): Promise<TenantStage> {
  const prefix = `{kambench-tenants-${process.pid}-${Date.now()}}`;
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const logger = createLogger({ level: 'error' });
  const sandbox = await createSandbox({ ...REALISTIC, logger });
  const portals = seedPortals(sandbox, { sizes, asOf, seed: 42 });
  const port = await freePort();
  // No daily pass: a portal's time of day falling inside a measured scenario would add a full pass to it.
  const settings = { ...sandboxAppEnv(sandbox, port), REDIS_URL: redisUrl, QUEUE_PREFIX: prefix, LOG_LEVEL: 'error', DAILY_PASSES: 'off', ...env };
  const config = loadConfig(settings);
  const server: RunningServer = await startServer(config, logger);
  // The worker logs at info: the worker-process harness knows it is up from its "workers started".
  // TENANTS_WORKER_NODE_OPTIONS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`) shows where the worker's time goes.
  const nodeOptions: Record<string, string> = process.env.TENANTS_WORKER_NODE_OPTIONS ? { NODE_OPTIONS: process.env.TENANTS_WORKER_NODE_OPTIONS } : {};
  const startWorkerProcess = (more: Record<string, string>): Promise<WorkerProcess> => spawnWorker('tenants-worker', { ...settings, ...more, ...nodeOptions, LOG_LEVEL: 'info' });
  let worker = await startWorkerProcess({});
  sandbox.webhooks.setTarget(`${config.PUBLIC_BASE_URL}/webhooks/hubspot`);
  for (const { portalId } of portals) {
    const installed = await installThroughOAuth(server.url, portalId);
    if (installed.status !== 200) throw new Error(`installing portal ${portalId} failed (${installed.status})`);
  }
  const redis = new Redis(redisUrl);
  return {
    sandbox, portals, config, redis, prefix,
    async restartWorker(more) {
      await worker.stop();
      worker = await startWorkerProcess(more);
    },
    async settled(portalIds, limitMs = 1_200_000) {
      await sandbox.webhooks.idle();
      await waitFor(async () => {
        for (const id of portalIds) {
          const d = await dirtyCounts(redis, prefix, id);
          if (d.companies + d.deals > 0 || (await redis.exists(portalLockKey(prefix, id))) === 1) return false;
        }
        return true;
      }, 'every flush to finish', limitMs, 25);
    },
    async close() {
      await worker.stop();
      await server.close();
      await sandbox.close();
      await deleteKeysMatching(redis, `${prefix}*`);
      await deleteKeysMatching(redis, `${prefix.replace(/[{}]/g, '')}:{*`);
      redis.disconnect();
    },
  };
}
