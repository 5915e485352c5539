// The companies a flush recomputed while the portal's full pass was running. A pass reads every
// company first and writes later; a flush in between writes fresher figures, which the pass must
// not overwrite with its older ones, and whose fresher inputs the pass's swap must keep. The set
// exists only while a pass runs (created by the pass, with an empty-string member so it exists
// while still empty); a flush adds to it only then, in one script, so a flush never recreates it
// after the pass ended. It expires a day after the pass began if the pass dies.
import { portalKeys } from './portal-keys.ts';
import type { RedisClient } from './redis-client.ts';
import { redisScript } from './redis-script.ts';

const ADD_IF_RUNNING = redisScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
return redis.call('SADD', KEYS[1], unpack(ARGV))
`);
/** A pass that has not moved on for this long is taken as dead. */
const PASS_ALIVE_MS = 10 * 60_000;

export const flushedDuringPassKey = (prefix: string, portalId: string): string => portalKeys(prefix, portalId).passFlushed;

export class FlushedDuringPass {
  private readonly key: string;

  constructor(private readonly redis: RedisClient, prefix: string, portalId: string) {
    this.key = flushedDuringPassKey(prefix, portalId);
  }

  /** A pass starts: from now on flushes record what they recompute. */
  async begin(): Promise<void> {
    await this.redis.multi().del(this.key).sadd(this.key, '').pexpire(this.key, PASS_ALIVE_MS).exec();
  }

  /** The pass is still going (call at least every few minutes). */
  async keepAlive(): Promise<void> {
    await this.redis.pexpire(this.key, PASS_ALIVE_MS);
  }

  /** Whether the portal's full pass is running. */
  async running(): Promise<boolean> {
    return (await this.redis.exists(this.key)) === 1;
  }

  /** A flush recomputed these companies: recorded if a pass is running, else nothing happens. */
  async record(companyIds: readonly string[]): Promise<void> {
    for (let i = 0; i < companyIds.length; i += 1000) await ADD_IF_RUNNING.run(this.redis, [this.key], companyIds.slice(i, i + 1000));
  }

  /** Which of these a flush recomputed since the pass began. */
  async among(companyIds: readonly string[]): Promise<Set<string>> {
    if (companyIds.length === 0) return new Set();
    const flags = await this.redis.smismember(this.key, ...companyIds);
    return new Set(companyIds.filter((_, i) => flags[i] === 1));
  }

  async all(): Promise<string[]> {
    return (await this.redis.smembers(this.key)).filter((id) => id !== '');
  }

  /** The pass ended. */
  async end(): Promise<void> {
    await this.redis.del(this.key);
  }
}
