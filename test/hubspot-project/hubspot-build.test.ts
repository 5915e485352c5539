// HubSpot's own build of each extension of the committed project (the step `hs project upload` runs
// remotely: @hubspot/ui-extensions-dev-server's remoteBuild, vite with HubSpot's plugins), offline.
// The committed project is built in place so its imports resolve against this repository's packages,
// as `hs project install-deps` would install them; only the output goes to a temporary directory.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { remoteBuild } from '@hubspot/ui-extensions-dev-server/build';
import { describe, expect, it, vi } from 'vitest';
import { COMMITTED_PROJECT, readJson, tempDir } from './support.ts';

interface BuildManifest {
  entry: string;
  modules: { internal: { module: string }[]; external: { module: string }[] };
}

const EXTENSIONS = [
  { dir: 'cards', meta: 'key-account-card-hsmeta.json', component: 'lib/card/company-card.ts' },
  { dir: 'pages', meta: 'key-accounts-home-hsmeta.json', component: 'lib/hubspot-pages/ui/home-pages.ts' },
  { dir: 'settings', meta: 'key-accounts-settings-hsmeta.json', component: 'lib/hubspot-pages/ui/settings-page.ts' },
] as const;

describe("HubSpot's build of the committed project's extensions", () => {
  for (const extension of EXTENSIONS) {
    it(`when the ${extension.dir} extension is built as HubSpot builds it, then it bundles its entrypoint and copied sources with no warning`, async () => {
      const root = join(COMMITTED_PROJECT, 'src/app', extension.dir);
      const meta = readJson<{ config: { entrypoint: string } }>(join(root, extension.meta));
      const entryPoint = join(COMMITTED_PROJECT, 'src', meta.config.entrypoint);
      const out = tempDir('kam-hs-build-');
      const warnings: unknown[] = [];
      const warn = vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => void warnings.push(args));
      try {
        await remoteBuild({ root, entryPoint, outputDir: out, logLevel: 'silent' });
      } finally {
        warn.mockRestore();
      }
      const name = meta.config.entrypoint.split('/').pop()?.replace(/\.jsx$/, '') ?? '';
      expect(existsSync(join(out, `${name}.js`))).toBe(true);
      const manifest = readJson<BuildManifest>(join(out, `${name}-manifest.json`));
      const internal = manifest.modules.internal.map((m) => m.module);
      expect(internal).toContain(extension.component);
      expect(internal.filter((m) => m.startsWith('..') || m.startsWith('/'))).toEqual([]);
      expect(warnings).toEqual([]);
      // The bundle talks to our backend only through hubspot.fetch: no Node module and no other network API.
      const bundle = readFileSync(join(out, `${name}.js`), 'utf8');
      expect(bundle).not.toMatch(/require\(["']node:|from ["']node:/);
    }, 60_000);
  }
});
