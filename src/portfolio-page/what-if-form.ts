// The what-if form: the settings a manager changes, filled with the stored ones. The browser does
// not validate (novalidate): the server names every problem at once, with its path.
import type { Settings } from '../model/settings.ts';
import { ATTRACTIVENESS_FACTORS, STRENGTH_FACTORS } from '../model/types.ts';
import { escapeHtml } from './html-escape.ts';

export const FACTOR_LABELS: Record<string, string> = {
  size: 'Size', growth: 'Growth', financial_stability: 'Financial stability', ease_of_access: 'Ease of access',
  relationship: 'Relationship', strategic_fit: 'Strategic fit', share_of_wallet: 'Share of wallet', win_rate: 'Win rate',
  price: 'Price', service: 'Service', responsiveness: 'Responsiveness', innovation: 'Innovation',
};

function numberField(name: string, label: string, value: number | string, attrs: string): string {
  return `<label>${escapeHtml(label)}<input type="number" name="${escapeHtml(name)}" value="${escapeHtml(value)}" ${attrs}></label>`;
}

function weights(group: 'attractivenessWeights' | 'strengthWeights', factors: readonly string[], values: Record<string, number>): string {
  return factors.map((f) => numberField(`${group}.${f}`, FACTOR_LABELS[f] ?? f, values[f] ?? 0, 'min="0" max="10" step="0.5"')).join('');
}

function thresholdRow(axis: 'attractiveness' | 'strength', value: number | 'portfolio-average', current: number): string {
  const average = value === 'portfolio-average';
  const shown = average ? Math.round(current * 10) / 10 : value;
  return `<div class="threshold-row"><span>${axis === 'attractiveness' ? 'Attractiveness' : 'Strength'}</span>`
    + `<select name="thresholds.${axis}.mode" aria-label="${axis} threshold"><option value="portfolio-average"${average ? ' selected' : ''}>portfolio average</option>`
    + `<option value="fixed"${average ? '' : ' selected'}>fixed value</option></select>`
    + `<input type="number" name="thresholds.${axis}.value" value="${escapeHtml(shown)}" min="1" max="10" step="0.1" aria-label="${axis} threshold value"></div>`;
}

export function renderWhatIfForm(settings: Settings, thresholds: { attractiveness: number; strength: number }): string {
  return [
    '<form id="what-if" class="what-if" novalidate>',
    `<fieldset><legend>Attractiveness weights (0–10)</legend><div class="fields">${weights('attractivenessWeights', ATTRACTIVENESS_FACTORS, settings.attractivenessWeights)}</div></fieldset>`,
    `<fieldset><legend>Strength weights (0–10)</legend><div class="fields">${weights('strengthWeights', STRENGTH_FACTORS, settings.strengthWeights)}</div></fieldset>`,
    `<fieldset><legend>Thresholds (high / strong at or above)</legend>${thresholdRow('attractiveness', settings.thresholds.attractiveness, thresholds.attractiveness)}${thresholdRow('strength', settings.thresholds.strength, thresholds.strength)}</fieldset>`,
    '<fieldset><legend>Key accounts</legend><div class="fields">',
    // Empty is 'auto' (scoring-model.md §11): the capacity-th largest expected profit with a dedicated team.
    numberField('profitTarget', 'Profit target (empty: auto)', settings.profitTarget === 'auto' ? '' : settings.profitTarget, 'min="0" step="1000" placeholder="auto"'),
    numberField('keyAccountCapacity', 'Capacity', settings.keyAccountCapacity, 'min="0" step="1"'),
    '</div></fieldset>',
    '<div class="buttons"><button type="submit" class="primary" id="what-if-preview">Preview changes</button>',
    '<button type="button" class="save" id="what-if-save">Save settings…</button><button type="reset">Reset</button></div>',
    '</form>',
    '<div id="what-if-result" aria-live="polite"></div>',
  ].join('');
}
