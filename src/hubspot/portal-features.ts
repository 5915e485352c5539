// Which optional features a portal has, and why one is off: for the settings page, the log and the
// jobs that must not use a feature the portal did not grant. Granted scopes come from the install
// (or the last re-consent); refusals from provisioning.
import type { Config } from '../config.ts';
import type { PortalStore } from '../store/portal-store.ts';
import { featureStatuses, reconsentUrl, type AppScopes, type FeatureStatus } from './app-scopes.ts';

export interface PortalFeatures {
  features: FeatureStatus[];
  /** Where an admin grants what is missing (null when nothing is). */
  reconsentUrl: string | null;
}

export interface PortalFeaturesDeps {
  portals: Pick<PortalStore, 'get'>;
  scopes: AppScopes;
  config: Pick<Config, 'PUBLIC_BASE_URL'>;
}

/** The portal's optional features; every one off when the portal is not installed. */
export async function portalFeatures(deps: PortalFeaturesDeps, portalId: string): Promise<PortalFeatures> {
  const record = await deps.portals.get(portalId);
  const granted = record?.status === 'installed' ? record.scopes : [];
  const features = featureStatuses(deps.scopes, granted, record?.featuresRefused ?? {});
  const missing = features.some((f) => f.missingScopes.length > 0);
  return { features, reconsentUrl: missing ? reconsentUrl(deps.config) : null };
}
