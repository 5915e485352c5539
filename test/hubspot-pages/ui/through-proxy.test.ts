// The app home page and the settings page against the real /api/hubspot routes, each call going
// through the sandbox's stand-in for HubSpot's proxy (signed v3, portal and user appended), on a
// real Redis: what an extension inside HubSpot would get, short of HubSpot itself.
import { createElement } from 'react';
import { Alert, Button, EmptyState, Link, NumberInput, StatisticsItem, Table, TableCell, TableRow, Text } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubSpotFetch } from '../../../src/hubspot-pages/ui/backend-client.ts';
import { KeyAccountsPages } from '../../../src/hubspot-pages/ui/home-pages.ts';
import { KeyAccountsSettings } from '../../../src/hubspot-pages/ui/settings-page.ts';
import { QUADRANTS } from '../../../src/model/types.ts';
import { SANDBOX_INSTALLER_ID } from '../../../src/sandbox/portal-users.ts';
import { startAppBehindProxy, type AppBehindProxy } from '../../sandbox/support.ts';

const RILEY = '71234570'; // a rep: neither installer, super admin nor listed
const COMPANIES = 60;

describe('the pages through the sandbox\'s HubSpot proxy, against the real /api/hubspot routes', () => {
  let app: AppBehindProxy;
  beforeAll(async () => {
    app = await startAppBehindProxy(COMPANIES);
  });
  afterAll(async () => app?.close());

  /** hubspot.fetch as HubSpot runs it for `userId` in the sandbox portal: through the proxy, which signs it. */
  const hubspotFetchAs = (userId: string): HubSpotFetch => (url, options) =>
    app.fetchAs(userId, { url, method: options?.method ?? 'GET', ...(options?.body ? { body: options.body } : {}) });

  it('when the installer opens the app home page, then the matrix counts add up to the portal\'s companies and each links to its record', async () => {
    const page = createRenderer('pages');
    page.render(createElement(KeyAccountsPages, { backend: app.appUrl, fetch: hubspotFetchAs(SANDBOX_INSTALLER_ID) }));
    await page.waitFor(() => expect(page.findByTestId(Text, 'summary-line').text).toMatch(new RegExp(`^${COMPANIES} companies scored`)), { timeoutInMs: 10_000 });
    const counts = QUADRANTS.map((q) => Number(page.findByTestId(StatisticsItem, `quadrant-count-${q}`).props.number));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(COMPANIES);
    const links = page.findByTestId(Table, 'key-accounts').findAll(Link);
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(String(link.props.href)).toMatch(new RegExp(`/contacts/${app.sandbox.portalId}/record/0-2/\\d+$`));
  });

  it('when the installer sets the capacity to 0, then the preview from the server shows every key account leaving, the save is kept with its history, and a pass is queued', async () => {
    const page = createRenderer('settings');
    page.render(createElement(KeyAccountsSettings, { backend: app.appUrl, fetch: hubspotFetchAs(SANDBOX_INSTALLER_ID), pollMs: 60_000 }));
    await page.waitFor(() => page.findByTestId(Text, 'version'), { timeoutInMs: 10_000 });
    const version = Number(/version (\d+)/.exec(page.findByTestId(Text, 'version').text ?? '')?.[1]);
    const capacity = page.find(NumberInput, { name: 'keyAccountCapacity' });
    (capacity.trigger as (event: string, arg: unknown) => void)('onChange', 0);
    await page.waitFor(() => expect(page.findByTestId(Button, 'preview').props.disabled).toBe(false));
    page.findByTestId(Button, 'preview').trigger('onClick');
    await page.waitFor(() => page.findByTestId(StatisticsItem, 'leaving'), { timeoutInMs: 10_000 });
    expect(Number(page.findByTestId(StatisticsItem, 'leaving').props.number)).toBeGreaterThan(0);
    expect(Number(page.findByTestId(StatisticsItem, 'joining').props.number)).toBe(0);
    expect(page.findByTestId(Table, 'scenarios').toString()).toContain('0 of 0 places used');
    page.findByTestId(Button, 'save').trigger('onClick');
    await page.waitFor(() => page.findByTestId(Alert, 'saved'), { timeoutInMs: 10_000 });
    expect(page.findByTestId(Text, 'version').text).toMatch(new RegExp(`^Settings version ${version + 1}`));
    expect(page.findByTestId(Alert, 'saved').text).toContain('keyAccountCapacity');
    // The history is read again after the save; its newest entry names the change.
    await page.waitFor(() => page.find(Table, (t) => t.toString().includes('settings.keyAccountCapacity')), { timeoutInMs: 10_000 });
    const change = page.find(Table, (t) => t.toString().includes('settings.keyAccountCapacity'));
    expect(change.findAll(TableRow).map((r) => r.findAll(TableCell).map((c) => c.text))).toContainEqual(['settings.keyAccountCapacity', '25', '0']);
    expect(await app.passQueue.count()).toBeGreaterThan(0);
  });

  it('when a rep opens either page, then neither shows a figure and both say whom to ask', async () => {
    const home = createRenderer('pages');
    home.render(createElement(KeyAccountsPages, { backend: app.appUrl, fetch: hubspotFetchAs(RILEY) }));
    await home.waitFor(() => home.findByTestId(EmptyState, 'access-denied'), { timeoutInMs: 10_000 });
    expect(home.findByTestId(EmptyState, 'access-denied').toString()).toContain('Sandy Installer');
    expect(home.maybeFind(StatisticsItem)).toBeNull();
    const settings = createRenderer('settings');
    settings.render(createElement(KeyAccountsSettings, { backend: app.appUrl, fetch: hubspotFetchAs(RILEY) }));
    await settings.waitFor(() => settings.findByTestId(EmptyState, 'access-denied'), { timeoutInMs: 10_000 });
    expect(settings.maybeFind(NumberInput)).toBeNull();
  });
});
