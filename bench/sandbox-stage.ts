// The stage of the sandbox benchmarks: the embedded app (server + worker) against the local
// HubSpot with latency and the rate limit on, on the machine's Redis under a private prefix.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { loadConfig } from '../src/config.ts';
import { startEmbedded, type Embedded } from '../src/embedded/start-embedded.ts';
import { createLogger } from '../src/logger.ts';
import type { SandboxOptions } from '../src/sandbox/index.ts';
import { dirtyCounts } from '../src/store/dirty-marks.ts';
import { deleteKeysMatching } from '../test/support/redis-keys.ts';
import { portalKeys } from '../src/store/portal-keys.ts';
import { waitFor } from '../test/support/wait-for.ts';

export interface Stage {
  app: Embedded;
  redis: Redis;
  prefix: string;
  /** Resolves when every webhook is delivered and every dirty mark processed. */
  settled(limitMs?: number): Promise<void>;
  scored(): boolean;
  /** Resolves when the install pass has scored every company and everything has settled. */
  installed(): Promise<void>;
  close(): Promise<void>;
}

export const REALISTIC: SandboxOptions = { faults: { latencyMs: 30, jitterMs: 20 }, rateLimit: { enabled: true, perTenSeconds: 110, searchPerSecond: 5 } };

export async function startStage(companies: number, env: Record<string, string> = {}, sandbox: SandboxOptions = REALISTIC, options: { accountDepth?: boolean } = {}): Promise<Stage> {
  const prefix = `{kambench-${process.pid}-${Date.now()}}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'kam-bench-'));
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  // No daily pass: the portal's time of day falling inside a measured run would add a full pass to it.
  const base = loadConfig({ REDIS_URL: redisUrl, QUEUE_PREFIX: prefix, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'error', DAILY_PASSES: 'off', ...env });
  const app = await startEmbedded(base, createLogger({ level: 'error' }), { companies, sandbox, accountDepth: options.accountDepth });
  const redis = new Redis(redisUrl);
  const portal = app.sandbox.portalId;
  const scored = (): boolean => app.sandbox.store.all('companies').every((c) => !!c.properties.kam_category);
  const settled = async (limitMs = 600_000): Promise<void> => {
    await app.sandbox.webhooks.idle();
    await waitFor(async () => {
      const d = await dirtyCounts(redis, prefix, portal);
      return d.companies === 0 && d.deals === 0 && d.contacts === 0 && (await redis.exists(portalKeys(prefix, portal).lock)) === 0;
    }, 'the flush to finish', limitMs, 25);
  };
  return {
    app,
    redis,
    prefix,
    scored,
    settled,
    async installed() {
      await waitFor(scored, 'the install pass', 600_000, 25);
      await settled();
    },
    async close() {
      await app.close();
      await deleteKeysMatching(redis, `${prefix}*`);
      // The portal's own keys: `kambench-…:{<portal>}:…` (src/store/portal-keys.ts).
      await deleteKeysMatching(redis, `${prefix.replace(/[{}]/g, '')}:{*`);
      redis.disconnect();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
