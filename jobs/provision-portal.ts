// Brings a portal up to what the app needs, on every install and re-consent, and on the first pass
// after an upgrade that added properties: its property groups and properties on companies, deals,
// tasks and products, its company lists and its company currency. Every step is idempotent and
// stands alone: one that HubSpot refuses is logged with HubSpot's reason and the others still run
// (a refused task property must not cost the managers their lists). Afterwards:
// - a refused optional feature (tasks) is recorded as off with its reason, shown to the admin;
// - a feature whose scopes the portal did not grant is skipped and logged as off, with the link that
//   asks for them again;
// - the company properties are the one step the app cannot score without, so their refusal fails
//   the job (kept, replayable); a transient failure of any step is thrown after all steps ran, and
//   the retry repeats only what is still missing;
// - the account-depth properties (§8–§10) are their own step, and only their success records the
//   portal's depth flag (portal-profile.ts), which the write path checks before it names them;
// - the product-line property needs the products feature: without its scope it is skipped, refused
//   it switches the feature off with HubSpot's reason.
import {
  DEAL_INPUT_PROPERTIES, DEPTH_INPUT_PROPERTIES, DEPTH_OUTPUT_PROPERTIES, INPUT_GROUP, INPUT_PROPERTIES, OUTPUT_GROUP, OUTPUT_PROPERTIES,
  PRODUCT_INPUT_PROPERTIES, TASK_GROUP, TASK_PROPERTIES,
} from '../src/model/index.ts';
import { readCompanyCurrency } from '../src/hubspot/account-info.ts';
import { setDepthPropertiesReady, setPortalCurrency } from '../src/store/portal-profile.ts';
import type { RedisClient } from '../src/store/redis-client.ts';
import { PermanentError, UnauthorizedError } from '../src/errors.ts';
import type { AppScopes } from '../src/hubspot/app-scopes.ts';
import type { PortalClient } from '../src/hubspot/portal-client.ts';
import { portalFeatures } from '../src/hubspot/portal-features.ts';
import { provisionProperties, type ProvisionSpec } from '../src/hubspot/provision-properties.ts';
import type { Logger } from '../src/logger.ts';
import type { PortalStore } from '../src/store/portal-store.ts';
import { provisionLists } from './provision-lists.ts';

export const COMPANY_SPEC: ProvisionSpec = { objectType: 'companies', groups: [INPUT_GROUP, OUTPUT_GROUP], properties: [...INPUT_PROPERTIES, ...OUTPUT_PROPERTIES] };
export const DEAL_SPEC: ProvisionSpec = { objectType: 'deals', groups: [], properties: DEAL_INPUT_PROPERTIES };
export const TASK_SPEC: ProvisionSpec = { objectType: 'tasks', groups: [TASK_GROUP], properties: TASK_PROPERTIES };
/** Inputs in the inputs group, outputs in the outputs group, as the other company properties. */
export const DEPTH_SPEC: ProvisionSpec = { objectType: 'companies', groups: [INPUT_GROUP, OUTPUT_GROUP], properties: [...DEPTH_INPUT_PROPERTIES, ...DEPTH_OUTPUT_PROPERTIES] };
/** In HubSpot's own product information group. */
export const PRODUCT_SPEC: ProvisionSpec = { objectType: 'products', groups: [], properties: PRODUCT_INPUT_PROPERTIES };

export interface ProvisionPortalDeps {
  client: Pick<PortalClient, 'call' | 'listPropertyGroups' | 'createPropertyGroup' | 'listProperties' | 'createProperties' | 'updateProperty'>;
  portalId: string;
  portals: Pick<PortalStore, 'get' | 'setFeatureRefused'>;
  scopes: AppScopes;
  config: { PUBLIC_BASE_URL: string };
  /** Where the depth flag and the currency are kept (portal-profile.ts). */
  redis: RedisClient;
  prefix: string;
  /** The portal's logger (it carries the portal id). */
  logger: Logger;
}

export type StepOutcome = 'done' | 'skipped' | 'refused' | 'failed';

export interface ProvisionReport {
  steps: Array<{ step: string; outcome: StepOutcome; detail?: string }>;
}

interface Step {
  name: string;
  /** The optional feature the step belongs to: skipped without its scopes, switched off when refused. */
  feature?: string;
  /** The app cannot run without it: a refusal fails the job. */
  required?: boolean;
  run: () => Promise<string>;
}

function steps(deps: ProvisionPortalDeps): Step[] {
  const props = (spec: ProvisionSpec) => async () => {
    const r = await provisionProperties(deps.client, [spec]);
    return `${r.createdProperties.length} created, ${r.updatedProperties.length} updated, ${r.unchanged.length} unchanged`;
  };
  return [
    { name: 'company properties', required: true, run: props(COMPANY_SPEC) },
    {
      name: 'account depth properties',
      run: async () => {
        const detail = await props(DEPTH_SPEC)();
        await setDepthPropertiesReady(deps.redis, deps.prefix, deps.portalId, true);
        return detail;
      },
    },
    { name: 'deal properties', run: props(DEAL_SPEC) },
    { name: 'task properties', feature: 'tasks', run: props(TASK_SPEC) },
    { name: 'product properties', feature: 'products', run: props(PRODUCT_SPEC) },
    {
      name: 'company currency',
      run: async () => {
        const currency = await readCompanyCurrency(deps.client.call);
        await setPortalCurrency(deps.redis, deps.prefix, deps.portalId, currency);
        return currency;
      },
    },
    {
      name: 'lists',
      run: async () => {
        const r = await provisionLists(deps.client.call);
        return `${r.created.length} created, ${r.existing.length} already there`;
      },
    },
  ];
}

export async function provisionPortal(deps: ProvisionPortalDeps): Promise<ProvisionReport> {
  const { portalId, logger } = deps;
  const before = await portalFeatures(deps, portalId);
  const missingScopes = new Set(before.features.filter((f) => f.missingScopes.length > 0).map((f) => f.id));
  const report: ProvisionReport = { steps: [] };
  let retry: unknown;
  let refusedRequired: PermanentError | undefined;
  for (const step of steps(deps)) {
    if (step.feature && missingScopes.has(step.feature)) {
      report.steps.push({ step: step.name, outcome: 'skipped', detail: `the ${step.feature} scopes were not granted` });
      continue;
    }
    try {
      const detail = await step.run();
      report.steps.push({ step: step.name, outcome: 'done', detail });
      if (step.feature) await deps.portals.setFeatureRefused(portalId, step.feature, null);
    } catch (err) {
      if (err instanceof UnauthorizedError && err.revoked) throw err; // uninstalled: nothing else can work
      const message = err instanceof Error ? err.message : String(err);
      if (err instanceof PermanentError) {
        report.steps.push({ step: step.name, outcome: 'refused', detail: message });
        logger.warn({ step: step.name, reason: message }, 'provisioning step refused by hubspot');
        if (step.feature) await deps.portals.setFeatureRefused(portalId, step.feature, message);
        if (step.required) refusedRequired ??= err;
      } else {
        report.steps.push({ step: step.name, outcome: 'failed', detail: message });
        logger.warn({ step: step.name, err }, 'provisioning step failed; the job will retry');
        retry ??= err;
      }
    }
  }
  const after = await portalFeatures(deps, portalId);
  for (const f of after.features) {
    if (!f.enabled) logger.warn({ feature: f.id, missingScopes: f.missingScopes, reconsentUrl: after.reconsentUrl, reason: f.reason }, 'feature off');
  }
  logger.info({ steps: report.steps.map((s) => `${s.step}: ${s.outcome}${s.detail ? ` (${s.detail})` : ''}`) }, 'portal provisioned');
  if (refusedRequired) throw refusedRequired;
  if (retry) throw retry;
  return report;
}
