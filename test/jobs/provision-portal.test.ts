// provisionPortal through the real portal client against nock: each step stands alone, so HubSpot
// refusing the task property neither stops the lists nor fails the install; the feature is switched
// off with HubSpot's reason, and a portal that did not grant the task scopes never tries.
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { provisionPortal } from '../../jobs/provision-portal.ts';
import { PermanentError } from '../../src/errors.ts';
import { readAppScopes } from '../../src/hubspot/app-scopes.ts';
import { portalFeatures } from '../../src/hubspot/portal-features.ts';
import { BASE, fixture, PORTAL, portalHarness, type PortalHarness } from '../hubspot/support.ts';
import { fakeLists } from './fake-lists.ts';

const JSON_HEADERS = { 'content-type': 'application/json;charset=utf-8' };
const MISSING_SCOPES = { status: 'error', message: 'This app hasn\'t been granted all required scopes to make this call.', category: 'MISSING_SCOPES', correlationId: 'c0ffee00-0000-4000-8000-000000000001' };
const ALL_SCOPES = [...readAppScopes().required, ...readAppScopes().optional];
const config = { PUBLIC_BASE_URL: 'https://kam.example.com' };

/** The portal's account details (its company currency). */
const accountInfo = () => nock(BASE).persist().get('/account-info/v3/details').reply(200, { portalId: Number(PORTAL), companyCurrency: 'EUR', additionalCurrencies: [] }, JSON_HEADERS);

/** Companies and deals: no groups or properties yet, every create accepted. Records the objects whose properties were created. */
function propertiesAccepted(objectTypes: string[]): { created: string[] } {
  const created: string[] = [];
  for (const type of objectTypes) {
    nock(BASE).persist().get(`/crm/v3/properties/${type}/groups`).reply(200, { results: [] }, JSON_HEADERS);
    nock(BASE).persist().post(`/crm/v3/properties/${type}/groups`).reply(201, (_uri, body) => ({ ...(body as object), archived: false }), JSON_HEADERS);
    nock(BASE).persist().get(`/crm/v3/properties/${type}`).reply(200, { results: [] }, JSON_HEADERS);
    nock(BASE).persist().post(`/crm/v3/properties/${type}/batch/create`).reply(201, () => {
      created.push(type);
      return fixture('properties-batch-create').response.body;
    }, JSON_HEADERS);
  }
  return { created };
}

describe('provisionPortal', () => {
  let h: PortalHarness | undefined;
  afterEach(async () => {
    nock.cleanAll();
    await h?.cleanup();
    h = undefined;
  });

  const run = (harness: PortalHarness) =>
    provisionPortal({ client: harness.client, portalId: PORTAL, portals: harness.portals, scopes: readAppScopes(), config, redis: harness.redis, prefix: harness.prefix, logger: harness.logger });

  it('when HubSpot refuses the task property, then the lists are still created, the install does not fail, and tasks are off with the reason', async () => {
    h = await portalHarness();
    await h.portals.markInstalled(PORTAL, { scopes: ALL_SCOPES });
    const props = propertiesAccepted(['companies', 'deals', 'products']);
    accountInfo();
    nock(BASE).get('/crm/v3/properties/tasks/groups').reply(200, { results: [] }, JSON_HEADERS);
    const refused = nock(BASE).post('/crm/v3/properties/tasks/groups').reply(403, MISSING_SCOPES, JSON_HEADERS);
    const lists = fakeLists();

    const report = await run(h);

    expect(refused.isDone()).toBe(true);
    expect(props.created).toEqual(['companies', 'companies', 'deals', 'products']);
    expect(lists.posts.map((p) => p.name)).toEqual(['KAM quadrant: Key', 'KAM quadrant: Key development', 'KAM quadrant: Maintenance', 'KAM quadrant: Opportunistic', 'KAM: Key accounts']);
    expect(report.steps.map((s) => [s.step, s.outcome])).toEqual([
      ['company properties', 'done'], ['account depth properties', 'done'], ['deal properties', 'done'], ['task properties', 'refused'],
      ['product properties', 'done'], ['company currency', 'done'], ['lists', 'done'],
    ]);
    const { features } = await portalFeatures({ portals: h.portals, scopes: readAppScopes(), config }, PORTAL);
    const tasks = features.find((f) => f.id === 'tasks');
    expect(tasks).toMatchObject({ enabled: false, missingScopes: [] });
    expect(tasks?.reason).toMatch(/^Play tasks is off: HubSpot refused its setup \(HubSpot answered 403: MISSING_SCOPES.*\), so no tasks are created/);
    expect(h.logs.some((l) => l.includes('"feature":"tasks"') && l.includes('feature off'))).toBe(true);
  });

  it('when the portal did not grant the task scopes, then the task property is not attempted, tasks are off with the missing scopes, and the admin gets the re-consent link', async () => {
    h = await portalHarness();
    await h.portals.markInstalled(PORTAL, { scopes: readAppScopes().required });
    propertiesAccepted(['companies', 'deals']);
    accountInfo();
    const lists = fakeLists();

    const report = await run(h);

    expect(report.steps.find((s) => s.step === 'task properties')?.outcome).toBe('skipped');
    expect(report.steps.find((s) => s.step === 'product properties')).toEqual({ step: 'product properties', outcome: 'skipped', detail: 'the products scopes were not granted' });
    expect(lists.posts).toHaveLength(5);
    const result = await portalFeatures({ portals: h.portals, scopes: readAppScopes(), config }, PORTAL);
    expect(result.reconsentUrl).toBe('https://kam.example.com/oauth/install');
    expect(result.features.find((f) => f.id === 'tasks')).toMatchObject({
      enabled: false, missingScopes: ['crm.objects.contacts.read', 'crm.objects.contacts.write', 'crm.objects.tasks.read', 'crm.objects.tasks.write'],
    });
    expect(result.features.every((f) => !f.enabled)).toBe(true);
    expect(h.logs.some((l) => l.includes('feature off') && l.includes('https://kam.example.com/oauth/install'))).toBe(true);
  });

  it('when a later run succeeds with the task property, then tasks are on again', async () => {
    h = await portalHarness();
    await h.portals.markInstalled(PORTAL, { scopes: ALL_SCOPES });
    await h.portals.setFeatureRefused(PORTAL, 'tasks', 'HubSpot answered 403');
    propertiesAccepted(['companies', 'deals', 'tasks', 'products']);
    accountInfo();
    fakeLists();

    await run(h);

    const { features, reconsentUrl } = await portalFeatures({ portals: h.portals, scopes: readAppScopes(), config }, PORTAL);
    expect(features.find((f) => f.id === 'tasks')).toMatchObject({ enabled: true, reason: null });
    expect(reconsentUrl).toBeNull();
  });

  it('when HubSpot refuses the company properties, then the other steps still run and the job fails so an admin sees it', async () => {
    h = await portalHarness();
    await h.portals.markInstalled(PORTAL, { scopes: ALL_SCOPES });
    nock(BASE).persist().get('/crm/v3/properties/companies/groups').reply(403, MISSING_SCOPES, JSON_HEADERS);
    propertiesAccepted(['deals', 'tasks', 'products']);
    accountInfo();
    const lists = fakeLists();

    await expect(run(h)).rejects.toBeInstanceOf(PermanentError);
    expect(lists.posts).toHaveLength(5);
  });
});
