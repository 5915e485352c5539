// The card's source as HubSpot will build it: the component file and every file it imports
// relatively, copied byte for byte (so the card cannot drift from the code the tests ran), plus the
// package.json naming the packages those files import, at the versions this repository uses.
import { readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';

export interface SourceFile {
  /** Path relative to the source root (e.g. `card/company-card.ts` for `src/card/company-card.ts`). */
  path: string;
  content: string;
}

export interface CardSources {
  files: SourceFile[];
  /** Bare package names imported anywhere in the closure, sorted. */
  packages: string[];
}

/** Packages a HubSpot card may use; anything else (node:fs, pino, …) does not exist in the browser. */
export const CARD_PACKAGES: ReadonlySet<string> = new Set(['react', '@hubspot/ui-extensions']);

const SPECIFIER = /(?:^|\n)\s*(?:import|export)\s+(?:type\s+)?(?:[^'"]*?\s+from\s+)?['"]([^'"]+)['"]/g;

export class CardSourceError extends Error {
  constructor(readonly problems: string[]) {
    super(`card sources refused:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'CardSourceError';
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
 * stay under the source root, and every bare import must be a package a card may use.
 */
export function collectCardSources(sourceRoot: string, entry: string, read = (file: string) => readFileSync(file, 'utf8')): CardSources {
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
        if (CARD_PACKAGES.has(packageOf(specifier))) packages.add(packageOf(specifier));
        else problems.push(`${path} imports ${specifier}, which a HubSpot card cannot use`);
        continue;
      }
      const target = normalize(join(dirname(path), specifier));
      if (target.startsWith('..') || !target.endsWith('.ts')) problems.push(`${path} imports ${specifier}: only .ts files under the source root can be copied`);
      else queue.push(target);
    }
  }
  if (problems.length > 0) throw new CardSourceError(problems);
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
  if (missing.length > 0) throw new CardSourceError(missing.map((p) => `${p} is imported by the card but not declared in package.json`));
  return Object.fromEntries(packages.map((p) => [p, declared[p] as string]));
}

/** `src/card/company-card.ts` relative to `src` → `card/company-card.ts`, as a posix path. */
export function relativeToRoot(root: string, file: string): string {
  return relative(root, file).split(sep).join('/');
}
