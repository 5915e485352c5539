import { describe, expect, it } from 'vitest';
import {
  ExtensionSourceError, collectExtensionSources, importSpecifiers, packageOf, packageVersions,
} from '../../src/hubspot-project/extension-sources.ts';
import { join } from 'node:path';
import { REPO_ROOT } from './support.ts';

function fakeTree(files: Record<string, string>): (file: string) => string {
  return (file) => {
    const key = Object.keys(files).find((k) => file.endsWith(k));
    if (key === undefined) throw new Error(`no such file ${file}`);
    return files[key] as string;
  };
}

describe('collectExtensionSources', () => {
  it('when the repository card is collected, then it brings its view model and the pure model files, and only react and ui-extensions', () => {
    const sources = collectExtensionSources(join(REPO_ROOT, 'src'), 'card/company-card.ts');
    expect(sources.files.map((f) => f.path)).toEqual([
      'card/card-depth.ts', 'card/card-text.ts', 'card/card-view-model.ts', 'card/company-card.ts', 'model/format.ts', 'model/properties.ts', 'model/types.ts',
    ]);
    expect(sources.packages).toEqual(['@hubspot/ui-extensions', 'react']);
  });

  it('when the home and settings pages are collected, then they bring the contract and the model files they use, and no server code', () => {
    const expected = {
      'hubspot-pages/ui/home-pages.ts': ['@hubspot/ui-extensions', 'react', 'zod'],
      'hubspot-pages/ui/settings-page.ts': ['@hubspot/ui-extensions', 'json-merge-patch', 'react', 'zod'],
    };
    for (const [entry, packages] of Object.entries(expected)) {
      const sources = collectExtensionSources(join(REPO_ROOT, 'src'), entry);
      const paths = sources.files.map((f) => f.path);
      expect(paths, entry).toContain('hubspot-pages/api-contract.ts');
      expect(paths.filter((p) => !p.startsWith('hubspot-pages/') && !p.startsWith('model/')), entry).toEqual([]);
      expect(sources.packages, entry).toEqual(packages);
    }
    const settings = collectExtensionSources(join(REPO_ROOT, 'src'), 'hubspot-pages/ui/settings-page.ts').files.map((f) => f.path);
    expect(settings).toContain('model/settings.ts');
    expect(settings).not.toContain('hubspot-pages/ui/home-pages.ts');
  });

  it('when imports span lines, are type-only or re-exports, then each specifier is found', () => {
    const source = "import {\n  a,\n  b,\n} from './a.ts';\nimport type { C } from '../c.ts';\nexport * from \"./d.ts\";\nimport 'react';\nconst s = 'not from \\'./x.ts\\'';\n";
    expect(importSpecifiers(source)).toEqual(['./a.ts', '../c.ts', './d.ts', 'react']);
  });

  it('when a card file imports a package a card cannot use, or a file outside the source root, then every problem is named', () => {
    const read = fakeTree({
      'card/x.ts': "import { a } from './y.ts';\nimport pino from 'pino';\n",
      'card/y.ts': "import { readFileSync } from 'node:fs';\nimport { z } from '../../outside.ts';\nexport const a = 1;\n",
    });
    expect(() => collectExtensionSources('/root/src', 'card/x.ts', read)).toThrow(ExtensionSourceError);
    try {
      collectExtensionSources('/root/src', 'card/x.ts', read);
    } catch (err) {
      expect((err as ExtensionSourceError).problems).toEqual([
        'card/x.ts imports pino, which a HubSpot extension cannot use',
        'card/y.ts imports node:fs, which a HubSpot extension cannot use',
        'card/y.ts imports ../../outside.ts: only .ts files under the source root can be copied',
      ]);
    }
  });

  it('when files import each other in a cycle, then each is collected once', () => {
    const read = fakeTree({ 'a.ts': "import './b.ts';\n", 'b.ts': "import './a.ts';\n" });
    expect(collectExtensionSources('/s', 'a.ts', read).files.map((f) => f.path)).toEqual(['a.ts', 'b.ts']);
  });
});

describe('packages', () => {
  it('when a subpath is imported, then its package is named', () => {
    expect(packageOf('@hubspot/ui-extensions/crm')).toBe('@hubspot/ui-extensions');
    expect(packageOf('react/jsx-runtime')).toBe('react');
  });

  it('when a package is not declared by the repository, then its version cannot be given and it is named', () => {
    const pkg = JSON.stringify({ dependencies: { zod: '^4' }, devDependencies: { react: '^18.3.1' } });
    expect(packageVersions(pkg, ['react'])).toEqual({ react: '^18.3.1' });
    expect(() => packageVersions(pkg, ['react', '@hubspot/ui-extensions'])).toThrow(/@hubspot\/ui-extensions is imported by an extension but not declared/);
  });
});
