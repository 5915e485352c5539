// The one way to run a Lua script: EVALSHA, and EVAL on NOSCRIPT (a fresh or restarted Redis, or a
// cluster node that has not seen the script yet), which also caches it there. No defineCommand on
// shared connections, one round trip in the steady state; on a cluster ioredis routes the call by
// its first key, so every key of one call must share a slot.
import { createHash } from 'node:crypto';
import type { RedisClient } from './redis-client.ts';

export type ScriptArg = string | number;

export interface ScriptCall {
  keys: string[];
  args: ScriptArg[];
}

export interface RedisScript {
  run(redis: RedisClient, keys: string[], args: ScriptArg[]): Promise<unknown>;
  /** One call per entry in one pipeline (one slot on a cluster); results in order, the first error thrown. */
  runEach(redis: RedisClient, calls: readonly ScriptCall[]): Promise<unknown[]>;
}

const isNoScript = (err: unknown): boolean => err instanceof Error && err.message.includes('NOSCRIPT');

export function redisScript(lua: string): RedisScript {
  const sha = createHash('sha1').update(lua).digest('hex');
  return {
    async run(redis, keys, args) {
      try {
        return await redis.evalsha(sha, keys.length, ...keys, ...args);
      } catch (err) {
        if (!isNoScript(err)) throw err;
        return redis.eval(lua, keys.length, ...keys, ...args);
      }
    },
    async runEach(redis, calls) {
      if (calls.length === 0) return [];
      const pipeline = redis.pipeline();
      for (const c of calls) pipeline.evalsha(sha, c.keys.length, ...c.keys, ...c.args);
      const results = (await pipeline.exec()) ?? [];
      // A NOSCRIPT call did not run: run those again with the script's text, in the same order.
      const missing = calls.flatMap((c, i) => (isNoScript(results[i]?.[0]) ? [i] : []));
      if (missing.length) {
        const retry = redis.pipeline();
        for (const i of missing) retry.eval(lua, calls[i]!.keys.length, ...calls[i]!.keys, ...calls[i]!.args);
        const again = (await retry.exec()) ?? [];
        missing.forEach((i, j) => { results[i] = again[j]!; });
      }
      return results.map(([err, value]) => {
        if (err) throw err;
        return value;
      });
    },
  };
}
