// One-time OAuth `state` values (CSRF protection for the install flow). Only a hash of the state is
// stored, with a TTL; consuming it is a single DEL, so a state works exactly once even when two
// callbacks race.
import { createHash, randomBytes } from 'node:crypto';
import type { RedisClient } from './redis-client.ts';

export interface OAuthStateStore {
  /** A fresh random state, valid for `ttlMs`. */
  issue(): Promise<string>;
  /** True exactly once for a state that was issued and has not expired. */
  consume(state: string): Promise<boolean>;
}

export const OAUTH_STATE_TTL_MS = 10 * 60 * 1000;

const hash = (state: string): string => createHash('sha256').update(state).digest('base64url');
export const oauthStateKey = (prefix: string, state: string): string => `${prefix}:oauth-state:${hash(state)}`;

export function createOAuthStateStore(deps: { redis: RedisClient; prefix: string; ttlMs?: number }): OAuthStateStore {
  const { redis, prefix } = deps;
  const ttlMs = deps.ttlMs ?? OAUTH_STATE_TTL_MS;
  return {
    async issue() {
      const state = randomBytes(24).toString('base64url');
      await redis.set(oauthStateKey(prefix, state), '1', 'PX', ttlMs);
      return state;
    },
    async consume(state) {
      if (!state || state.length > 200) return false;
      return (await redis.del(oauthStateKey(prefix, state))) === 1;
    },
  };
}
