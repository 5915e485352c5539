// The committed project's entrypoints as HubSpot loads them: each .jsx registers its extension with
// hubspot.extend, and what it registers renders the copied component (the pages calling our backend
// through the hubspot.fetch they are given).
import { createElement, type ReactElement } from 'react';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Text } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { describe, expect, it, vi } from 'vitest';
import type { HubSpotFetch } from '../../src/hubspot-pages/ui/backend-client.ts';
import { fakeHubSpotFetch, portfolioSummary, settingsResponse, historyResponse } from '../hubspot-pages/ui/responses.ts';
import { DEFAULT_PUBLIC_BASE_URL } from '../../src/hubspot-project/run-generator.ts';
import { COMMITTED_PROJECT, readJson } from './support.ts';

/** Loads a committed entrypoint with hubspot.extend (and hubspot.fetch) replaced, and returns what it registered. */
async function registered(metaFile: string, fetch?: HubSpotFetch): Promise<() => ReactElement> {
  const extensions: (() => ReactElement)[] = [];
  vi.resetModules();
  vi.doMock('@hubspot/ui-extensions', async (importOriginal) => {
    const actual = await importOriginal<typeof import('@hubspot/ui-extensions')>();
    return { ...actual, hubspot: { ...actual.hubspot, extend: (render: () => ReactElement) => void extensions.push(render), ...(fetch ? { fetch } : {}) } };
  });
  try {
    const meta = readJson<{ config: { entrypoint: string } }>(join(COMMITTED_PROJECT, 'src/app', metaFile));
    // A computed URL keeps the generated copy out of the TypeScript program; vitest transforms the JSX.
    await import(/* @vite-ignore */ pathToFileURL(join(COMMITTED_PROJECT, 'src', meta.config.entrypoint)).href);
  } finally {
    vi.doUnmock('@hubspot/ui-extensions');
  }
  expect(extensions).toHaveLength(1);
  return extensions[0] as () => ReactElement;
}

describe('the extensions as HubSpot loads them from the committed project', () => {
  it('when the card entrypoint runs, then it registers a card that renders the copied component', async () => {
    const render = await registered('cards/key-account-card-hsmeta.json');
    const renderer = createRenderer('crm.record.tab');
    renderer.mocks.useCrmProperties.nextResult({
      properties: { kam_quadrant: 'maintenance', kam_scored_at: '2026-11-22T00:00:00Z' },
      error: null, isLoading: false, isRefetching: false, refetch: async () => undefined,
    });
    const root = renderer.render(createElement(() => render()));
    expect(root.toString()).toContain('Quadrant: Maintenance');
    expect(root.toString()).toContain('Scored 2026-11-22 00:00 UTC');
  });

  it('when the page entrypoint runs, then the registered home page asks the generated backend URL through hubspot.fetch and draws the summary', async () => {
    const backend = fakeHubSpotFetch({ 'GET /api/hubspot/portfolio': { body: portfolioSummary() } }, DEFAULT_PUBLIC_BASE_URL);
    const render = await registered('pages/key-accounts-home-hsmeta.json', backend.fetch);
    const renderer = createRenderer('pages');
    renderer.render(createElement(() => render()));
    await renderer.waitFor(() => expect(renderer.findByTestId(Text, 'summary-line').text).toContain('300 companies'));
    expect(backend.calls.map((c) => `${c.method} ${c.path}`)).toEqual(['GET /api/hubspot/portfolio']);
  });

  it('when the settings entrypoint runs, then the registered settings page loads the settings and the history through hubspot.fetch', async () => {
    const backend = fakeHubSpotFetch({
      'GET /api/hubspot/settings': { body: settingsResponse() },
      'GET /api/hubspot/settings/history': { body: historyResponse() },
    }, DEFAULT_PUBLIC_BASE_URL);
    const render = await registered('settings/key-accounts-settings-hsmeta.json', backend.fetch);
    const renderer = createRenderer('settings');
    renderer.render(createElement(() => render()));
    await renderer.waitFor(() => expect(renderer.findByTestId(Text, 'version').text).toBe('Settings version 3, saved 2026-11-20 09:30 UTC by ada@acme.test.'));
    await renderer.waitFor(() => expect(backend.calls.map((c) => c.path).sort()).toEqual(['/api/hubspot/settings', '/api/hubspot/settings/history']));
  });
});
