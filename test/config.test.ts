import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, loadServiceConfig } from '../src/config.ts';

const problemsOf = (run: () => unknown): string[] => {
  try {
    run();
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
};

describe('configuration', () => {
  it('when TOKEN_ENCRYPTION_KEY is not a base64 32-byte key, then it is reported with the other problems, without the key', () => {
    const bad = 'not-a-real-key-but-secret';
    const problems = problemsOf(() => loadConfig({ TOKEN_ENCRYPTION_KEY: `${randomBytes(32).toString('base64')},${bad}`, PORT: 'eighty' }));
    expect(problems).toEqual([
      expect.stringMatching(/^PORT: /),
      'TOKEN_ENCRYPTION_KEY: key #2 is not a base64-encoded 32-byte key',
    ]);
    expect(problems.join('\n')).not.toContain(bad);
  });

  it('when the server or worker starts without TOKEN_ENCRYPTION_KEY, then that is a configuration problem listed with the others', () => {
    expect(problemsOf(() => loadServiceConfig({ ADMIN_TOKEN: 'short' }))).toEqual([
      expect.stringMatching(/^ADMIN_TOKEN: /),
      expect.stringMatching(/^TOKEN_ENCRYPTION_KEY: required/),
    ]);
    expect(loadServiceConfig({ TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64') }).PORT).toBe(3000);
  });

  it('when the unverified webhook budget could not hold one large body, then it is refused', () => {
    expect(problemsOf(() => loadConfig({ WEBHOOK_MAX_BODY_BYTES: '1048576', WEBHOOK_UNVERIFIED_MAX_BYTES: '1048576' }))).toEqual([
      'WEBHOOK_UNVERIFIED_MAX_BYTES: must be at least 4/3 of WEBHOOK_MAX_BODY_BYTES',
    ]);
  });
});
