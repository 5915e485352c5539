// A portal's OAuth tokens, encrypted at rest: one AES-GCM blob per portal, bound to the portal id so
// a blob copied to another portal's key does not decrypt. Refresh logic lives in
// hubspot/access-tokens.ts; this file only persists.
import { assertPortalId, portalKeys } from './portal-keys.ts';
import type { RedisClient } from './redis-client.ts';
import { redisScript } from './redis-script.ts';
import { z } from 'zod';
import type { TokenCipher } from '../crypto/token-cipher.ts';

export const PortalTokensSchema = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1),
  /** Epoch ms when the access token expires. */
  expiresAt: z.number(),
});
export type PortalTokens = z.infer<typeof PortalTokensSchema>;

export interface TokenStore {
  load(portalId: string): Promise<PortalTokens | null>;
  save(portalId: string, tokens: PortalTokens): Promise<void>;
  remove(portalId: string): Promise<void>;
}

export const tokenKey = (prefix: string, portalId: string): string => portalKeys(prefix, portalId).tokens;
export const tokenLockKey = (prefix: string, portalId: string): string => portalKeys(prefix, portalId).tokenRefreshLock;
const context = (portalId: string): string => `portal-tokens:${portalId}`;
const REPLACE_IF_UNCHANGED = redisScript(`if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('SET', KEYS[1], ARGV[2]) return 1 end return 0`);

export function createTokenStore(deps: { redis: RedisClient; prefix: string; cipher: TokenCipher }): TokenStore {
  const { redis, prefix, cipher } = deps;
  return {
    async load(portalId) {
      assertPortalId(portalId);
      const blob = await redis.get(tokenKey(prefix, portalId));
      if (!blob) return null;
      const tokens = PortalTokensSchema.parse(JSON.parse(cipher.decrypt(blob, context(portalId))));
      if (cipher.keyIdOf(blob) !== cipher.currentKeyId) {
        // Key rotation: re-encrypt under the current key, unless a refresh has written meanwhile.
        const fresh = cipher.encrypt(JSON.stringify(tokens), context(portalId));
        await REPLACE_IF_UNCHANGED.run(redis, [tokenKey(prefix, portalId)], [blob, fresh]);
      }
      return tokens;
    },
    async save(portalId, tokens) {
      assertPortalId(portalId);
      const plain = JSON.stringify(PortalTokensSchema.parse(tokens));
      await redis.set(tokenKey(prefix, portalId), cipher.encrypt(plain, context(portalId)));
    },
    async remove(portalId) {
      assertPortalId(portalId);
      await redis.del(tokenKey(prefix, portalId), tokenLockKey(prefix, portalId));
    },
  };
}
