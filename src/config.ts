// The environment, validated once at start. Every problem is reported at once; empty strings
// count as missing; booleans read "false"/"0" as false.
import { z } from 'zod';
import { parseEncryptionKeys } from './crypto/token-cipher.ts';

const emptyToUndefined = (v: unknown): unknown => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const opt = <T extends z.ZodTypeAny>(schema: T) => z.preprocess(emptyToUndefined, schema.optional());
const withDefault = <T extends z.ZodTypeAny>(schema: T, value: z.input<T>) =>
  z.preprocess(emptyToUndefined, schema.default(value as never));
const bool = z.preprocess((v) => (typeof v === 'string' ? !['false', '0', 'no', 'off'].includes(v.toLowerCase()) : v), z.boolean());

export const ConfigSchema = z.object({
  HUBSPOT_CLIENT_ID: opt(z.string()),
  HUBSPOT_CLIENT_SECRET: opt(z.string()),
  /** Accepted for webhook signatures during a secret rotation. */
  HUBSPOT_CLIENT_SECRET_PREVIOUS: opt(z.string()),
  HUBSPOT_APP_ID: opt(z.string().regex(/^\d+$/, 'must be the numeric app id')),
  HUBSPOT_API_BASE: withDefault(z.url(), 'https://api.hubapi.com'),
  HUBSPOT_AUTHORIZE_URL: withDefault(z.url(), 'https://app.hubspot.com/oauth/authorize'),
  /** A HubSpot call that has not answered by then fails as transient (and is retried). */
  HUBSPOT_TIMEOUT_MS: withDefault(z.coerce.number().int().min(100).max(300_000), 20_000),
  PUBLIC_BASE_URL: withDefault(z.url(), 'http://localhost:3000'),
  PORT: withDefault(z.coerce.number().int().min(0).max(65535), 3000),
  /** One Redis (redis://, rediss://) or a Redis Cluster (redis-cluster://host:port,host:port,…). */
  REDIS_URL: opt(z.string().regex(/^(rediss?|redis-cluster):\/\//, 'must start with redis://, rediss:// or redis-cluster://')),
  /** base64 32-byte keys, comma-separated; the first encrypts, all decrypt (rotation). */
  TOKEN_ENCRYPTION_KEY: opt(z.string().superRefine((spec, ctx) => {
    // Checked here so a bad key is reported with every other problem; the message never holds the key.
    try {
      parseEncryptionKeys(spec);
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: (err as Error).message.replace(/^TOKEN_ENCRYPTION_KEY /, '') });
    }
  })),
  ADMIN_TOKEN: opt(z.string().min(16, 'must be at least 16 characters')),
  /** Bearer token for /metrics (a scraper needs no admin rights); ADMIN_TOKEN works there too. */
  METRICS_TOKEN: opt(z.string().min(16, 'must be at least 16 characters')),
  LOG_LEVEL: withDefault(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']), 'info'),
  /** BullMQ and state key prefix; the braces make it a Redis Cluster hash tag. */
  QUEUE_PREFIX: withDefault(z.string().regex(/^\{[^{}:]+\}$/, 'must be a hash tag such as {kam}'), '{kam}'),
  FLUSH_DELAY_MS: withDefault(z.coerce.number().int().min(0).max(600_000), 2000),
  RATE_LIMIT_PER_10S: withDefault(z.coerce.number().int().min(1).max(1000), 110),
  SEARCH_RATE_PER_S: withDefault(z.coerce.number().int().min(1).max(100), 5),
  WORKER_CONCURRENCY: withDefault(z.coerce.number().int().min(1).max(64), 4),
  /**
   * Whether each portal gets a full pass every day at its own time (on by default). Off, a pass
   * runs on install, after a settings change and on \`kam backfill\`; the benchmarks turn it off
   * so that a portal's time of day cannot fall inside a measured scenario.
   */
  DAILY_PASSES: withDefault(z.enum(['on', 'off']), 'on'),
  WEBHOOK_MAX_BODY_BYTES: withDefault(z.coerce.number().int().min(1024), 1_048_576),
  /** Webhook bodies still arriving (not yet verifiable) are held to these; beyond them, 503. */
  WEBHOOK_UNVERIFIED_MAX_BYTES: withDefault(z.coerce.number().int().min(1024), 16_777_216),
  WEBHOOK_UNVERIFIED_MAX_REQUESTS: withDefault(z.coerce.number().int().min(1).max(100_000), 256),
  /** A webhook body not complete by then is dropped (HubSpot sends a batch in milliseconds). */
  WEBHOOK_BODY_TIMEOUT_MS: withDefault(z.coerce.number().int().min(100).max(60_000), 5000),
  DATA_DIR: withDefault(z.string(), 'data'),
  SANDBOX: opt(bool),
}).superRefine((c, ctx) => {
  // A chunked body may need the whole limit: the budget must hold at least one of them.
  // (Three quarters of it are open to large bodies: see webhooks/unverified-budget.ts.)
  if (c.WEBHOOK_UNVERIFIED_MAX_BYTES * 0.75 < c.WEBHOOK_MAX_BODY_BYTES) {
    ctx.addIssue({ code: 'custom', path: ['WEBHOOK_UNVERIFIED_MAX_BYTES'], message: 'must be at least 4/3 of WEBHOOK_MAX_BODY_BYTES' });
  }
});

export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Validates the whole environment; throws a ConfigError naming every problem. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  return parsed.data;
}

/**
 * For `npm run server` and `npm run worker`, which always talk to HubSpot: the environment as
 * loadConfig reads it, plus what those need (the token key), every problem reported at once.
 */
export function loadServiceConfig(env: Record<string, string | undefined> = process.env): Config {
  const problems: string[] = [];
  let config: Config | undefined;
  try {
    config = loadConfig(env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    problems.push(...err.problems);
  }
  if (emptyToUndefined(env.TOKEN_ENCRYPTION_KEY) === undefined) {
    problems.push('TOKEN_ENCRYPTION_KEY: required: one or more base64-encoded 32-byte keys, comma-separated (tokens are encrypted at rest)');
  }
  if (!config || problems.length) throw new ConfigError(problems);
  return config;
}

/** The configuration, or its problems on stderr and exit code 1 (a message for the operator, not a stack trace). */
export function configOrExit(load: () => Config): Config {
  try {
    return load();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
}

/** True when real HubSpot credentials are configured; otherwise the app runs on its sandbox. */
export function hasHubSpotCredentials(config: Config): boolean {
  return !!(config.HUBSPOT_CLIENT_ID && config.HUBSPOT_CLIENT_SECRET && config.HUBSPOT_APP_ID);
}
