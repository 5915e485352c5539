// The webhook door's first look: what the headers alone condemn is refused before one byte of the
// body is read (a missing or malformed signature, a timestamp outside the window, a declared length
// over the limit). Cheap and pure; the full v3 verification (verify-signature.ts) still runs on the
// body of every request that passes.
import { MAX_AGE_MS, MAX_FUTURE_MS } from './verify-signature.ts';

export interface DoorHeaders {
  signature: string | undefined;
  timestamp: string | undefined;
  contentLength: string | undefined;
}

export type DoorVerdict =
  /** `bytes`: what the body may hold (its declared length, else the limit). */
  | { ok: true; bytes: number }
  | { ok: false; status: 401 | 413; reason: 'unsigned' | 'bad-signature' | 'bad-timestamp' | 'stale' | 'future' | 'too-large' | 'bad-length' };

// A v3 signature is base64 of a SHA-256 HMAC: 32 bytes, 44 characters with one '=' of padding.
const V3_SIGNATURE = /^[A-Za-z0-9+/]{43}=$/;

export function checkWebhookHeaders(headers: DoorHeaders, now: number, maxBodyBytes: number): DoorVerdict {
  const { signature, timestamp, contentLength } = headers;
  if (!signature || !timestamp) return { ok: false, status: 401, reason: 'unsigned' };
  if (!V3_SIGNATURE.test(signature)) return { ok: false, status: 401, reason: 'bad-signature' };
  if (!/^\d{1,16}$/.test(timestamp)) return { ok: false, status: 401, reason: 'bad-timestamp' };
  const age = now - Number(timestamp);
  if (age > MAX_AGE_MS) return { ok: false, status: 401, reason: 'stale' };
  if (-age > MAX_FUTURE_MS) return { ok: false, status: 401, reason: 'future' };
  if (contentLength === undefined) return { ok: true, bytes: maxBodyBytes };
  if (!/^\d{1,16}$/.test(contentLength)) return { ok: false, status: 413, reason: 'bad-length' };
  const declared = Number(contentLength);
  return declared > maxBodyBytes ? { ok: false, status: 413, reason: 'too-large' } : { ok: true, bytes: declared };
}
