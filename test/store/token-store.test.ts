import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { createTokenCipher } from '../../src/crypto/token-cipher.ts';
import { createTokenStore, tokenKey } from '../../src/store/token-store.ts';
import { testRedis } from '../support/redis.ts';

const key = () => randomBytes(32).toString('base64');
const tokens = { accessToken: 'CJSP-access-token-value', refreshToken: 'na1-refresh-token-value', expiresAt: 1_795_327_270_000 };

describe('token store', () => {
  let redis: Redis;
  let prefix: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ redis, prefix, cleanup } = await testRedis()));
  afterEach(async () => cleanup());

  it('when tokens are saved, then Redis holds only ciphertext and load returns them', async () => {
    const store = createTokenStore({ redis, prefix, cipher: createTokenCipher(key()) });
    await store.save('24681357', tokens);
    const raw = await redis.get(tokenKey(prefix, '24681357'));
    expect(raw).not.toContain(tokens.accessToken);
    expect(raw).not.toContain(tokens.refreshToken);
    expect(await store.load('24681357')).toEqual(tokens);
    expect(await store.load('11111111')).toBeNull();
  });

  it("when a blob is copied to another portal's key, then it does not decrypt there", async () => {
    const store = createTokenStore({ redis, prefix, cipher: createTokenCipher(key()) });
    await store.save('24681357', tokens);
    await redis.set(tokenKey(prefix, '99999999'), (await redis.get(tokenKey(prefix, '24681357'))) as string);
    await expect(store.load('99999999')).rejects.toThrow(/authentication/);
  });

  it('when the key is rotated, then loading re-encrypts the blob under the new key', async () => {
    const oldKey = key();
    const newKey = key();
    await createTokenStore({ redis, prefix, cipher: createTokenCipher(oldKey) }).save('24681357', tokens);
    const rotated = createTokenCipher(`${newKey},${oldKey}`);
    expect(await createTokenStore({ redis, prefix, cipher: rotated }).load('24681357')).toEqual(tokens);
    const blob = (await redis.get(tokenKey(prefix, '24681357'))) as string;
    expect(rotated.keyIdOf(blob)).toBe(rotated.currentKeyId);
    expect(await createTokenStore({ redis, prefix, cipher: createTokenCipher(newKey) }).load('24681357')).toEqual(tokens);
  });

  it('when a portal id is not numeric, then nothing is read or written', async () => {
    const store = createTokenStore({ redis, prefix, cipher: createTokenCipher(key()) });
    await expect(store.save('1:*', tokens)).rejects.toThrow(/invalid portal id/);
  });

  it('when tokens are removed, then the key is gone', async () => {
    const store = createTokenStore({ redis, prefix, cipher: createTokenCipher(key()) });
    await store.save('24681357', tokens);
    await store.remove('24681357');
    expect(await redis.exists(tokenKey(prefix, '24681357'))).toBe(0);
  });
});
