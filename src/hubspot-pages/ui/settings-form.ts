// The model settings as a form: one control per setting, grouped in sections, each with its meaning,
// its default, a way back to the default and the validation messages of the model's own schema.
import type { ReactElement } from 'react';
import { Accordion, Button, Flex, Input, NumberInput, Text, TextArea, Toggle } from '@hubspot/ui-extensions';
import type { SettingsField } from '../api-contract.ts';
import { h } from './element.ts';
import { describeSetting, sectionOf, SETTINGS_SECTIONS, type FieldKind } from './settings-catalog.ts';
import { inputOf, RESET, sameJson, type Draft, type Edits } from './settings-draft.ts';

export interface FormField {
  path: string;
  kind: FieldKind;
  label: string;
  meaning: string;
  value: unknown;
  default: unknown;
}

/** The server's list of settings, described; the order of the catalog's sections, then any new ones. */
export function formFields(fields: readonly SettingsField[]): FormField[] {
  return fields.map((f) => {
    const d = describeSetting(f.path, f.value);
    return { path: f.path, kind: d.kind, label: d.label, meaning: d.meaning, value: f.value, default: f.default };
  });
}

export interface SettingsFormProps {
  fields: readonly FormField[];
  edits: Edits;
  draft: Draft;
  readOnly: boolean;
  /** The number 'auto' gives now (null before the first pass), and whether 'auto' may be chosen. */
  autoProfitTarget: { value: number | null; allowed: boolean };
  moneyText: (n: number) => string;
  onEdit: (path: string, input: unknown) => void;
}

export function SettingsForm(props: SettingsFormProps): ReactElement {
  const sections = [...SETTINGS_SECTIONS.map((s) => ({ id: s.id, title: s.title })), { id: 'other', title: 'Other settings' }];
  return h(Flex, { direction: 'column', gap: 'sm', testId: 'settings-form' },
    ...sections.flatMap((section) => {
      const fields = props.fields.filter((f) => sectionOf(f.path) === section.id);
      if (fields.length === 0) return [];
      const changed = fields.filter((f) => props.draft.changed.includes(f.path)).length;
      const invalid = fields.filter((f) => props.draft.fieldErrors[f.path]).length;
      const note = [changed > 0 ? `${changed} changed` : '', invalid > 0 ? `${invalid} to fix` : ''].filter(Boolean).join(', ');
      return [h(Accordion, { key: section.id, title: note ? `${section.title} (${note})` : section.title, defaultOpen: section.id === 'key-list' || invalid > 0, testId: `section-${section.id}` },
        h(Flex, { direction: 'column', gap: 'md' }, ...fields.map((f) => h(FieldControl, { key: f.path, field: f, ...props }))))];
    }));
}

function shownValue(field: FormField, edits: Edits): unknown {
  if (!(field.path in edits)) return inputOf(field.kind, field.value);
  const edit = edits[field.path];
  return edit === RESET ? inputOf(field.kind, field.default) : edit;
}

function defaultText(field: FormField, moneyText: (n: number) => string): string {
  const d = field.default;
  if (d === null) return 'none';
  if (d === 'auto') return 'automatic';
  if (d === 'portfolio-average') return 'the portfolio average';
  if (typeof d === 'boolean') return d ? 'on' : 'off';
  if (typeof d === 'number') return field.kind === 'money' || field.kind === 'profit-target' ? moneyText(d) : String(d);
  const text = String(inputOf(field.kind, d));
  return text === '' ? 'none' : text.replaceAll('\n', '; ');
}

function FieldControl({ field, edits, draft, readOnly, autoProfitTarget, moneyText, onEdit }: SettingsFormProps & { field: FormField }): ReactElement {
  const value = shownValue(field, edits);
  const messages = draft.fieldErrors[field.path] ?? [];
  const error = messages.length > 0;
  const validationMessage = messages.join('; ');
  const common = { name: field.path, label: field.label, description: field.meaning, readOnly, error, validationMessage, testId: `field-${field.path}` };
  const edit = (input: unknown): void => onEdit(field.path, input);
  const isDefault = edits[field.path] === RESET || (!(field.path in edits) && sameJson(field.value, field.default));
  const footer = h(Flex, { direction: 'row', gap: 'sm', align: 'center' },
    h(Text, { variant: 'microcopy' }, `Default: ${defaultText(field, moneyText)}${draft.changed.includes(field.path) ? ' · changed' : ''}`),
    readOnly || isDefault ? null : h(Button, { size: 'xs', variant: 'transparent', onClick: () => onEdit(field.path, RESET), testId: `reset-${field.path}` }, 'Use the default'));
  return h(Flex, { direction: 'column', gap: 'xs' }, control(field, value, common, edit, autoProfitTarget, moneyText, readOnly), footer);
}

type Common = { name: string; label: string; description: string; readOnly: boolean; error: boolean; validationMessage: string; testId: string };

function control(field: FormField, value: unknown, common: Common, edit: (v: unknown) => void, auto: SettingsFormProps['autoProfitTarget'], moneyText: (n: number) => string, readOnly: boolean): ReactElement {
  switch (field.kind) {
    case 'boolean':
      return h(Toggle, { name: common.name, label: common.label, checked: value === true, readOnly, onChange: edit, testId: common.testId, labelDisplay: 'inline' });
    case 'threshold': {
      const average = value === 'portfolio-average';
      return h(Flex, { direction: 'column', gap: 'xs' },
        h(Toggle, { name: `${common.name}.average`, label: 'Use the portfolio average', checked: average, readOnly, onChange: (on: boolean) => edit(on ? 'portfolio-average' : (typeof field.default === 'number' ? field.default : 5.5)), testId: `${common.testId}-average` }),
        average ? h(Text, { variant: 'microcopy' }, `${common.label}: the portfolio average. ${common.description}`) : h(NumberInput, { ...common, value: asNumber(value), min: 1, max: 10, precision: 1, onChange: edit }));
    }
    case 'profit-target': {
      const automatic = value === 'auto';
      const gives = auto.value === null ? 'Automatic gives a number after the next full pass.' : `Automatic gives ${moneyText(auto.value)} now.`;
      return h(Flex, { direction: 'column', gap: 'xs' },
        auto.allowed || automatic
          ? h(Toggle, { name: `${common.name}.auto`, label: 'Automatic', checked: automatic, readOnly, onChange: (on: boolean) => edit(on ? 'auto' : (auto.value ?? 100_000)), testId: `${common.testId}-auto` })
          : null,
        automatic
          ? h(Text, { testId: `${common.testId}-auto-value` }, `${common.label}: ${auto.value === null ? 'automatic (computed at the next full pass)' : `${moneyText(auto.value)} (automatic)`}. ${common.description}`)
          : h(NumberInput, { ...common, value: asNumber(value), min: 0, precision: 0, description: auto.allowed ? `${common.description} ${gives}` : common.description, onChange: edit }));
    }
    case 'optional-number':
    case 'optional-text':
    case 'money-list':
      return h(Input, { ...common, value: value === null || value === undefined ? '' : String(value), onChange: edit });
    case 'ratio-map':
    case 'json':
      return h(TextArea, { ...common, value: String(value ?? ''), rows: 4, onChange: edit });
    default:
      return h(NumberInput, { ...common, value: asNumber(value), precision: field.kind === 'integer' ? 0 : field.kind === 'fraction' ? 3 : 2, onChange: edit });
  }
}

function asNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
