import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createTokenCipher } from '../../src/crypto/token-cipher.ts';
import { createTokenStore, tokenKey } from '../../src/store/token-store.ts';
import { useTestRedis } from '../support/redis.ts';

const key = () => randomBytes(32).toString('base64');
const tokens = { accessToken: 'CJSP-access-token-value', refreshToken: 'na1-refresh-token-value', expiresAt: 1_795_327_270_000 };

describe('token store', () => {
  const ctx = useTestRedis();

  it('when tokens are saved, then Redis holds only ciphertext and load returns them', async () => {
    const store = createTokenStore({ redis: ctx.redis, prefix: ctx.prefix, cipher: createTokenCipher(key()) });
    await store.save('24681357', tokens);
    const raw = await ctx.redis.get(tokenKey(ctx.prefix, '24681357'));
    expect(raw).not.toContain(tokens.accessToken);
    expect(raw).not.toContain(tokens.refreshToken);
    expect(await store.load('24681357')).toEqual(tokens);
    expect(await store.load('11111111')).toBeNull();
  });

  it("when a blob is copied to another portal's key, then it does not decrypt there", async () => {
    const store = createTokenStore({ redis: ctx.redis, prefix: ctx.prefix, cipher: createTokenCipher(key()) });
    await store.save('24681357', tokens);
    await ctx.redis.set(tokenKey(ctx.prefix, '99999999'), (await ctx.redis.get(tokenKey(ctx.prefix, '24681357'))) as string);
    await expect(store.load('99999999')).rejects.toThrow(/authentication/);
  });

  it('when the key is rotated, then loading re-encrypts the blob under the new key', async () => {
    const oldKey = key();
    const newKey = key();
    await createTokenStore({ redis: ctx.redis, prefix: ctx.prefix, cipher: createTokenCipher(oldKey) }).save('24681357', tokens);
    const rotated = createTokenCipher(`${newKey},${oldKey}`);
    expect(await createTokenStore({ redis: ctx.redis, prefix: ctx.prefix, cipher: rotated }).load('24681357')).toEqual(tokens);
    const blob = (await ctx.redis.get(tokenKey(ctx.prefix, '24681357'))) as string;
    expect(rotated.keyIdOf(blob)).toBe(rotated.currentKeyId);
    expect(await createTokenStore({ redis: ctx.redis, prefix: ctx.prefix, cipher: createTokenCipher(newKey) }).load('24681357')).toEqual(tokens);
  });

  it('when the same blob is loaded again, then it is not decrypted again; a blob another process wrote is', async () => {
    const cipher = createTokenCipher(key());
    let decrypts = 0;
    const counting = { ...cipher, decrypt: (blob: string, context: string) => ((decrypts += 1), cipher.decrypt(blob, context)) };
    const store = createTokenStore({ redis: ctx.redis, prefix: ctx.prefix, cipher: counting });
    await store.save('24681357', tokens);
    expect(await store.load('24681357')).toEqual(tokens);
    expect(await store.load('24681357')).toEqual(tokens);
    expect(decrypts).toBe(1);
    // A refresh by another process: a new blob under the same key.
    const refreshed = { ...tokens, accessToken: 'CJSP-refreshed-access-token', expiresAt: tokens.expiresAt + 1_800_000 };
    await createTokenStore({ redis: ctx.redis, prefix: ctx.prefix, cipher }).save('24681357', refreshed);
    expect(await store.load('24681357')).toEqual(refreshed);
    expect(decrypts).toBe(2);
    // Removed: nothing is answered from what was kept.
    await store.remove('24681357');
    expect(await store.load('24681357')).toBeNull();
  });

  it('when a portal id is not numeric, then nothing is read or written', async () => {
    const store = createTokenStore({ redis: ctx.redis, prefix: ctx.prefix, cipher: createTokenCipher(key()) });
    await expect(store.save('1:*', tokens)).rejects.toThrow(/invalid portal id/);
  });

  it('when tokens are removed, then the key is gone', async () => {
    const store = createTokenStore({ redis: ctx.redis, prefix: ctx.prefix, cipher: createTokenCipher(key()) });
    await store.save('24681357', tokens);
    await store.remove('24681357');
    expect(await ctx.redis.exists(tokenKey(ctx.prefix, '24681357'))).toBe(0);
  });
});
