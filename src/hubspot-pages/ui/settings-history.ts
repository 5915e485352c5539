// The settings history (newest first, the last ones the server keeps): who changed what and when,
// each field before and after, and a way back to any of them. A restore is itself a change.
import { useState, type ReactElement } from 'react';
import {
  Button, ButtonRow, Flex, LoadingSpinner, Table, TableBody, TableCell, TableHead, TableHeader, TableRow, Text, Tile,
} from '@hubspot/ui-extensions';
import type { Actor, HistoryEntry, HistoryResponse } from '../api-contract.ts';
import { BackendErrorView } from './backend-error-view.ts';
import { h } from './element.ts';
import { instantText } from './labels.ts';
import { useBackend } from './use-backend.ts';

export function actorText(actor: Actor): string {
  switch (actor.type) {
    case 'hubspot-user': return actor.email ?? `HubSpot user ${actor.userId}`;
    case 'operator': return 'the app operator';
    case 'upgrade': return 'an upgrade of the app (stored settings migrated)';
  }
}

const KIND_TEXT: Record<HistoryEntry['kind'], string> = { patch: 'changed', replace: 'replaced all settings', restore: 'restored', migrate: 'migrated' };

function valueText(value: unknown): string {
  if (value === undefined) return '(not set)';
  if (value === null) return '(default)';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export interface HistoryProps {
  /** Changes when the settings change, so the list is read again. */
  version: number;
  canRestore: boolean;
  busy: boolean;
  onRestore: (entry: HistoryEntry, state: 'after' | 'before') => void;
}

export function SettingsHistory({ version, canRestore, busy, onRestore }: HistoryProps): ReactElement {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors[cursors.length - 1] ?? null;
  const { state, reload } = useBackend((client) => client.history(cursor), `${version}|${cursor ?? ''}`);
  if (state.status === 'loading') return h(LoadingSpinner, { label: 'Loading the history' });
  if (state.status === 'failed') return h(BackendErrorView, { error: state.error, onRetry: reload });
  const history: HistoryResponse = state.data;
  if (history.entries.length === 0) return h(Text, { testId: 'history-empty' }, 'No change yet: the settings are as installed.');
  return h(Flex, { direction: 'column', gap: 'sm', testId: 'history' },
    h(Text, { variant: 'microcopy' }, `The last ${history.kept} changes are kept. Restore puts the settings back as they were after a change; undo, as they were before it.`),
    ...history.entries.map((entry) => h(Tile, { key: entry.id, compact: true, testId: `history-${entry.id}` },
      h(Flex, { direction: 'column', gap: 'xs' },
        h(Text, { format: { fontWeight: 'demibold' } },
          `Version ${entry.version}: ${KIND_TEXT[entry.kind]} by ${actorText(entry.by)}, ${instantText(entry.at)}${entry.restoredFrom ? ` (from change ${entry.restoredFrom})` : ''}`),
        entry.changes.length === 0 ? h(Text, { variant: 'microcopy' }, 'No field changed.') : h(Table, { bordered: true, density: 'compact' },
          h(TableHead, null, h(TableRow, null, h(TableHeader, null, 'Setting'), h(TableHeader, null, 'Before'), h(TableHeader, null, 'After'))),
          h(TableBody, null, ...entry.changes.map((c) => h(TableRow, { key: c.path },
            h(TableCell, null, c.path), h(TableCell, null, valueText(c.before)), h(TableCell, null, valueText(c.after)))))),
        canRestore
          ? h(ButtonRow, null,
            h(Button, { size: 'xs', disabled: busy || entry.version === history.version, onClick: () => onRestore(entry, 'after'), testId: `restore-${entry.id}` }, 'Restore this version'),
            h(Button, { size: 'xs', variant: 'secondary', disabled: busy, onClick: () => onRestore(entry, 'before'), testId: `undo-${entry.id}` }, 'Undo this change'))
          : null))),
    h(ButtonRow, null,
      cursors.length > 1 ? h(Button, { onClick: () => setCursors((c) => c.slice(0, -1)), testId: 'history-newer' }, 'Newer') : null,
      history.nextCursor !== null ? h(Button, { onClick: () => setCursors((c) => [...c, history.nextCursor]), testId: 'history-older' }, 'Older') : null));
}
