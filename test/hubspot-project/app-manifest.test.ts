import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAppManifest, ManifestError, parseAppManifest } from '../../src/hubspot-project/app-manifest.ts';
import { normalizeBaseUrl } from '../../src/hubspot-project/build-project.ts';
import { REPO_ROOT, repoManifest, tempDir } from './support.ts';

const raw = (): Record<string, unknown> => JSON.parse(readFileSync(join(REPO_ROOT, 'app.json'), 'utf8')) as Record<string, unknown>;

function problemsOf(json: unknown): string[] {
  try {
    parseAppManifest(json);
  } catch (err) {
    if (err instanceof ManifestError) return err.problems;
    throw err;
  }
  return [];
}

describe('app.json', () => {
  it('when the repository manifest is loaded, then it is valid with the redirect and webhook paths the app serves', () => {
    const manifest = repoManifest();
    expect(manifest.redirectPath).toBe('/oauth/callback');
    expect(manifest.webhooks.path).toBe('/webhooks/hubspot');
    expect(manifest.cards).toEqual([expect.objectContaining({ location: 'crm.record.tab', objectTypes: ['companies'], component: 'src/card/company-card.ts' })]);
    expect(manifest.scopes.required).toEqual(expect.arrayContaining(['oauth', 'crm.objects.companies.write', 'crm.lists.write']));
    expect(manifest.scopes.features.find((f) => f.id === 'tasks')?.scopes).toEqual(expect.arrayContaining(['crm.objects.contacts.read', 'crm.objects.contacts.write']));
    expect(manifest.page).toEqual({ uid: 'key_accounts_home', component: 'src/hubspot-pages/ui/home-pages.ts', export: 'KeyAccountsPages' });
    expect(manifest.settings).toEqual({ uid: 'key_accounts_settings', component: 'src/hubspot-pages/ui/settings-page.ts', export: 'KeyAccountsSettings' });
  });

  it('when the page or the settings component is missing or names no .ts file under src/, then the manifest is refused naming it', () => {
    const json = raw();
    delete json.page;
    (json.settings as Record<string, unknown>).component = 'lib/settings.tsx';
    expect(problemsOf(json)).toEqual([expect.stringMatching(/^page: /), expect.stringMatching(/^settings\.component: must be a \.ts file under src\//)]);
  });

  it('when several fields are wrong, then every problem is named with its path at once', () => {
    const json = raw();
    json.uid = 'has spaces';
    json.redirectPath = 'oauth/callback';
    (json.webhooks as Record<string, unknown>).maxConcurrentRequests = 2;
    json.unexpected = true;
    const problems = problemsOf(json);
    expect(problems).toEqual(expect.arrayContaining([
      expect.stringMatching(/^uid: /),
      expect.stringMatching(/^redirectPath: /),
      expect.stringMatching(/^webhooks\.maxConcurrentRequests: /),
      expect.stringMatching(/unexpected/),
    ]));
    expect(problems).toHaveLength(4);
  });

  it('when a scope is both required and optional, or oauth is missing, then the manifest is refused', () => {
    const both = raw();
    both.scopes = { required: ['oauth', 'crm.lists.read'], optional: ['crm.lists.read'], features: [{ id: 'lists', label: 'Lists', scopes: ['crm.lists.read'], without: 'no lists' }] };
    expect(problemsOf(both)).toEqual([expect.stringContaining('both required and optional')]);
    const noOauth = raw();
    noOauth.scopes = { required: ['crm.lists.read'], optional: [] };
    expect(problemsOf(noOauth)).toEqual([expect.stringContaining('must include oauth')]);
  });

  it('when an optional scope turns on no feature, or a feature needs a scope that is not optional, then the manifest is refused', () => {
    const orphan = raw();
    orphan.scopes = { required: ['oauth'], optional: ['crm.objects.contacts.read'], features: [] };
    expect(problemsOf(orphan)).toEqual([expect.stringContaining('every optional scope must belong to a feature')]);
    const unlisted = raw();
    unlisted.scopes = { required: ['oauth'], optional: [], features: [{ id: 'tasks', label: 'Play tasks', scopes: ['crm.objects.contacts.write'], without: 'no tasks' }] };
    expect(problemsOf(unlisted)).toEqual([expect.stringContaining('every scope of a feature must be an optional scope')]);
  });

  it('when the file is not JSON, then loading names the file and the parse error', () => {
    const file = join(tempDir(), 'app.json');
    writeFileSync(file, '{ "name": ');
    expect(() => loadAppManifest(file)).toThrow(/app\.json is not a valid app manifest[\s\S]*cannot read it as JSON/);
  });
});

describe('normalizeBaseUrl', () => {
  it('when the base URL has a trailing slash or a path, then it is kept without the slash', () => {
    expect(normalizeBaseUrl('https://kam.acme.test/')).toBe('https://kam.acme.test');
    expect(normalizeBaseUrl('https://acme.test/kam/')).toBe('https://acme.test/kam');
    expect(normalizeBaseUrl('http://localhost:3000')).toBe('http://localhost:3000');
  });

  it('when the base URL is plain http on a public host, has a query, or is no URL, then it is refused', () => {
    expect(() => normalizeBaseUrl('http://kam.acme.test')).toThrow(/https/);
    expect(() => normalizeBaseUrl('https://kam.acme.test/?x=1')).toThrow(/plain base URL/);
    expect(() => normalizeBaseUrl('kam.acme.test')).toThrow(/not a URL/);
  });
});
