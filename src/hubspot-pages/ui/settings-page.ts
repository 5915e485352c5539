// The app settings page (HubSpot's `settings` component): every model setting with its meaning and
// its validation messages, a what-if preview of who would move before saving, the pass a save
// queues, who may see and change what, and the history with restore. A save sends only what changed
// (a JSON merge patch) with the version it was based on, so it never undoes someone else's change.
import { useCallback, useEffect, useMemo, useRef, useState, type ReactElement } from 'react';
import { Alert, Button, ButtonRow, Flex, Heading, List, LoadingSpinner, Tab, Tabs, Text } from '@hubspot/ui-extensions';
import type { Access, HistoryEntry, SettingsResponse, WhatIfResponse } from '../api-contract.ts';
import { AccessEditor, FeatureNotice } from './access-editor.ts';
import { BackendError, createBackendClient, type BackendProps } from './backend-client.ts';
import { BackendErrorView, personText } from './backend-error-view.ts';
import { h } from './element.ts';
import { instantText, moneyText } from './labels.ts';
import { PassProgressView, passRunning } from './pass-progress.ts';
import { formFields, SettingsForm } from './settings-form.ts';
import { evaluateDraft, mergeDiff, profitTargetAcceptsAuto, type Edits, type JsonObject } from './settings-draft.ts';
import { actorText, SettingsHistory } from './settings-history.ts';
import { asBackendError, BackendContext, DEFAULT_POLL_MS, useBackendClient, usePolling, usePollMs } from './use-backend.ts';
import { WhatIfPreview } from './what-if-preview.ts';

export function KeyAccountsSettings({ backend, fetch, pollMs = DEFAULT_POLL_MS }: BackendProps & { pollMs?: number }): ReactElement {
  const services = useMemo(() => ({ client: createBackendClient(backend, fetch), pollMs }), [backend, fetch, pollMs]);
  return h(BackendContext.Provider, { value: services }, h(SettingsPage, null));
}

const money = (n: number): string => moneyText(n, null);

type Preview = { key: string; result: WhatIfResponse } | { key: string; error: BackendError } | null;

export function SettingsPage(): ReactElement {
  const client = useBackendClient();
  const pollMs = usePollMs();
  const [settings, setSettings] = useState<SettingsResponse | null>(null);
  const [loadError, setLoadError] = useState<BackendError | null>(null);
  const [edits, setEdits] = useState<Edits>({});
  const [access, setAccess] = useState<Access | null>(null);
  const [preview, setPreview] = useState<Preview>(null);
  const [previewing, setPreviewing] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<BackendError | null>(null);
  const [saved, setSaved] = useState<{ version: number; changed: string[] } | null>(null);
  // Answers that arrive after the page went away are dropped.
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const load = useCallback(async () => {
    try {
      const answer = await client.settings();
      if (mounted.current) {
        setSettings(answer);
        setLoadError(null);
      }
    } catch (err) {
      if (mounted.current) setLoadError(asBackendError(err));
    }
  }, [client]);
  useEffect(() => {
    void load();
  }, [load]);
  usePolling(passRunning(settings?.pass ?? null), pollMs, () => void load());

  const fields = useMemo(() => formFields(settings?.fields ?? []), [settings]);
  const draft = useMemo(() => evaluateDraft((settings?.settings ?? {}) as JsonObject, (settings?.defaults ?? {}) as JsonObject, fields, edits), [settings, fields, edits]);
  if (settings === null) {
    if (loadError) return h(BackendErrorView, { error: loadError, onRetry: () => void load() });
    return h(LoadingSpinner, { label: 'Loading the settings', layout: 'centered' });
  }

  const accessDraft = access ?? settings.access;
  const accessPatch = mergeDiff(settings.access as unknown as JsonObject, accessDraft as unknown as JsonObject);
  const accessChanged = Object.keys(accessPatch).length > 0;
  const modelChanged = draft.changed.length > 0;
  const previewKey = `${settings.version}|${JSON.stringify(draft.patch)}`;
  const freshPreview = preview !== null && preview.key === previewKey ? preview : null;
  const readOnly = !settings.you.canEdit;
  const canSave = !readOnly && !saving && draft.valid && (modelChanged || accessChanged) && (!modelChanged || (freshPreview !== null && 'result' in freshPreview));

  const edit = (path: string, input: unknown): void => {
    setEdits((e) => ({ ...e, [path]: input }));
    setSaved(null);
  };
  const discard = (): void => {
    setEdits({});
    setAccess(null);
    setSaveError(null);
  };
  const runPreview = async (): Promise<void> => {
    setPreviewing(true);
    try {
      const result = await client.whatIf(draft.patch);
      if (mounted.current) setPreview({ key: previewKey, result });
    } catch (err) {
      if (mounted.current) setPreview({ key: previewKey, error: asBackendError(err) });
    } finally {
      if (mounted.current) setPreviewing(false);
    }
  };
  const write = async (run: () => Promise<SettingsResponse & { changed: string[] }>): Promise<void> => {
    setSaving(true);
    setSaveError(null);
    try {
      const answer = await run();
      if (!mounted.current) return;
      setSettings(answer);
      setSaved({ version: answer.version, changed: answer.changed });
      setEdits({});
      setAccess(null);
      setPreview(null);
    } catch (err) {
      if (mounted.current) setSaveError(asBackendError(err));
    } finally {
      if (mounted.current) setSaving(false);
    }
  };
  const save = (): Promise<void> => write(() => client.saveSettings({
    baseVersion: settings.version,
    ...(modelChanged ? { settings: draft.patch } : {}),
    ...(accessChanged ? { access: accessPatch } : {}),
  }));
  const restore = (entry: HistoryEntry, state: 'after' | 'before'): Promise<void> => write(() => client.restore(entry.id, state, settings.version));
  // The server's own refusals of single fields are shown on those fields, beside the page's checks.
  const serverIssues = saveError?.kind === 'invalid' ? saveError.issues : [];
  const fieldErrors = { ...draft.fieldErrors };
  for (const issue of serverIssues) {
    const path = issue.path.replace(/^settings\./, '');
    if (fields.some((f) => f.path === path)) fieldErrors[path] = [...(fieldErrors[path] ?? []), issue.message];
  }

  return h(Flex, { direction: 'column', gap: 'md', testId: 'settings-page' },
    readOnly ? h(ReadOnlyNotice, { settings }) : null,
    settings.storedProblems.length > 0
      ? h(Alert, { title: 'Some stored settings no longer fit this version of the app', variant: 'warning', testId: 'stored-problems' },
        h(Text, null, 'They are kept as they were and reported here, not replaced by defaults. Change them below and save.'),
        h(List, { variant: 'unordered' }, ...settings.storedProblems.map((p) => h(Text, { key: p }, p))))
      : null,
    h(Text, { variant: 'microcopy', testId: 'version' },
      `Settings version ${settings.version}${settings.updatedAt ? `, saved ${instantText(settings.updatedAt)}` : ''}${settings.updatedBy ? ` by ${actorText(settings.updatedBy)}` : ''}.`),
    ...settings.optionalFeatures.filter((f) => !f.available).map((f) => h(FeatureNotice, { key: f.feature, feature: f })),
    settings.pass ? h(PassProgressView, { pass: settings.pass }) : null,
    saved ? h(Alert, { title: 'Saved', variant: 'success', testId: 'saved' },
      saved.changed.length === 0 ? 'Nothing had changed.' : `Version ${saved.version}: ${saved.changed.join(', ')}.`) : null,
    h(Tabs, { defaultSelected: 'model' },
      h(Tab, { tabId: 'model', title: 'Model settings' },
        h(Flex, { direction: 'column', gap: 'md' },
          h(SettingsForm, {
            fields, edits, draft: { ...draft, fieldErrors }, readOnly, moneyText: money, onEdit: edit,
            autoProfitTarget: { value: settings.profitTarget.value, allowed: profitTargetAcceptsAuto() },
          }),
          draft.formErrors.length > 0
            ? h(Alert, { title: 'To fix before saving', variant: 'error', testId: 'form-errors' }, h(List, { variant: 'unordered' }, ...draft.formErrors.map((e) => h(Text, { key: e }, e))))
            : null)),
      h(Tab, { tabId: 'access', title: 'Access' },
        h(AccessEditor, { settings, access: accessDraft, readOnly, onChange: (a: Access) => setAccess(a) })),
      h(Tab, { tabId: 'history', title: 'History' },
        h(SettingsHistory, { version: settings.version, canRestore: !readOnly, busy: saving, onRestore: (entry, state) => void restore(entry, state) }))),
    readOnly ? null : h(Flex, { direction: 'column', gap: 'sm' },
      h(Heading, null, modelChanged || accessChanged ? 'Your changes' : 'No changes yet'),
      modelChanged ? h(Text, { testId: 'changed' }, `Changed: ${draft.changed.join(', ')}.`) : null,
      modelChanged && freshPreview === null
        ? h(Text, { variant: 'microcopy' }, 'Preview the effect of the changed model settings before saving them.')
        : null,
      freshPreview && 'result' in freshPreview ? h(WhatIfPreview, { result: freshPreview.result, money }) : null,
      freshPreview && 'error' in freshPreview ? h(BackendErrorView, { error: freshPreview.error, onRetry: () => void runPreview() }) : null,
      saveError ? h(SaveErrorView, { error: saveError, onReload: () => {
        setSaveError(null);
        void load();
      } }) : null,
      h(ButtonRow, null,
        h(Button, { disabled: !modelChanged || !draft.valid || previewing, onClick: () => void runPreview(), testId: 'preview' }, previewing ? 'Previewing…' : 'Preview the effect'),
        h(Button, { variant: 'primary', disabled: !canSave, onClick: () => void save(), testId: 'save' }, saving ? 'Saving…' : 'Save'),
        h(Button, { variant: 'secondary', disabled: !(modelChanged || accessChanged) || saving, onClick: discard, testId: 'discard' }, 'Discard changes'))));
}

function SaveErrorView({ error, onReload }: { error: BackendError; onReload: () => void }): ReactElement {
  if (error.kind === 'conflict') {
    const c = error.conflict;
    return h(Alert, { title: 'Someone else saved the settings meanwhile', variant: 'warning', testId: 'conflict' },
      h(Text, null, `${c ? `You started from version ${c.baseVersion}; version ${c.currentVersion} is saved now. ` : ''}Nothing of yours was saved. Load the latest settings: your changes stay in the form, to preview and save again.`),
      h(Button, { onClick: onReload, testId: 'reload-latest' }, 'Load the latest settings'));
  }
  if (error.kind === 'invalid') {
    return h(Alert, { title: 'The server refused the values', variant: 'error', testId: 'save-invalid' },
      error.message, ...(error.body?.problems ?? []).map((p) => h(Text, { key: p }, p)));
  }
  return h(BackendErrorView, { error });
}

function ReadOnlyNotice({ settings }: { settings: SettingsResponse }): ReactElement {
  const names = new Map((settings.directory?.users ?? []).map((u) => [u.userId, personText(u)]));
  const askWhom = [
    ...(settings.installer && settings.access.installer ? [personText(settings.installer)] : []),
    ...settings.access.editors.users.filter((id) => id !== settings.installer?.userId).map((id) => names.get(id) ?? `HubSpot user ${id}`),
  ];
  return h(Alert, { title: 'You may see these settings but not change them', variant: 'info', testId: 'read-only' },
    askWhom.length > 0 ? `To change them, ask ${askWhom.join(', ')}${settings.access.superAdmins ? ', or a super admin of this account' : ''}.` : 'To change them, ask a super admin of this HubSpot account.');
}
