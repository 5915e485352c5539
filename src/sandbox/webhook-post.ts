// One webhook POST as HubSpot signs it: v3 (base64 HMAC-SHA256 of method + URI + body +
// timestamp, the URI partially decoded as HubSpot does before signing) and v1 (sha256 hex of secret
// + body), with a per-attempt timeout. The status, or undefined for a connection error or timeout.
import { createHash } from 'node:crypto';
import { signV3 } from '../../webhooks/verify-signature.ts';

// HubSpot decodes exactly these escapes in the URI before signing.
const DECODED = /%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi;
const signedUri = (url: string): string => url.replace(DECODED, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

export interface SignedPost {
  url: string;
  body: string;
  secret: string;
  timestamp: number;
  timeoutMs: number;
  /** Aborts the attempt (the sandbox is closing). */
  signal: AbortSignal;
}

export async function postSigned(p: SignedPost): Promise<number | undefined> {
  const timestamp = String(p.timestamp);
  try {
    const res = await fetch(p.url, {
      method: 'POST',
      body: p.body,
      signal: AbortSignal.any([p.signal, AbortSignal.timeout(p.timeoutMs)]),
      headers: {
        'content-type': 'application/json',
        'x-hubspot-signature-v3': signV3(p.secret, 'POST', signedUri(p.url), p.body, timestamp),
        'x-hubspot-request-timestamp': timestamp,
        'x-hubspot-signature': createHash('sha256').update(p.secret + p.body).digest('hex'),
        'x-hubspot-signature-version': 'v1',
      },
    });
    await res.arrayBuffer().catch(() => undefined);
    return res.status;
  } catch {
    return undefined;
  }
}
