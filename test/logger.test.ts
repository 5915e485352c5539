import { describe, expect, it } from 'vitest';
import { captureLogs } from './support/capture-logs.ts';

describe('log redaction', () => {
  it('when a connection error is logged, then its code stays readable', () => {
    const { logger, lines } = captureLogs({ level: 'info' });
    logger.error({ err: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED' }) }, 'redis unreachable');
    const line = JSON.parse(lines[0] ?? '{}') as { err: { code: string; message: string } };
    expect(line.err.code).toBe('ECONNREFUSED');
    expect(line.err.message).toContain('ECONNREFUSED');
  });

  it('when an OAuth code or token is logged as a field, in a query, in a URL or inside an error message, then none of it is in the line', () => {
    const { logger, lines } = captureLogs({ level: 'info' });
    const CODE = 'na1-1234-oauth-code-abcd';
    const TOKEN = 'CJSP-secret-access-token';
    logger.warn({ query: { code: CODE, state: 's' }, req: { query: { code: CODE } } }, 'callback');
    logger.warn({ url: `https://kam.example.com/oauth/callback?code=${CODE}&state=s` }, 'callback url');
    logger.error({ err: new Error(`token exchange failed for code=${CODE}&client_secret=shh; Bearer ${TOKEN}`) }, 'exchange failed');
    logger.info({ accessToken: TOKEN, tokens: { refresh_token: TOKEN } }, 'tokens');
    const all = lines.join('\n');
    for (const secret of [CODE, TOKEN, 'shh']) expect(all).not.toContain(secret);
    expect(all).toContain('state');
  });
});
