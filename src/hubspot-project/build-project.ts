// From app.json to the files of a HubSpot developer project, in memory: nothing is written here, so
// the same list can be written, compared with a committed copy, or parsed in a test.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppManifest } from './app-manifest.ts';
import { collectExtensionSources, packageVersions, type SourceFile } from './extension-sources.ts';
import {
  appHsmeta, cardEntrypoint, cardHsmeta, copiedSourceHeader, entrypointName, extensionHsmeta, extensionPackageJson, GITATTRIBUTES,
  hsProjectJson, jsonFile, metaName, pageEntrypoint, webhooksHsmeta, type ExtensionKind,
} from './project-files.ts';
import { legacySubscriptions, modelSubscriptionRules } from './webhook-subscriptions.ts';

export interface ProjectFile {
  /** Posix path relative to the project directory. */
  path: string;
  content: string;
}

export interface BuildOptions {
  /** The repository root: extension sources are read from `<root>/src`, versions from `<root>/package.json`. */
  repoRoot: string;
  /** Where HubSpot reaches the app: OAuth redirect, webhook target and permitted fetch origin. */
  publicBaseUrl: string;
  /** The subscription types the webhook receiver parses. */
  handledTypes: ReadonlySet<string>;
}

/** One extension of a kind: its component, and the files that register it (paths relative to the kind's directory). */
interface ExtensionEntry {
  component: string;
  files: (componentPath: string) => ProjectFile[];
}

/** HubSpot calls these URLs from the internet: https only, except a local address for development. */
export function normalizeBaseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`PUBLIC_BASE_URL ${JSON.stringify(value)} is not a URL`);
  }
  const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) throw new Error(`PUBLIC_BASE_URL must use https (got ${value})`);
  if (url.search || url.hash || url.username || url.password) throw new Error(`PUBLIC_BASE_URL must be a plain base URL (got ${value})`);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

export function buildHubSpotProject(manifest: AppManifest, options: BuildOptions): ProjectFile[] {
  const baseUrl = normalizeBaseUrl(options.publicBaseUrl);
  const subscriptions = legacySubscriptions(manifest.webhooks.subscriptionTypes, modelSubscriptionRules(options.handledTypes));
  const rootPackage = readFileSync(join(options.repoRoot, 'package.json'), 'utf8');
  const extensions = (kind: ExtensionKind, entries: ExtensionEntry[]): ProjectFile[] => extensionFiles(kind, entries, manifest, options.repoRoot, rootPackage);
  const files: ProjectFile[] = [
    { path: '.gitattributes', content: GITATTRIBUTES },
    { path: 'README.md', content: projectReadme(manifest) },
    { path: 'hsproject.json', content: jsonFile(hsProjectJson(manifest)) },
    { path: 'src/app/app-hsmeta.json', content: jsonFile(appHsmeta(manifest, baseUrl)) },
    { path: 'src/app/webhooks/webhooks-hsmeta.json', content: jsonFile(webhooksHsmeta(manifest, baseUrl, subscriptions)) },
    ...extensions('cards', manifest.cards.map((card) => ({
      component: card.component,
      files: (componentPath) => [
        { path: metaName(card.uid), content: jsonFile(cardHsmeta(card)) },
        { path: entrypointName(card.uid), content: cardEntrypoint(card, componentPath) },
      ],
    }))),
    ...(['page', 'settings'] as const).flatMap((kind) => {
      const extension = manifest[kind];
      return extensions(kind === 'page' ? 'pages' : 'settings', [{
        component: extension.component,
        files: (componentPath) => [
          { path: metaName(extension.uid), content: jsonFile(extensionHsmeta(kind, extension)) },
          { path: entrypointName(extension.uid), content: pageEntrypoint(extension, componentPath, baseUrl) },
        ],
      }]);
    }),
  ];
  return files.sort((a, b) => a.path.localeCompare(b.path));
}

/**
 * The files of one extension directory. HubSpot builds each directory on its own (its package.json,
 * no imports from outside it), so each holds its own copies of the sources it imports, under lib/.
 */
function extensionFiles(kind: ExtensionKind, entries: readonly ExtensionEntry[], manifest: AppManifest, repoRoot: string, rootPackage: string): ProjectFile[] {
  const dir = `src/app/${kind}`;
  const sources = new Map<string, SourceFile>();
  const packages = new Set<string>();
  const files: ProjectFile[] = [];
  for (const entry of entries) {
    const component = entry.component.replace(/^src\//, '');
    const collected = collectExtensionSources(join(repoRoot, 'src'), component);
    collected.files.forEach((f) => sources.set(f.path, f));
    collected.packages.forEach((p) => packages.add(p));
    files.push(...entry.files(`lib/${component}`).map((f) => ({ path: `${dir}/${f.path}`, content: f.content })));
  }
  const { version } = JSON.parse(rootPackage) as { version: string };
  const dependencies = packageVersions(rootPackage, [...packages].sort());
  files.push({ path: `${dir}/package.json`, content: jsonFile(extensionPackageJson(manifest, kind, version, dependencies)) });
  for (const source of sources.values()) files.push({ path: `${dir}/lib/${source.path}`, content: copiedSourceHeader(source.path) + source.content });
  return files;
}

function projectReadme(manifest: AppManifest): string {
  return [
    `# ${manifest.name}: HubSpot developer project`,
    '',
    'Generated by `npm run hubspot:project` from `app.json` and the extension sources under `src/`.',
    'Do not edit these files: change `app.json`, `src/card/` or `src/hubspot-pages/ui/`, then regenerate.',
    'Each extension directory (`src/app/cards`, `src/app/pages`, `src/app/settings`) is built by HubSpot on its',
    'own, so its `lib/` holds copies of the component and the files it imports, each headed by the source it',
    'copies; `.gitattributes` marks every file here as generated.',
    '',
    '```bash',
    'PUBLIC_BASE_URL=https://your-host npm run hubspot:project   # then, from this directory:',
    'hs project upload',
    '```',
    '',
  ].join('\n');
}
