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
/** Portals whose last decrypted blob a store keeps (the oldest goes first). */
const DECRYPTED_KEPT = 10_000;
const REPLACE_IF_UNCHANGED = redisScript(`if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('SET', KEYS[1], ARGV[2]) return 1 end return 0`);

export function createTokenStore(deps: { redis: RedisClient; prefix: string; cipher: TokenCipher }): TokenStore {
  const { redis, prefix, cipher } = deps;
  // Every HubSpot call loads its portal's tokens, and decrypting was a busy worker's largest cost
  // after its sockets: the blob last read for each portal is kept beside what it decrypted to, so
  // the same blob is not decrypted again (a refresh or rotation writes a new blob, read anew).
  const decrypted = new Map<string, { blob: string; tokens: PortalTokens }>();
  const keep = (portalId: string, blob: string, tokens: PortalTokens): void => {
    decrypted.delete(portalId);
    if (decrypted.size >= DECRYPTED_KEPT) decrypted.delete(decrypted.keys().next().value!);
    decrypted.set(portalId, { blob, tokens });
  };
  return {
    async load(portalId) {
      assertPortalId(portalId);
      const blob = await redis.get(tokenKey(prefix, portalId));
      if (!blob) return null;
      const kept = decrypted.get(portalId);
      if (kept?.blob === blob) return { ...kept.tokens };
      const tokens = PortalTokensSchema.parse(JSON.parse(cipher.decrypt(blob, context(portalId))));
      keep(portalId, blob, tokens);
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
      decrypted.delete(portalId);
      await redis.del(tokenKey(prefix, portalId), tokenLockKey(prefix, portalId));
    },
  };
}
