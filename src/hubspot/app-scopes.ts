// The scopes the app asks HubSpot for have one home, app.json: the install URL, the generated
// HubSpot project, the sandbox's default grant and the feature switches all read them from there.
// A required scope is needed to install at all. An optional one turns a feature on: HubSpot grants
// it only where the account has it, and an existing install gains a scope only when an admin
// consents again, so a portal without it runs with that feature off and the admin is told why.
import { fileURLToPath } from 'node:url';
import type { Config } from '../config.ts';
import { loadAppManifest, type AppManifest } from '../hubspot-project/app-manifest.ts';

export type AppScopes = AppManifest['scopes'];

export const APP_MANIFEST_FILE = fileURLToPath(new URL('../../app.json', import.meta.url));

/** The scopes of app.json (or of the manifest file given). */
export function readAppScopes(file: string = APP_MANIFEST_FILE): AppScopes {
  return loadAppManifest(file).scopes;
}

export interface FeatureStatus {
  id: string;
  label: string;
  enabled: boolean;
  /** Optional scopes the portal did not grant. */
  missingScopes: string[];
  /** Why it is off, in the admin's words; null when it is on. */
  reason: string | null;
}

/**
 * Each optional feature for one portal: on when the portal granted every scope it needs and its
 * setup in HubSpot was not refused (`refused`: feature id → what HubSpot answered).
 */
export function featureStatuses(scopes: AppScopes, granted: readonly string[], refused: Readonly<Record<string, string>> = {}): FeatureStatus[] {
  const have = new Set(granted);
  return scopes.features.map((f) => {
    const missingScopes = f.scopes.filter((s) => !have.has(s));
    const refusal = refused[f.id];
    let reason: string | null = null;
    if (missingScopes.length > 0) reason = `${f.label} is off: this HubSpot account did not grant ${missingScopes.join(', ')}, so ${f.without}.`;
    else if (refusal) reason = `${f.label} is off: HubSpot refused its setup (${refusal}), so ${f.without}.`;
    return { id: f.id, label: f.label, enabled: reason === null, missingScopes, reason };
  });
}

/** Whether one feature is on (false for an id app.json does not know). */
export function isFeatureOn(statuses: readonly FeatureStatus[], id: string): boolean {
  return statuses.find((s) => s.id === id)?.enabled ?? false;
}

/**
 * Where an admin grants missing scopes: the install flow again, which asks for every optional scope.
 * HubSpot keeps the install and adds what the admin grants.
 */
export function reconsentUrl(config: Pick<Config, 'PUBLIC_BASE_URL'>): string {
  return `${config.PUBLIC_BASE_URL.replace(/\/+$/, '')}/oauth/install`;
}
