// AES-256-GCM for secrets at rest (OAuth tokens). Keys come from TOKEN_ENCRYPTION_KEY: base64 32-byte
// keys, comma-separated; the first encrypts, every key decrypts, so a key can be rotated in by putting
// the new one first and dropped once everything was re-written. Each ciphertext names its key by a
// short id derived from the key itself, so the order of the list never matters for decryption.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface TokenCipher {
  /** `context` is bound as associated data: a blob only decrypts under the same context (e.g. the portal). */
  encrypt(plaintext: string, context: string): string;
  decrypt(blob: string, context: string): string;
  /** The id of the key that encrypts; a stored blob under another id is due for re-encryption. */
  readonly currentKeyId: string;
  keyIdOf(blob: string): string | undefined;
}

export class TokenKeyError extends Error {
  override name = 'TokenKeyError';
}

interface Key {
  id: string;
  bytes: Buffer;
}

function keyId(bytes: Buffer): string {
  return createHash('sha256').update('kam-token-key\0').update(bytes).digest('hex').slice(0, 8);
}

/** Parses the comma-separated list; throws a TokenKeyError naming the position of a bad key (never the key). */
export function parseEncryptionKeys(spec: string | undefined): Key[] {
  const parts = (spec ?? '').split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  if (parts.length === 0) throw new TokenKeyError('TOKEN_ENCRYPTION_KEY is required: one or more base64-encoded 32-byte keys');
  return parts.map((part, i) => {
    const bytes = Buffer.from(part, 'base64');
    if (bytes.length !== 32 || bytes.toString('base64').replace(/=+$/, '') !== part.replace(/=+$/, '')) {
      throw new TokenKeyError(`TOKEN_ENCRYPTION_KEY key #${i + 1} is not a base64-encoded 32-byte key`);
    }
    return { id: keyId(bytes), bytes };
  });
}

const b64 = (b: Buffer): string => b.toString('base64url');
const unb64 = (s: string): Buffer => Buffer.from(s, 'base64url');

export function createTokenCipher(keySpec: string | undefined): TokenCipher {
  const keys = parseEncryptionKeys(keySpec);
  const current = keys[0] as Key;
  const byId = new Map(keys.map((k) => [k.id, k]));

  return {
    currentKeyId: current.id,
    encrypt(plaintext, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', current.bytes, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [VERSION, current.id, b64(iv), b64(cipher.getAuthTag()), b64(body)].join('.');
    },
    decrypt(blob, context) {
      const [version, id, iv, tag, body] = blob.split('.');
      if (version !== VERSION || !id || !iv || !tag || body === undefined) throw new TokenKeyError('not a token ciphertext');
      const key = byId.get(id);
      if (!key) throw new TokenKeyError(`no configured key has id ${id}`);
      const decipher = createDecipheriv('aes-256-gcm', key.bytes, unb64(iv), { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(unb64(tag));
      try {
        return Buffer.concat([decipher.update(unb64(body)), decipher.final()]).toString('utf8');
      } catch {
        throw new TokenKeyError('token ciphertext failed authentication');
      }
    },
    keyIdOf(blob) {
      const [version, id] = blob.split('.');
      return version === VERSION ? id : undefined;
    },
  };
}
