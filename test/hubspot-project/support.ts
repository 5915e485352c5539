// Shared by the HubSpot project tests: the repository's own manifest, and a generated project in a
// temporary directory that is removed after the test.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { onTestFinished } from 'vitest';
import { KNOWN_SUBSCRIPTION_TYPES } from '../../webhooks/event-schemas.ts';
import { loadAppManifest, type AppManifest } from '../../src/hubspot-project/app-manifest.ts';
import { buildHubSpotProject, type ProjectFile } from '../../src/hubspot-project/build-project.ts';
import { writeProjectDir } from '../../src/hubspot-project/project-dir.ts';
import { DEFAULT_PUBLIC_BASE_URL } from '../../src/hubspot-project/run-generator.ts';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const COMMITTED_PROJECT = join(REPO_ROOT, 'hubspot-project');

export const repoManifest = (): AppManifest => loadAppManifest(join(REPO_ROOT, 'app.json'));

export function buildFiles(manifest = repoManifest(), publicBaseUrl = DEFAULT_PUBLIC_BASE_URL): ProjectFile[] {
  return buildHubSpotProject(manifest, { repoRoot: REPO_ROOT, publicBaseUrl, handledTypes: KNOWN_SUBSCRIPTION_TYPES });
}

/** A fresh temporary directory, removed when the current test ends. */
export function tempDir(prefix = 'kam-hs-project-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function generateInto(dir: string, files = buildFiles()): string {
  writeProjectDir(dir, files);
  return dir;
}

export function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

export interface WebhooksMeta {
  uid: string;
  type: string;
  config: {
    settings: { targetUrl: string; maxConcurrentRequests: number };
    subscriptions: {
      crmObjects: unknown[];
      legacyCrmObjects: { subscriptionType: string; propertyName?: string; active: boolean }[];
      hubEvents: unknown[];
    };
  };
}
