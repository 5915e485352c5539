import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createTokenCipher, parseEncryptionKeys, TokenKeyError } from '../../src/crypto/token-cipher.ts';

const key = () => randomBytes(32).toString('base64');

describe('token cipher', () => {
  it('when a secret is encrypted, then the blob does not contain it and decrypts back under the same context', () => {
    const cipher = createTokenCipher(key());
    const blob = cipher.encrypt('na1-secret-refresh-token', 'portal:1');
    expect(blob).not.toContain('na1-secret-refresh-token');
    expect(blob.startsWith(`v1.${cipher.currentKeyId}.`)).toBe(true);
    expect(cipher.decrypt(blob, 'portal:1')).toBe('na1-secret-refresh-token');
  });

  it('when the same secret is encrypted twice, then the blobs differ (fresh IV)', () => {
    const cipher = createTokenCipher(key());
    expect(cipher.encrypt('x', 'c')).not.toBe(cipher.encrypt('x', 'c'));
  });

  it('when a blob is decrypted under another context or tampered with, then it is refused', () => {
    const cipher = createTokenCipher(key());
    const blob = cipher.encrypt('secret', 'portal:1');
    expect(() => cipher.decrypt(blob, 'portal:2')).toThrow(TokenKeyError);
    const parts = blob.split('.');
    const body = Buffer.from(parts[4] as string, 'base64url');
    body[0] = (body[0] as number) ^ 1;
    parts[4] = body.toString('base64url');
    expect(() => cipher.decrypt(parts.join('.'), 'portal:1')).toThrow(TokenKeyError);
  });

  it('when a new key is put first, then old blobs still decrypt and new ones use the new key', () => {
    const oldKey = key();
    const newKey = key();
    const before = createTokenCipher(oldKey);
    const blob = before.encrypt('secret', 'c');
    const rotated = createTokenCipher(`${newKey},${oldKey}`);
    expect(rotated.decrypt(blob, 'c')).toBe('secret');
    expect(rotated.keyIdOf(rotated.encrypt('secret', 'c'))).toBe(rotated.currentKeyId);
    expect(rotated.currentKeyId).not.toBe(before.currentKeyId);
    expect(() => createTokenCipher(newKey).decrypt(blob, 'c')).toThrow(/no configured key/);
  });

  it('when the key list is empty or a key is not 32 bytes, then it fails without echoing the key', () => {
    expect(() => parseEncryptionKeys(undefined)).toThrow(/required/);
    const short = randomBytes(16).toString('base64');
    expect(() => parseEncryptionKeys(`${key()},${short}`)).toThrow(/key #2/);
    try {
      parseEncryptionKeys(short);
    } catch (err) {
      expect(String(err)).not.toContain(short);
    }
  });
});
