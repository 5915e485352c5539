import { describe, expect, it } from 'vitest';
import { checkWebhookHeaders } from '../../webhooks/door-check.ts';

const NOW = 1_795_327_000_000;
const SIG = `${'A'.repeat(43)}=`;
const ok = { signature: SIG, timestamp: String(NOW), contentLength: '5000' };

describe('webhook header check', () => {
  it.each([
    ['no signature', { ...ok, signature: undefined }, 401, 'unsigned'],
    ['no timestamp', { ...ok, timestamp: undefined }, 401, 'unsigned'],
    ['a signature that is not 32 bytes of base64', { ...ok, signature: 'abc' }, 401, 'bad-signature'],
    ['a timestamp that is not a number', { ...ok, timestamp: 'soon' }, 401, 'bad-timestamp'],
    ['a timestamp over 5 minutes old', { ...ok, timestamp: String(NOW - 300_001) }, 401, 'stale'],
    ['a timestamp over a minute ahead', { ...ok, timestamp: String(NOW + 60_001) }, 401, 'future'],
    ['a declared length over the limit', { ...ok, contentLength: '1048577' }, 413, 'too-large'],
    ['a declared length that is not a number', { ...ok, contentLength: '12e9' }, 413, 'bad-length'],
  ] as const)('when the headers carry %s, then they are refused with %i (%s)', (_name, headers, status, reason) => {
    expect(checkWebhookHeaders(headers, NOW, 1_048_576)).toEqual({ ok: false, status, reason });
  });

  it('when the headers are plausible, then the body may hold its declared length, or the limit when none is declared', () => {
    expect(checkWebhookHeaders(ok, NOW, 1_048_576)).toEqual({ ok: true, bytes: 5000 });
    expect(checkWebhookHeaders({ ...ok, contentLength: undefined }, NOW, 1_048_576)).toEqual({ ok: true, bytes: 1_048_576 });
  });
});
