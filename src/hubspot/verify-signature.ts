// HubSpot request signature v3: base64(HMAC-SHA256(secret, method + uri + rawBody + timestamp)),
// on webhooks and on the calls the app's extensions make through hubspot.fetch.
// Verified over the exact bytes received, against the URI HubSpot called (built from our public
// base URL, never from the Host header), in constant time, with the previous secret accepted
// during a rotation.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const MAX_AGE_MS = 5 * 60_000;
export const MAX_FUTURE_MS = 60_000;

// HubSpot decodes exactly these before signing; every other escape stays as sent.
const HUBSPOT_DECODED = /%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi;

/** Applies HubSpot's partial percent-decoding to a URI. */
export function hubspotDecodeUri(uri: string): string {
  return uri.replace(HUBSPOT_DECODED, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The URI HubSpot signed: our public origin plus the request's original path and query, decoded. */
export function signedUri(publicBaseUrl: string, originalUrl: string): string {
  return hubspotDecodeUri(new URL(publicBaseUrl).origin + originalUrl);
}

export interface SignedRequest {
  method: string;
  /** Already decoded (see signedUri). */
  uri: string;
  rawBody: Buffer;
  signature: string | undefined;
  timestamp: string | undefined;
}

export type VerifyResult =
  | { ok: true; secretIndex: number }
  | { ok: false; reason: 'unsigned' | 'bad-timestamp' | 'stale' | 'future' | 'mismatch' | 'no-secret' };

/** base64 HMAC-SHA256 over method + uri + body bytes + timestamp. */
export function signV3(secret: string, method: string, uri: string, rawBody: Buffer | string, timestamp: string): string {
  return createHmac('sha256', secret).update(method + uri).update(rawBody).update(timestamp).digest('base64');
}

function sameSignature(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  // The expected length is public (44 base64 chars), so an early exit on length leaks nothing.
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Checks a request against every configured secret (current first, then previous).
 * `now` is epoch ms, injected so tests and replays control the clock.
 */
export function verifySignature(req: SignedRequest, secrets: readonly (string | undefined)[], now: number): VerifyResult {
  const usable = secrets.filter((s): s is string => !!s);
  if (!usable.length) return { ok: false, reason: 'no-secret' };
  if (!req.signature || !req.timestamp) return { ok: false, reason: 'unsigned' };
  if (!/^\d{1,16}$/.test(req.timestamp)) return { ok: false, reason: 'bad-timestamp' };
  const age = now - Number(req.timestamp);
  if (age > MAX_AGE_MS) return { ok: false, reason: 'stale' };
  if (-age > MAX_FUTURE_MS) return { ok: false, reason: 'future' };
  // Compare against every secret, even after a match, so timing does not tell which one matched.
  let matched = -1;
  usable.forEach((secret, i) => {
    const ok = sameSignature(signV3(secret, req.method, req.uri, req.rawBody, req.timestamp as string), req.signature as string);
    if (ok && matched < 0) matched = i;
  });
  return matched >= 0 ? { ok: true, secretIndex: matched } : { ok: false, reason: 'mismatch' };
}

/** What verifyHubSpotRequest reads of an incoming HTTP request (express's Request has all of it). */
export interface IncomingSigned {
  method: string;
  originalUrl: string;
  get(header: string): string | undefined;
}

/**
 * The one check of a request HubSpot signed (a webhook delivery, or a `hubspot.fetch` from the
 * app's pages): v3 over the URL as HubSpot called it (from the public base URL, never the Host
 * header) and the raw body, against the current and the previous client secret.
 */
export function verifyHubSpotRequest(
  req: IncomingSigned, rawBody: Buffer,
  config: { PUBLIC_BASE_URL: string; HUBSPOT_CLIENT_SECRET?: string; HUBSPOT_CLIENT_SECRET_PREVIOUS?: string },
  now: number,
): VerifyResult {
  return verifySignature(
    {
      method: req.method,
      uri: signedUri(config.PUBLIC_BASE_URL, req.originalUrl),
      rawBody,
      signature: req.get('x-hubspot-signature-v3'),
      timestamp: req.get('x-hubspot-request-timestamp'),
    },
    [config.HUBSPOT_CLIENT_SECRET, config.HUBSPOT_CLIENT_SECRET_PREVIOUS],
    now,
  );
}
