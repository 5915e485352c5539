import { readFileSync } from 'node:fs';
import { Signature } from '@hubspot/api-client';
import { describe, expect, it } from 'vitest';
import { hubspotDecodeUri, signedUri, signV3, verifySignature, type SignedRequest } from '../../webhooks/verify-signature.ts';

interface Vector { name: string; method: string; uri: string; body: string; timestamp: string; signature: string }
const vectors = JSON.parse(readFileSync(new URL('../fixtures/hubspot/signature-v3-vectors.json', import.meta.url), 'utf8')) as {
  clientSecret: string; cases: Vector[];
};

const reference = (secret: string, method: string, decodedUri: string, body: string, timestamp: string): string =>
  Signature.getSignature(method, 'v3', { signature: '', clientSecret: secret, url: decodedUri, requestBody: body, timestamp: Number(timestamp) });

function request(v: Vector, overrides: Partial<SignedRequest> = {}): SignedRequest {
  return { method: v.method, uri: hubspotDecodeUri(v.uri), rawBody: Buffer.from(v.body, 'utf8'), signature: v.signature, timestamp: v.timestamp, ...overrides };
}

describe('verifySignature against the shared v3 vectors', () => {
  it.each(vectors.cases.map((v) => [v.name, v] as const))('when the vector is "%s", then the SDK reference agrees and we accept it', (_name, v) => {
    expect(reference(vectors.clientSecret, v.method, hubspotDecodeUri(v.uri), v.body, v.timestamp)).toBe(v.signature);
    expect(signV3(vectors.clientSecret, v.method, hubspotDecodeUri(v.uri), Buffer.from(v.body), v.timestamp)).toBe(v.signature);
    const now = Number(v.timestamp) + 60_000;
    expect(verifySignature(request(v), [vectors.clientSecret], now)).toEqual({ ok: true, secretIndex: 0 });
  });

  it('when the encoded vector is checked without HubSpot decoding, then it does not match', () => {
    const v = vectors.cases.find((c) => c.uri.includes('%2F'));
    expect(v).toBeDefined();
    const result = verifySignature(request(v as Vector, { uri: (v as Vector).uri }), [vectors.clientSecret], Number((v as Vector).timestamp));
    expect(result).toEqual({ ok: false, reason: 'mismatch' });
  });
});

describe('verifySignature refusals', () => {
  const v = vectors.cases[0] as Vector;
  const ts = Number(v.timestamp);
  const secret = vectors.clientSecret;

  it('when a byte of the body changes, then it is a mismatch', () => {
    const tampered = Buffer.from(v.body.replace('25000000', '25000001'));
    expect(verifySignature(request(v, { rawBody: tampered }), [secret], ts)).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('when the signature is forged with another secret, then it is a mismatch', () => {
    const forged = signV3('not-the-secret', v.method, hubspotDecodeUri(v.uri), Buffer.from(v.body), v.timestamp);
    expect(verifySignature(request(v, { signature: forged }), [secret], ts)).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('when the signature has another length or is not base64, then it is a mismatch without throwing', () => {
    expect(verifySignature(request(v, { signature: 'abc' }), [secret], ts)).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifySignature(request(v, { signature: `${v.signature}=` }), [secret], ts)).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('when the timestamp is 5 minutes old, then it is accepted, and 1 ms older, then it is stale', () => {
    expect(verifySignature(request(v), [secret], ts + 300_000).ok).toBe(true);
    expect(verifySignature(request(v), [secret], ts + 300_001)).toEqual({ ok: false, reason: 'stale' });
  });

  it('when the timestamp is more than 1 minute in the future, then it is refused', () => {
    expect(verifySignature(request(v), [secret], ts - 60_000).ok).toBe(true);
    expect(verifySignature(request(v), [secret], ts - 60_001)).toEqual({ ok: false, reason: 'future' });
  });

  it('when the timestamp is not an integer of ms, then it is refused', () => {
    for (const timestamp of ['1763800001000.5', '-1', 'abc', '1e12']) {
      expect(verifySignature(request(v, { timestamp }), [secret], ts)).toEqual({ ok: false, reason: 'bad-timestamp' });
    }
  });

  it('when a header is missing, then it is unsigned', () => {
    expect(verifySignature(request(v, { signature: undefined }), [secret], ts)).toEqual({ ok: false, reason: 'unsigned' });
    expect(verifySignature(request(v, { timestamp: undefined }), [secret], ts)).toEqual({ ok: false, reason: 'unsigned' });
  });

  it('when no secret is configured, then every request is refused', () => {
    expect(verifySignature(request(v), [undefined, ''], ts)).toEqual({ ok: false, reason: 'no-secret' });
  });

  it('when the request was signed with the previous secret, then it is accepted as the second secret', () => {
    expect(verifySignature(request(v), ['rotated-new-secret', secret], ts)).toEqual({ ok: true, secretIndex: 1 });
  });
});

describe('signedUri', () => {
  it('when the request comes through a proxy, then the URI uses the public origin and only HubSpot\'s escapes are decoded', () => {
    expect(signedUri('https://kam.example.com/ignored/path', '/webhooks/hubspot?a=%3A%2f%3F%40%21%24%27%28%29%2A%2C%3B&b=%20%25%2B'))
      .toBe("https://kam.example.com/webhooks/hubspot?a=:/?@!$'()*,;&b=%20%25%2B");
  });
});
