import { createElement } from 'react';
import {
  Alert, Button, EmptyState, Input, Link, MultiSelect, NumberInput, ProgressBar, StatisticsItem, Table, Text, TextArea, Tile, Toggle,
} from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { describe, expect, it } from 'vitest';
import type { SettingsResponse } from '../../../src/hubspot-pages/api-contract.ts';
import { KeyAccountsSettings } from '../../../src/hubspot-pages/ui/settings-page.ts';
import { DEFAULT_SETTINGS } from '../../../src/model/settings.ts';
import { BACKEND, fakeHubSpotFetch, historyResponse, scored, settingsResponse, whatIfResponse, writeResponse } from './responses.ts';

type Routes = Parameters<typeof fakeHubSpotFetch>[0];

function open(routes: Routes) {
  const renderer = createRenderer('settings');
  const backend = fakeHubSpotFetch({ 'GET /api/hubspot/settings/history': { body: historyResponse() }, ...routes });
  renderer.render(createElement(KeyAccountsSettings, { backend: BACKEND, fetch: backend.fetch, pollMs: 5 }));
  return { ...renderer, calls: backend.calls };
}

const loaded = async (page: ReturnType<typeof open>) => page.waitFor(() => page.findByTestId(Text, 'version'));
const field = (page: ReturnType<typeof open>, name: string) => page.find(NumberInput, { name });
/** What a user's input does: the control calls its onChange with the value (the library types trigger's argument oddly). */
const change = (node: { trigger: unknown }, value: unknown): void => (node.trigger as (event: string, arg: unknown) => void)('onChange', value);

describe('the app settings page', () => {
  it('when it opens, then every model setting has a control with its label, its meaning and its default', async () => {
    const response = settingsResponse();
    const page = open({ 'GET /api/hubspot/settings': { body: response } });
    await loaded(page);
    const names = [NumberInput, Toggle, Input, TextArea].flatMap((c) => page.findAll(c as typeof NumberInput).map((n) => String(n.props.name)));
    for (const f of response.fields) {
      // A threshold set to the portfolio average is a toggle named after it ('….average').
      expect(names.some((n) => n === f.path || n.startsWith(`${f.path}.`)), f.path).toBe(true);
    }
    expect(response.fields.length).toBeGreaterThan(50);
    expect(field(page, 'keyAccountCapacity').props).toMatchObject({ label: 'Key-account places', value: 25, description: expect.stringContaining('How many key accounts the team can serve') });
    expect(page.find(Input, { name: 'coverage.dedicated.roles' }).props.value).toBe('120000, 120000');
    expect(page.findByTestId(Text, 'version').text).toBe('Settings version 3, saved 2026-11-20 09:30 UTC by ada@acme.test.');
    // Every value is the default: no field offers to go back to it.
    expect(page.maybeFind(Button, (b) => String(b.props.testId).startsWith('reset-'))).toBeNull();
  });

  it('when the profit target is a number, then it is a number input whose description says what automatic would give', async () => {
    const response = settingsResponse({ profitTarget: { setting: 100_000, value: 100_000 } }, { ...DEFAULT_SETTINGS, profitTarget: 100_000 });
    const page = open({ 'GET /api/hubspot/settings': { body: response } });
    await loaded(page);
    expect(field(page, 'profitTarget').props).toMatchObject({ value: 100_000, label: 'Profit target (per year)' });
  });

  it('when the profit target is automatic, then the page shows the number it gives', async () => {
    const response = settingsResponse({ profitTarget: { setting: 'auto', value: 412_000 } }, { ...DEFAULT_SETTINGS, profitTarget: 'auto' } as never);
    const page = open({ 'GET /api/hubspot/settings': { body: response } });
    await loaded(page);
    expect(page.findByTestId(Text, 'field-profitTarget-auto-value').text).toMatch(/^Profit target \(per year\): 412,000 \(automatic\)\./);
    expect(page.maybeFind(NumberInput, { name: 'profitTarget' })).toBeNull();
  });

  it('when a value is out of range, then its field shows the model\'s message and neither preview nor save is possible', async () => {
    const page = open({ 'GET /api/hubspot/settings': { body: settingsResponse() } });
    await loaded(page);
    change(field(page, 'windowMonths'), 0);
    await page.waitFor(() => expect(field(page, 'windowMonths').props.error).toBe(true));
    expect(field(page, 'windowMonths').props.validationMessage).toMatch(/1/);
    expect(page.findByTestId(Button, 'preview').props.disabled).toBe(true);
    expect(page.findByTestId(Button, 'save').props.disabled).toBe(true);
    expect(page.calls.filter((c) => c.method !== 'GET')).toEqual([]);
  });

  it('when a setting is changed, then the what-if shows who moves before saving, and the save sends only that setting with its base version', async () => {
    const proposed = { ...DEFAULT_SETTINGS, keyAccountCapacity: 30 };
    const preview = whatIfResponse(proposed);
    const after = settingsResponse({ version: 4, pass: { jobId: 'pass-9', state: 'active', phase: 'reading', companies: 300, written: null, settingsVersion: 4 } }, proposed);
    const done = settingsResponse({ version: 4, pass: { jobId: 'pass-9', state: 'completed', phase: 'done', companies: 300, written: 300, settingsVersion: 4 } }, proposed);
    let gets = 0;
    const page = open({
      'GET /api/hubspot/settings': () => ({ body: ++gets === 1 ? settingsResponse() : done }),
      'POST /api/hubspot/what-if': { body: preview },
      'PATCH /api/hubspot/settings': { body: writeResponse(after, ['settings.keyAccountCapacity'], 'pass-9') },
    });
    await loaded(page);
    change(field(page, 'keyAccountCapacity'), 30);
    await page.waitFor(() => expect(page.findByTestId(Text, 'changed').text).toBe('Changed: keyAccountCapacity.'));
    expect(page.findByTestId(Button, 'save').props.disabled).toBe(true);

    page.findByTestId(Button, 'preview').trigger('onClick');
    await page.waitFor(() => page.findByTestId(StatisticsItem, 'joining'));
    expect(page.calls.find((c) => c.method === 'POST')).toEqual({ method: 'POST', path: '/api/hubspot/what-if', query: {}, body: { settings: { keyAccountCapacity: 30 } } });
    const before = scored();
    const afterScore = scored(proposed);
    const joining = afterScore.accounts.filter((a) => a.isKeyAccount).length - before.accounts.filter((a) => a.isKeyAccount).length;
    expect(joining).toBeGreaterThan(0);
    expect(page.findByTestId(StatisticsItem, 'joining').props.number).toBe(preview.keyList.joining);
    expect(preview.keyList.joining).toBe(joining);
    expect(page.findByTestId(Table, 'movers').toString()).toContain('Joins');

    page.findByTestId(Button, 'save').trigger('onClick');
    await page.waitFor(() => page.findByTestId(Alert, 'saved'));
    expect(page.calls.find((c) => c.method === 'PATCH')?.body).toEqual({ baseVersion: 3, settings: { keyAccountCapacity: 30 } });
    expect(page.findByTestId(Alert, 'saved').text).toContain('Version 4: settings.keyAccountCapacity.');
    await page.waitFor(() => expect(page.findByTestId(Alert, 'pass').text).toBe('The portfolio was re-scored with settings version 4: 300 companies.'));
  });

  it('when someone else saved meanwhile, then nothing is lost: the page says so, loads the latest and keeps the edit', async () => {
    let gets = 0;
    const page = open({
      'GET /api/hubspot/settings': () => ({ body: ++gets === 1 ? settingsResponse() : settingsResponse({ version: 5 }) }),
      'POST /api/hubspot/what-if': { body: whatIfResponse({ ...DEFAULT_SETTINGS, keyAccountCapacity: 30 }) },
      'PATCH /api/hubspot/settings': { status: 409, body: { error: 'The settings changed since version 3.', baseVersion: 3, currentVersion: 5 } },
    });
    await loaded(page);
    change(field(page, 'keyAccountCapacity'), 30);
    await page.waitFor(() => expect(page.findByTestId(Button, 'preview').props.disabled).toBe(false));
    page.findByTestId(Button, 'preview').trigger('onClick');
    await page.waitFor(() => expect(page.findByTestId(Button, 'save').props.disabled).toBe(false));
    page.findByTestId(Button, 'save').trigger('onClick');
    await page.waitFor(() => page.findByTestId(Alert, 'conflict'));
    expect(page.findByTestId(Alert, 'conflict').find(Text).text).toContain('You started from version 3; version 5 is saved now.');
    page.findByTestId(Button, 'reload-latest').trigger('onClick');
    await page.waitFor(() => expect(page.findByTestId(Text, 'version').text).toMatch(/^Settings version 5/));
    expect(field(page, 'keyAccountCapacity').props.value).toBe(30);
    // The preview was of version 3: a new one is needed before saving on top of version 5.
    expect(page.findByTestId(Button, 'save').props.disabled).toBe(true);
  });

  it('when the user may see but not change the settings, then the controls are read-only and the page says whom to ask', async () => {
    const response = settingsResponse({ you: { userId: '502', email: 'grace@acme.test', canView: true, canEdit: false } });
    const page = open({ 'GET /api/hubspot/settings': { body: response } });
    await loaded(page);
    expect(page.findByTestId(Alert, 'read-only').text).toBe('To change them, ask Ada Lovelace (ada@acme.test), or a super admin of this account.');
    expect(field(page, 'keyAccountCapacity').props.readOnly).toBe(true);
    expect(page.maybeFind(Button, { testId: 'save' })).toBeNull();
    expect(page.maybeFind(Button, { testId: 'restore-h2' })).toBeNull();
  });

  it('when the user may not see the settings at all, then the page names whom to ask', async () => {
    const page = open({ 'GET /api/hubspot/settings': { status: 403, body: {
      error: 'Only the people the app admin chose may open these settings.', reason: 'not-a-viewer', superAdminsMay: false,
      askWhom: [{ userId: '501', email: 'ada@acme.test', name: 'Ada Lovelace' }],
    } } });
    await page.waitFor(() => page.findByTestId(EmptyState, 'access-denied'));
    expect(page.findByTestId(EmptyState, 'access-denied').toString()).toContain('Ada Lovelace (ada@acme.test)');
  });

  it('when a past version is restored from the history, then the restore names the entry and the version it is based on', async () => {
    const restored = writeResponse(settingsResponse({ version: 4 }), ['settings.windowMonths'], 'pass-10');
    const page = open({
      'GET /api/hubspot/settings': { body: settingsResponse() },
      'POST /api/hubspot/settings/restore': { body: restored },
    });
    await loaded(page);
    await page.waitFor(() => page.findByTestId(Button, 'restore-h2'));
    expect(page.findByTestId(Tile, 'history-h3').find(Text).text).toBe('Version 3: changed by ada@acme.test, 2026-11-20 09:30 UTC');
    expect(page.find(Table, (t) => (t.toString() ?? '').includes('settings.keyAccountCapacity')).toString()).toContain('20');
    page.findByTestId(Button, 'undo-h3').trigger('onClick');
    await page.waitFor(() => page.findByTestId(Alert, 'saved'));
    expect(page.calls.find((c) => c.path === '/api/hubspot/settings/restore')?.body).toEqual({ entryId: 'h3', state: 'before', baseVersion: 3 });
    expect(page.findByTestId(Text, 'version').text).toMatch(/^Settings version 4/);
  });

  it('when access is given to another user, then the save sends only the access patch, with no preview needed', async () => {
    const page = open({
      'GET /api/hubspot/settings': { body: settingsResponse() },
      'PATCH /api/hubspot/settings': { body: writeResponse(settingsResponse({ version: 4 }), ['access.editors.users'], null) },
    });
    await loaded(page);
    change(page.find(MultiSelect, { name: 'editors.users' }), ['502']);
    await page.waitFor(() => expect(page.findByTestId(Button, 'save').props.disabled).toBe(false));
    page.findByTestId(Button, 'save').trigger('onClick');
    await page.waitFor(() => page.findByTestId(Alert, 'saved'));
    expect(page.calls.find((c) => c.method === 'PATCH')?.body).toEqual({ baseVersion: 3, access: { editors: { users: ['502'] } } });
    expect(page.calls.some((c) => c.path === '/api/hubspot/what-if')).toBe(false);
  });

  it('when an optional feature is off or stored settings no longer validate, then the page says why', async () => {
    const page = open({ 'GET /api/hubspot/settings': { body: settingsResponse({ storedProblems: ['thresholds.strength: must be at most 10 (was 12)'] }) } });
    await loaded(page);
    const teams = page.findByTestId(Alert, 'feature-teams');
    expect(teams.toString()).toContain('grant the optional scope settings.users.read and settings.users.teams.read (install the app again from');
    expect(teams.find(Link).props.href).toEqual({ url: 'https://kam.acme.test/oauth/install', external: true });
    expect(page.findByTestId(Alert, 'stored-problems').toString()).toContain('thresholds.strength: must be at most 10 (was 12)');
  });

  it('when a queued pass is still running, then its progress is shown until it is done', async () => {
    const running: SettingsResponse['pass'] = { jobId: 'p', state: 'active', phase: 'writing', companies: 300, written: 120, settingsVersion: 3 };
    let gets = 0;
    const page = open({ 'GET /api/hubspot/settings': () => ({ body: settingsResponse({ pass: ++gets < 3 ? running : { ...running, state: 'completed', phase: 'done', written: 300 } }) }) });
    await page.waitFor(() => page.findByTestId(ProgressBar, 'pass'));
    expect(page.findByTestId(ProgressBar, 'pass').props).toMatchObject({ value: 120, maxValue: 300, valueDescription: 'Writing the figures to HubSpot: 120 of 300 companies.' });
    await page.waitFor(() => page.findByTestId(Alert, 'pass'));
    expect(gets).toBeGreaterThanOrEqual(3);
  });
});

describe('the app settings page, access', () => {
  it('when an access change would lock the admin out, then the page says so and asks nobody', async () => {
    const page = open({
      'GET /api/hubspot/settings': { body: settingsResponse() },
      'PATCH /api/hubspot/settings': { status: 403, body: {
        error: 'After this change you could no longer change the settings yourself; keep yourself or the installer as an editor.',
        reason: 'would-lock-yourself-out', superAdminsMay: true, askWhom: [],
      } },
    });
    await loaded(page);
    change(page.find(Toggle, { name: 'installer' }), false);
    await page.waitFor(() => expect(page.findByTestId(Button, 'save').props.disabled).toBe(false));
    page.findByTestId(Button, 'save').trigger('onClick');
    await page.waitFor(() => page.findByTestId(Alert, 'access-denied'));
    expect(page.findByTestId(Alert, 'access-denied').text).toContain('you could no longer change the settings yourself');
    expect(page.calls.find((c) => c.method === 'PATCH')?.body).toEqual({ baseVersion: 3, access: { installer: false } });
    expect(page.maybeFind(EmptyState)).toBeNull();
  });
});
