import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { Components } from '@hubspot/project-parsing-lib/constants';
import { mapToUserFacingType } from '@hubspot/project-parsing-lib/transform';
import { parseProjectConfig } from '@hubspot/project-parsing-lib/projects';
import { translate } from '@hubspot/project-parsing-lib/translate';
import { validateUid } from '@hubspot/project-parsing-lib/uid';
import { describe, expect, it } from 'vitest';
import { KNOWN_SUBSCRIPTION_TYPES } from '../../webhooks/event-schemas.ts';
import { COMPANY_INPUT_PROPERTY_NAMES, DEAL_INPUT_PROPERTY_NAMES, DEPTH_INPUT_PROPERTIES, OUTPUT_PROPERTY_NAMES } from '../../src/model/properties.ts';
import { diffProjectDir } from '../../src/hubspot-project/project-dir.ts';
import { buildFiles, COMMITTED_PROJECT, generateInto, readJson, REPO_ROOT, repoManifest, tempDir, type WebhooksMeta } from './support.ts';

async function translateProject(dir: string) {
  const config = parseProjectConfig(dir) as { srcDir: string; platformVersion: string };
  return translate({ projectSourceDir: join(dir, config.srcDir), platformVersion: config.platformVersion }, { skipValidation: true });
}

const webhooksOf = (dir: string): WebhooksMeta => readJson(join(dir, 'src/app/webhooks/webhooks-hsmeta.json'));
const propertiesFor = (meta: WebhooksMeta, type: string): string[] =>
  meta.config.subscriptions.legacyCrmObjects.filter((s) => s.subscriptionType === type).map((s) => s.propertyName ?? '(none)');

describe('the generated HubSpot project, parsed offline by @hubspot/project-parsing-lib', () => {
  it('when the project is translated, then no hsmeta file is skipped and the app, webhooks, card, page and settings come out with valid uids', async () => {
    const dir = generateInto(tempDir());
    const { skippedHsMetaFiles, intermediateRepresentation } = await translateProject(dir);
    expect(skippedHsMetaFiles).toEqual([]);
    const nodes = Object.values(intermediateRepresentation.intermediateNodesIndexedByUid);
    expect(nodes.map((n) => n.componentType).sort()).toEqual(['APPLICATION', 'CARD', 'PAGE', 'SETTINGS', 'WEBHOOKS']);
    for (const node of nodes) {
      expect(validateUid(node.uid)).toBeUndefined();
      const component = Components[mapToUserFacingType(node.componentType)];
      const expectedDir = component?.parentComponent ? posix.join(component.parentComponent, component.dir) : component?.dir;
      expect(posix.dirname(node.metaFilePath), node.uid).toBe(expectedDir);
    }
    for (const type of ['CARD', 'PAGE', 'SETTINGS']) {
      expect(nodes.find((n) => n.componentType === type)?.componentDeps.app, type).toBe(repoManifest().uid);
    }
  });

  it('when an hsmeta file sits where HubSpot does not look, then the translation reports it as skipped', async () => {
    const dir = generateInto(tempDir());
    const stray = join(dir, 'src/app/cards/lib/stray-hsmeta.json');
    writeFileSync(stray, readFileSync(join(dir, 'src/app/cards/key-account-card-hsmeta.json')));
    const { skippedHsMetaFiles } = await translateProject(dir);
    expect(skippedHsMetaFiles).toEqual([join('app', 'cards', 'lib', 'stray-hsmeta.json')]);
  });

  it('when the webhook subscriptions are read back, then they are exactly the types the receiver handles, none generic', () => {
    const meta = webhooksOf(generateInto(tempDir()));
    const types = new Set(meta.config.subscriptions.legacyCrmObjects.map((s) => s.subscriptionType));
    expect([...types].sort()).toEqual([...KNOWN_SUBSCRIPTION_TYPES].sort());
    expect(meta.config.subscriptions.crmObjects).toEqual([]);
    expect(meta.config.subscriptions.legacyCrmObjects.every((s) => s.active)).toBe(true);
  });

  it('when the propertyChange subscriptions are read back, then they are the model inputs, one each, and none of our outputs', () => {
    const meta = webhooksOf(generateInto(tempDir()));
    expect(propertiesFor(meta, 'company.propertyChange')).toEqual([...COMPANY_INPUT_PROPERTY_NAMES, ...DEPTH_INPUT_PROPERTIES.map((p) => p.name)]);
    expect(propertiesFor(meta, 'deal.propertyChange')).toEqual(DEAL_INPUT_PROPERTY_NAMES);
    const subscribed = meta.config.subscriptions.legacyCrmObjects.flatMap((s) => (s.propertyName ? [s.propertyName] : []));
    expect(subscribed.filter((p) => OUTPUT_PROPERTY_NAMES.includes(p))).toEqual([]);
    const others = meta.config.subscriptions.legacyCrmObjects.filter((s) => !s.subscriptionType.endsWith('.propertyChange'));
    expect(others.every((s) => s.propertyName === undefined)).toBe(true);
  });

  it('when a base URL is given, then the redirect, webhook target and permitted fetch origin all use it', () => {
    const dir = generateInto(tempDir(), buildFiles(repoManifest(), 'https://kam.acme.test/'));
    const app = readJson<{ config: { auth: { redirectUrls: string[] }; permittedUrls: { fetch: string[] } } }>(join(dir, 'src/app/app-hsmeta.json'));
    expect(app.config.auth.redirectUrls).toEqual(['https://kam.acme.test/oauth/callback']);
    expect(app.config.permittedUrls.fetch).toEqual(['https://kam.acme.test']);
    expect(webhooksOf(dir).config.settings).toEqual({ targetUrl: 'https://kam.acme.test/webhooks/hubspot', maxConcurrentRequests: 10 });
  });

  it('when the project is generated, then it requires the scopes the app cannot run without and asks for the task and later-feature scopes as optional', () => {
    const app = readJson<{ config: { auth: { requiredScopes: string[]; optionalScopes: string[] } } }>(join(generateInto(tempDir()), 'src/app/app-hsmeta.json'));
    expect(app.config.auth.requiredScopes).toEqual([
      'oauth', 'crm.objects.companies.read', 'crm.objects.companies.write', 'crm.objects.deals.read',
      'crm.schemas.companies.read', 'crm.schemas.companies.write', 'crm.schemas.deals.read', 'crm.schemas.deals.write',
      'crm.lists.read', 'crm.lists.write',
    ]);
    // HubSpot's published spec gates task creation on the contacts scopes: optional, so an account
    // without them still installs and runs with play tasks off.
    expect(app.config.auth.optionalScopes).toEqual([
      'crm.objects.contacts.read', 'crm.objects.contacts.write', 'crm.objects.tasks.read', 'crm.objects.tasks.write',
      'crm.objects.owners.read', 'settings.users.read', 'settings.users.teams.read', 'crm.objects.line_items.read', 'crm.objects.products.read',
    ]);
    expect(app.config.auth).toMatchObject({ requiredScopes: repoManifest().scopes.required, optionalScopes: repoManifest().scopes.optional });
  });

  it('when the card entrypoint is read, then it imports a copied component that is the source under a header naming it', () => {
    const dir = generateInto(tempDir());
    const meta = readJson<{ config: { entrypoint: string; objectTypes: string[]; location: string } }>(join(dir, 'src/app/cards/key-account-card-hsmeta.json'));
    expect(meta.config).toMatchObject({ objectTypes: ['companies'], location: 'crm.record.tab' });
    const entry = readFileSync(join(dir, 'src', meta.config.entrypoint), 'utf8');
    const imported = /from '\.\/(lib\/[^']+)'/.exec(entry)?.[1];
    expect(imported).toBe('lib/card/company-card.ts');
    for (const file of ['card/company-card.ts', 'card/card-view-model.ts', 'model/properties.ts', 'model/types.ts', 'model/format.ts']) {
      expect(readFileSync(join(dir, 'src/app/cards/lib', file), 'utf8'), file).toBe(copyOf(file));
    }
  });

  it('when the page and settings entrypoints are read, then each mounts its copied component with the backend URL and hubspot.fetch', () => {
    const dir = generateInto(tempDir(), buildFiles(repoManifest(), 'https://kam.acme.test'));
    const manifest = repoManifest();
    for (const [kind, extension] of [['pages', manifest.page], ['settings', manifest.settings]] as const) {
      const meta = readJson<{ uid: string; type: string; config: { entrypoint: string } }>(join(dir, `src/app/${kind}`, `${extension.uid.replaceAll('_', '-')}-hsmeta.json`));
      expect(meta).toMatchObject({ uid: extension.uid, type: kind === 'pages' ? 'page' : 'settings' });
      const entry = readFileSync(join(dir, 'src', meta.config.entrypoint), 'utf8');
      const component = extension.component.replace(/^src\//, '');
      expect(entry).toContain(`import { ${extension.export} } from './lib/${component}';`);
      expect(entry).toContain(`hubspot.extend(() => <${extension.export} backend={"https://kam.acme.test"} fetch={hubspot.fetch} />);`);
      expect(readFileSync(join(dir, `src/app/${kind}/lib`, component), 'utf8')).toBe(copyOf(component));
      const pkg = readJson<{ dependencies: Record<string, string> }>(join(dir, `src/app/${kind}/package.json`));
      expect(Object.keys(pkg.dependencies)).toEqual(kind === 'pages' ? ['@hubspot/ui-extensions', 'react', 'zod'] : ['@hubspot/ui-extensions', 'json-merge-patch', 'react', 'zod']);
    }
  });

  it('when any copied source is read, then its first line names the file it copies and the rest is that file', () => {
    const dir = generateInto(tempDir());
    const copies = buildFiles().filter((f) => /^src\/app\/[a-z]+\/lib\//.test(f.path));
    expect(copies.length).toBeGreaterThan(10);
    for (const copy of copies) {
      const source = copy.path.replace(/^src\/app\/[a-z]+\/lib\//, '');
      expect(readFileSync(join(dir, copy.path), 'utf8'), copy.path).toBe(copyOf(source));
    }
  });

  it('when .gitattributes is read, then every file of the project is marked generated', () => {
    const dir = generateInto(tempDir());
    expect(readFileSync(join(dir, '.gitattributes'), 'utf8').split('\n')).toContain('* linguist-generated=true');
  });
});

/** What a copy holds: the header line naming its source, then the source unchanged. */
function copyOf(sourcePath: string): string {
  return `// Generated by \`npm run hubspot:project\`: a copy of src/${sourcePath}. Edit that file, not this one.\n${readFileSync(join(REPO_ROOT, 'src', sourcePath), 'utf8')}`;
}

describe('the committed hubspot-project/', () => {
  it('when it is compared with a fresh generation (default base URL), then it matches byte for byte', () => {
    expect(diffProjectDir(COMMITTED_PROJECT, buildFiles()), 'hubspot-project/ is stale: run npm run hubspot:project and commit it').toEqual({ missing: [], changed: [], extra: [] });
  });

  it('when the project is generated twice, then both runs write the same bytes', () => {
    const first = buildFiles();
    const second = buildFiles();
    expect(second).toEqual(first);
    const dir = generateInto(tempDir());
    expect(diffProjectDir(dir, first)).toEqual({ missing: [], changed: [], extra: [] });
  });

  it('when a generated file is edited by hand, then the comparison names it', () => {
    const dir = generateInto(tempDir());
    writeFileSync(join(dir, 'hsproject.json'), '{}\n');
    mkdirSync(dirname(join(dir, 'src/app/extra.txt')), { recursive: true });
    writeFileSync(join(dir, 'src/app/extra.txt'), 'x');
    expect(diffProjectDir(dir, buildFiles())).toEqual({ missing: [], changed: ['hsproject.json'], extra: ['src/app/extra.txt'] });
  });
});
