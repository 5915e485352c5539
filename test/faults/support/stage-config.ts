// The configuration of a fault stage's app: the server's, and the same as environment variables for
// the worker processes, exactly as an operator would set them.
import { loadConfig, type Config } from '../../../src/config.ts';
import { freePort } from '../../../src/embedded/private-redis.ts';
import type { Sandbox } from '../../../src/sandbox/index.ts';
import type { StageOptions } from './fault-stage.ts';
import { sandboxAppEnv } from '../../support/test-config.ts';

export async function appConfig(options: StageOptions, sandbox: Sandbox, dataDir: string): Promise<Config> {
  const port = await freePort();
  return loadConfig({
    ...sandboxAppEnv(sandbox, port), REDIS_URL: options.redisUrl, QUEUE_PREFIX: options.prefix, DATA_DIR: dataDir, LOG_LEVEL: 'warn',
    FLUSH_DELAY_MS: String(options.flushDelayMs ?? 500),
    HUBSPOT_TIMEOUT_MS: options.requestTimeoutMs === undefined ? undefined : String(options.requestTimeoutMs),
  });
}

/** The worker's environment; `base` is its HUBSPOT_API_BASE (the sandbox, or its proxy URL). */
export function workerEnv(config: Config, base: string): Record<string, string> {
  const keys = ['REDIS_URL', 'QUEUE_PREFIX', 'HUBSPOT_CLIENT_ID', 'HUBSPOT_CLIENT_SECRET', 'HUBSPOT_APP_ID', 'HUBSPOT_TIMEOUT_MS', 'TOKEN_ENCRYPTION_KEY', 'DATA_DIR', 'PUBLIC_BASE_URL'] as const;
  const env: Record<string, string> = { HUBSPOT_API_BASE: base, LOG_LEVEL: 'info', WORKER_CONCURRENCY: String(config.WORKER_CONCURRENCY) };
  for (const k of keys) env[k] = String(config[k] ?? '');
  return env;
}
