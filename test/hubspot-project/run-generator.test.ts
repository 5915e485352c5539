import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runGenerator } from '../../src/hubspot-project/run-generator.ts';
import { COMMITTED_PROJECT, tempDir } from './support.ts';

function run(argv: string[], env: Record<string, string | undefined> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runGenerator(argv, env, { stdout: (l) => out.push(l), stderr: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('npm run hubspot:project', () => {
  it('when run with --check against the committed project, then it is up to date', () => {
    const result = run(['--check', '--out', COMMITTED_PROJECT]);
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toContain('is up to date');
  });

  it('when PUBLIC_BASE_URL is set, then the written project uses it and says how many subscriptions it has', () => {
    const dir = tempDir();
    const result = run(['--out', dir], { PUBLIC_BASE_URL: 'https://kam.acme.test' });
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/wrote \d+ files .* \(base URL https:\/\/kam\.acme\.test, 42 webhook subscriptions\)/);
    expect(readFileSync(join(dir, 'src/app/webhooks/webhooks-hsmeta.json'), 'utf8')).toContain('"targetUrl": "https://kam.acme.test/webhooks/hubspot"');
  });

  it('when --base-url is given, then it wins over PUBLIC_BASE_URL, and --check with another URL reports the change', () => {
    const dir = tempDir();
    expect(run(['--out', dir, '--base-url', 'https://b.acme.test'], { PUBLIC_BASE_URL: 'https://a.acme.test' }).code).toBe(0);
    expect(readFileSync(join(dir, 'src/app/app-hsmeta.json'), 'utf8')).toContain('https://b.acme.test/oauth/callback');
    const check = run(['--check', '--out', dir, '--base-url', 'https://c.acme.test']);
    expect(check.code).toBe(1);
    expect(check.err).toContain('changed  src/app/app-hsmeta.json');
    expect(check.err).toContain('changed  src/app/webhooks/webhooks-hsmeta.json');
  });

  it('when the base URL is not https, then nothing is written and it exits 2', () => {
    const dir = tempDir();
    const result = run(['--out', dir], { PUBLIC_BASE_URL: 'http://kam.acme.test' });
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/must use https/);
    expect(existsSync(join(dir, 'hsproject.json'))).toBe(false);
  });

  it('when --out is a directory with other files, then it refuses to overwrite it', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'notes.txt'), 'keep me');
    const result = run(['--out', dir]);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/refusing to overwrite/);
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('keep me');
  });

  it('when the project is regenerated over an old one, then stale files are removed and installed dependencies kept', () => {
    const dir = tempDir();
    expect(run(['--out', dir]).code).toBe(0);
    writeFileSync(join(dir, 'src/app/cards/lib/card/stale.ts'), 'old');
    const installed = join(dir, 'src/app/cards/node_modules/react/package.json');
    mkdirSync(dirname(installed), { recursive: true });
    writeFileSync(installed, '{}');
    expect(run(['--out', dir]).code).toBe(0);
    expect(existsSync(join(dir, 'src/app/cards/lib/card/stale.ts'))).toBe(false);
    expect(readFileSync(installed, 'utf8')).toBe('{}');
    expect(run(['--check', '--out', dir]).code).toBe(0);
  });

  it('when the manifest is invalid, then it exits 2 naming the problem', () => {
    const manifest = join(tempDir(), 'app.json');
    writeFileSync(manifest, JSON.stringify({ name: 'x' }));
    const result = run(['--manifest', manifest, '--out', tempDir()]);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/uid: /);
  });
});
