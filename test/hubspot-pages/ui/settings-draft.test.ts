import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../src/model/settings.ts';
import { describeSetting, SETTING_DESCRIPTIONS, sectionOf } from '../../../src/hubspot-pages/ui/settings-catalog.ts';
import { convertInput, evaluateDraft, mergeDiff, RESET, sameJson, type JsonObject } from '../../../src/hubspot-pages/ui/settings-draft.ts';
import { formFields } from '../../../src/hubspot-pages/ui/settings-form.ts';
import { settingsFields } from './responses.ts';

const current = (): JsonObject => structuredClone(DEFAULT_SETTINGS) as unknown as JsonObject;
const fields = formFields(settingsFields(DEFAULT_SETTINGS, DEFAULT_SETTINGS) as never);
const draft = (edits: Record<string, unknown>, base = current()) => evaluateDraft(base, current(), fields, edits);

describe('the settings catalog', () => {
  it('when every model setting is listed, then each has a meaning and a section of the page', () => {
    const paths = settingsFields(DEFAULT_SETTINGS, DEFAULT_SETTINGS).map((f) => f.path);
    expect(paths.filter((p) => SETTING_DESCRIPTIONS[p] === undefined)).toEqual([]);
    expect(paths.filter((p) => sectionOf(p) === 'other')).toEqual([]);
  });

  it('when a setting is not in the catalog, then it is still shown, under its path and edited as JSON', () => {
    expect(describeSetting('groups.rollUp', { mode: 'central' })).toMatchObject({ label: 'groups.rollUp', kind: 'json' });
    expect(sectionOf('groups.rollUp')).toBe('other');
  });
});

describe('the settings draft', () => {
  it('when one setting is changed, then the patch names only it and the rest stays as stored', () => {
    const d = draft({ keyAccountCapacity: 40 });
    expect(d).toMatchObject({ patch: { keyAccountCapacity: 40 }, changed: ['keyAccountCapacity'], valid: true });
  });

  it('when a nested setting is changed, then the patch nests it and names no sibling', () => {
    expect(draft({ 'attractivenessWeights.growth': 3 }).patch).toEqual({ attractivenessWeights: { growth: 3 } });
  });

  it('when a value is set back to what is stored, then nothing is changed', () => {
    expect(draft({ keyAccountCapacity: 25, windowMonths: '12' })).toMatchObject({ patch: {}, changed: [] });
  });

  it('when a setting is reset, then the patch says null so it follows the default from then on', () => {
    const stored = { ...current(), keyAccountCapacity: 40 };
    expect(draft({ keyAccountCapacity: RESET }, stored)).toMatchObject({ patch: { keyAccountCapacity: null }, changed: ['keyAccountCapacity'] });
  });

  it('when an industry is removed from the wallet ratios, then the patch removes it with null (a merge patch would keep it otherwise)', () => {
    const stored = { ...current(), walletFromRevenue: { default: 0.02, byIndustry: { RETAIL: 0.05, MINING: 0.01 } } } as JsonObject;
    const d = draft({ 'walletFromRevenue.byIndustry': 'RETAIL = 0.06' }, stored);
    expect(d.patch).toEqual({ walletFromRevenue: { byIndustry: { RETAIL: 0.06, MINING: null } } });
  });

  it('when values are out of range, then each field gets the model schema\'s own message, and nothing is valid', () => {
    const d = draft({ windowMonths: 0, 'attractivenessWeights.size': 11, 'lifetimeValue.retention': 'high' });
    expect(d.valid).toBe(false);
    expect(d.fieldErrors.windowMonths?.[0]).toMatch(/>=\s*1|at least 1|too small/i);
    expect(d.fieldErrors['attractivenessWeights.size']?.[0]).toMatch(/<=\s*10|at most 10|too big/i);
    expect(d.fieldErrors['lifetimeValue.retention']).toEqual(['enter a number']);
  });

  it('when the tier shares add up to more than 100 %, then the message that belongs to no single field is a form error', () => {
    const d = draft({ 'tiers.platinumPct': 50, 'tiers.goldPct': 40, 'tiers.silverPct': 30 });
    expect(d.formErrors).toEqual(['tiers: tier shares add up to more than 100 %']);
    expect(d.valid).toBe(false);
  });

  it('when a list of role costs is typed, then commas and spaces separate numbers, and a word is named', () => {
    expect(convertInput('money-list', '120000, 90000 80000')).toEqual({ ok: true, value: [120000, 90000, 80000] });
    expect(convertInput('money-list', '120000, lots')).toEqual({ ok: false, message: 'not a number: lots' });
    expect(convertInput('threshold', 'portfolio-average')).toEqual({ ok: true, value: 'portfolio-average' });
    expect(convertInput('optional-number', '')).toEqual({ ok: true, value: null });
  });

  it('when a setting already at its default is reset, then nothing changes', () => {
    expect(draft({ keyAccountCapacity: RESET, 'coverage.dedicated.roles': RESET })).toMatchObject({ patch: {}, changed: [] });
  });

  it('when JSON values are compared, then equal numbers, arrays and objects are the same and different ones are not', () => {
    expect([sameJson(25, 25), sameJson([1, 2], [1, 2]), sameJson({ a: 1 }, { a: 1 }), sameJson(null, null)]).toEqual([true, true, true, true]);
    expect([sameJson(25, 26), sameJson([1, 2], [2, 1]), sameJson({ a: 1 }, { a: 1, b: 2 }), sameJson(0, null)]).toEqual([false, false, false, false]);
  });

  it('when two objects differ, then the merge diff replaces arrays whole and marks removed keys null', () => {
    expect(mergeDiff({ a: [1, 2], b: { c: 1, d: 2 }, e: 1 }, { a: [1], b: { c: 1 }, f: 2 })).toEqual({ a: [1], b: { d: null }, e: null, f: 2 });
  });
});
