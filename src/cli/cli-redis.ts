// Which Redis a `kam` command talks to, said out loud: REDIS_URL when it is set; else the one the
// embedded default (`npm start` without HubSpot credentials) runs, named in data/embedded.json;
// else the default local Redis. Before anything is read or queued, the command checks that the
// Redis answers, and says plainly when it does not (a file left by a stopped or crashed app),
// instead of waiting forever or answering "No portal installed." from an unrelated Redis.
import { loadConfig, type Config } from '../config.ts';
import { embeddedFilePath, readEmbeddedFile } from '../embedded/embedded-file.ts';
import { DEFAULT_REDIS_URL, redisAnswers } from '../redis-connections.ts';
import type { CliIo } from './cli-io.ts';

export interface RedisTarget {
  /** The app's configuration, REDIS_URL and QUEUE_PREFIX filled from data/embedded.json where used. */
  config: Config;
  url: string;
  /** Where the URL came from, in words. */
  source: string;
  /** Said when that Redis does not answer. */
  hint: string;
}

/** A Redis the command cannot reach; the CLI prints the message alone and exits 1. */
export class RedisUnreachableError extends Error {
  override name = 'RedisUnreachableError';
}

const display = (url: string): string => url.replace(/\/\/[^@/]*@/, '//***@'); // never print a password

export function resolveRedisTarget(env: Record<string, string | undefined> = process.env): RedisTarget {
  const config = loadConfig(env);
  if (config.REDIS_URL) {
    return { config, url: config.REDIS_URL, source: 'REDIS_URL', hint: 'Check REDIS_URL, or unset it to use the app that npm start runs.' };
  }
  const embedded = readEmbeddedFile(config.DATA_DIR);
  if (embedded?.redisUrl) {
    const file = embeddedFilePath(config.DATA_DIR);
    const prefixSet = !!env.QUEUE_PREFIX;
    return {
      config: { ...config, REDIS_URL: embedded.redisUrl, QUEUE_PREFIX: prefixSet ? config.QUEUE_PREFIX : embedded.queuePrefix },
      url: embedded.redisUrl,
      source: `the app npm start started at ${embedded.startedAt} (${file})`,
      hint: `That app is not running any more (stopped, or it crashed and left ${file} behind). Start it again with npm start, or set REDIS_URL to the Redis you mean.`,
    };
  }
  return {
    config: { ...config, REDIS_URL: DEFAULT_REDIS_URL },
    url: DEFAULT_REDIS_URL,
    source: `the default (no REDIS_URL, and no ${embeddedFilePath(config.DATA_DIR)} from npm start)`,
    hint: 'Start the app with npm start (it runs its own Redis), or set REDIS_URL.',
  };
}

/** Resolves the target, tells the user on stderr, and throws RedisUnreachableError when it does not answer. */
export async function connectTarget(io: CliIo, env: Record<string, string | undefined> = process.env): Promise<RedisTarget> {
  const target = resolveRedisTarget(env);
  io.stderr(`Redis ${display(target.url)}, from ${target.source}\n`);
  if (!(await redisAnswers(target.url, 2000))) {
    throw new RedisUnreachableError(`No Redis answers at ${display(target.url)}. ${target.hint}\n`);
  }
  return target;
}
