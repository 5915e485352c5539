// An extension's source (the card, the app home page, the settings page) as HubSpot will build it:
// the component file and every file it imports relatively, copied unchanged but for a header line
// (so it cannot drift from the code the tests ran), plus the package.json naming the packages those
// files import, at the versions this repository uses.
import { readFileSync } from 'node:fs';
import { dirname, join, normalize, sep } from 'node:path';

export interface SourceFile {
  /** Path relative to the source root (e.g. `card/company-card.ts` for `src/card/company-card.ts`). */
  path: string;
  content: string;
}

export interface ExtensionSources {
  files: SourceFile[];
  /** Bare package names imported anywhere in the closure, sorted. */
  packages: string[];
}

/**
 * Packages an extension may use; anything else (node:fs, pino, …) does not exist in HubSpot's
 * browser sandbox. zod is there because the pages check our backend's answers against the same
 * contract the server's tests parse them with; json-merge-patch because the settings page makes
 * the merge patches the server applies with it.
 */
export const EXTENSION_PACKAGES: ReadonlySet<string> = new Set(['react', '@hubspot/ui-extensions', 'zod', 'json-merge-patch']);

const SPECIFIER = /(?:^|\n)\s*(?:import|export)\s+(?:type\s+)?(?:[^'"]*?\s+from\s+)?['"]([^'"]+)['"]/g;

export class ExtensionSourceError extends Error {
  constructor(readonly problems: string[]) {
    super(`extension sources refused:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ExtensionSourceError';
  }
}

/** The import specifiers of one TypeScript module (static imports and re-exports). */
export function importSpecifiers(source: string): string[] {
  return [...source.matchAll(SPECIFIER)].map((m) => m[1] ?? '');
}

/** The package part of a bare specifier: `@hubspot/ui-extensions/crm` → `@hubspot/ui-extensions`. */
export function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

/**
 * Follows relative imports from `entry` (relative to `sourceRoot`), in a stable order. Every file must
 * stay under the source root, and every bare import must be a package an extension may use.
 */
export function collectExtensionSources(sourceRoot: string, entry: string, read = (file: string) => readFileSync(file, 'utf8')): ExtensionSources {
  const problems: string[] = [];
  const files = new Map<string, string>();
  const packages = new Set<string>();
  const queue = [normalize(entry)];
  while (queue.length > 0) {
    const path = queue.shift() as string;
    if (files.has(path)) continue;
    const content = read(join(sourceRoot, path));
    files.set(path, content);
    for (const specifier of importSpecifiers(content)) {
      if (!specifier.startsWith('.')) {
        if (EXTENSION_PACKAGES.has(packageOf(specifier))) packages.add(packageOf(specifier));
        else problems.push(`${path} imports ${specifier}, which a HubSpot extension cannot use`);
        continue;
      }
      const target = normalize(join(dirname(path), specifier));
      if (target.startsWith('..') || !target.endsWith('.ts')) problems.push(`${path} imports ${specifier}: only .ts files under the source root can be copied`);
      else queue.push(target);
    }
  }
  if (problems.length > 0) throw new ExtensionSourceError(problems);
  const toPosix = (p: string): string => p.split(sep).join('/');
  return {
    files: [...files].map(([path, content]) => ({ path: toPosix(path), content })).sort((a, b) => a.path.localeCompare(b.path)),
    packages: [...packages].sort(),
  };
}

/** The versions of `packages` this repository declares (dependencies or devDependencies). */
export function packageVersions(rootPackageJson: string, packages: readonly string[]): Record<string, string> {
  const pkg = JSON.parse(rootPackageJson) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
  const declared = { ...pkg.devDependencies, ...pkg.dependencies };
  const missing = packages.filter((p) => declared[p] === undefined);
  if (missing.length > 0) throw new ExtensionSourceError(missing.map((p) => `${p} is imported by an extension but not declared in package.json`));
  return Object.fromEntries(packages.map((p) => [p, declared[p] as string]));
}
