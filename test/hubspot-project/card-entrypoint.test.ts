import { createElement, type ReactElement } from 'react';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { describe, expect, it, vi } from 'vitest';
import { COMMITTED_PROJECT, readJson } from './support.ts';

describe('the card as HubSpot loads it from the committed project', () => {
  it('when the .jsx entrypoint runs, then it registers a card that renders the copied component', async () => {
    const extensions: (() => ReactElement)[] = [];
    vi.doMock('@hubspot/ui-extensions', async (importOriginal) => {
      const actual = await importOriginal<typeof import('@hubspot/ui-extensions')>();
      return { ...actual, hubspot: { ...actual.hubspot, extend: (render: () => ReactElement) => void extensions.push(render) } };
    });
    const meta = readJson<{ config: { entrypoint: string } }>(join(COMMITTED_PROJECT, 'src/app/cards/key-account-card-hsmeta.json'));
    // A computed URL keeps the generated copy out of the TypeScript program; vitest transforms the JSX.
    await import(/* @vite-ignore */ pathToFileURL(join(COMMITTED_PROJECT, 'src', meta.config.entrypoint)).href);
    vi.doUnmock('@hubspot/ui-extensions');
    expect(extensions).toHaveLength(1);

    const renderer = createRenderer('crm.record.tab');
    renderer.mocks.useCrmProperties.nextResult({
      properties: { kam_quadrant: 'maintenance', kam_scored_at: '2026-11-22T00:00:00Z' },
      error: null, isLoading: false, isRefetching: false, refetch: async () => undefined,
    });
    const root = renderer.render(createElement(() => (extensions[0] as () => ReactElement)()));
    expect(root.toString()).toContain('Quadrant: Maintenance');
    expect(root.toString()).toContain('Scored 2026-11-22 00:00 UTC');
  });
});
