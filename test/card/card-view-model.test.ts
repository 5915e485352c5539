import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CARD_PROPERTY_NAMES, cardViewModel, formatInstant } from '../../src/card/card-view-model.ts';
import { money } from '../../src/model/format.ts';
import { DEPTH_INPUT_PROPERTIES, DEPTH_OUTPUT_PROPERTIES, INPUT_PROPERTIES, OUTPUT_PROPERTY_NAMES } from '../../src/model/properties.ts';
import { SCORED, scoredExamples } from './support.ts';

const SHARPENING = INPUT_PROPERTIES.map((p) => p.name).filter((n) => n !== 'kam_strategic' && n !== 'kam_coverage');

describe('cardViewModel', () => {
  it('when a company is scored, then quadrant, category, tier and action are badges with their labels and colours', () => {
    const vm = cardViewModel(SCORED);
    expect(vm.badges.map((b) => [b.label, b.text, b.variant])).toEqual([
      ['Quadrant', 'Key development', 'info'],
      ['Category', 'Key account', 'success'],
      ['Tier', 'Gold', 'warning'],
      ['Action', 'Grow', 'success'],
    ]);
    expect(vm.isKeyAccount).toBe(true);
    expect(vm.companyName).toBe('Acme Industrial');
  });

  it('when a company is scored, then share of wallet, profit, lifetime value, rank, explanation and time are shown as figures', () => {
    const vm = cardViewModel(SCORED);
    expect(vm.shareOfWallet).toEqual({
      percent: 12.5, barValue: 12.5, text: '12.5 % of a 1,200,000 wallet', source: 'entered', sourceText: 'wallet entered by the account team',
    });
    expect(vm.figures.map((f) => [f.label, f.text])).toEqual([['Expected profit', '184,250'], ['Lifetime value', '612,400'], ['Priority rank', '#3']]);
    expect(vm.explanation).toBe(SCORED.kam_explanation);
    expect(vm.scoredAt).toBe('2026-11-22 14:05 UTC');
    expect(vm.status).toBe('Scored 2026-11-22 14:05 UTC · model version 3');
  });

  it('when some inputs are empty, then the hint names the first three missing ones that sharpen the score and counts the rest', () => {
    const vm = cardViewModel(SCORED);
    expect(vm.missingInputs.map((i) => i.property)).toEqual(SHARPENING.filter((n) => !['kam_category_spend', 'kam_addressable_pct', 'kam_attr_growth', 'kam_str_price'].includes(n)));
    expect(vm.hint).toBe('9 inputs would sharpen this score: Winnable share (%), Attractiveness: financial stability (1–10), Attractiveness: ease of access (1–10) and 6 more.');
  });

  it('when the strategic flag and coverage are empty, then they are listed as inputs but never as missing', () => {
    const vm = cardViewModel({});
    expect(vm.inputs.map((i) => i.property)).toEqual(INPUT_PROPERTIES.map((p) => p.name));
    expect(vm.missingInputs.map((i) => i.property)).toEqual(SHARPENING);
    expect(vm.inputs.filter((i) => !i.sharpens).map((i) => i.property)).toEqual(['kam_strategic', 'kam_coverage']);
  });

  it('when inputs are filled, then they are displayed as HubSpot shows them: grouped digits and option labels', () => {
    const vm = cardViewModel({ kam_category_spend: '1200000.75', kam_addressable_pct: '-0.5', kam_strategic: 'true', kam_coverage: 'shared', kam_attr_growth: 'lots' });
    const display = Object.fromEntries(vm.inputs.filter((i) => i.filled).map((i) => [i.property, i.display]));
    expect(display).toEqual({ kam_category_spend: '1,200,000.75', kam_addressable_pct: '-0.5', kam_strategic: 'Yes', kam_coverage: 'Shared', kam_attr_growth: 'lots' });
    expect(vm.inputs.filter((i) => !i.filled).every((i) => i.display === null)).toBe(true);
  });

  it('when one or two inputs are missing, then the hint reads naturally', () => {
    const filled = Object.fromEntries(SHARPENING.map((n) => [n, '5']));
    expect(cardViewModel({ ...filled, kam_str_service: null }).hint).toBe('One input would sharpen this score: Our strength: service (1–10).');
    expect(cardViewModel({ ...filled, kam_str_service: '', kam_str_price: ' ' }).hint)
      .toBe('2 inputs would sharpen this score: Our strength: price (1–10) and Our strength: service (1–10).');
    expect(cardViewModel(filled).hint).toBeNull();
  });

  it('when the company was never scored, then it says so and shows no badges, only the inputs', () => {
    const vm = cardViewModel({ name: 'New Co', kam_category_spend: '5000' });
    expect(vm.scored).toBe(false);
    expect(vm.status).toMatch(/^Not scored yet/);
    expect(vm.badges).toEqual([]);
    expect(vm.shareOfWallet.percent).toBeNull();
    expect(vm.missingInputs).toHaveLength(SHARPENING.length - 1);
  });

  it('when values are malformed or unknown, then numbers show as a dash and unknown enum values are shown as they are', () => {
    const vm = cardViewModel({ kam_quadrant: 'legacy_value', kam_priority_rank: 'abc', kam_expected_profit: 'NaN', kam_share_of_wallet: '', kam_wallet_source: 'guessed', kam_scored_at: 'yesterday' });
    expect(vm.badges).toEqual([{ property: 'kam_quadrant', label: 'Quadrant', value: 'legacy_value', text: 'legacy_value', variant: 'default' }]);
    expect(vm.figures.map((f) => f.text)).toEqual(['—', '—', '—']);
    expect(vm.shareOfWallet).toMatchObject({ percent: null, barValue: 0, source: null, text: 'Unknown: no wallet to compare with', sourceText: 'wallet source not recorded' });
    expect(vm.scoredAt).toBeNull();
    expect(vm.status).toBe('Scored');
  });

  it('when we won more than the wallet, then the bar is full and the text tells the real share', () => {
    const vm = cardViewModel({ kam_share_of_wallet: '112.5', kam_wallet: '400000', kam_wallet_source: 'estimated' });
    expect(vm.shareOfWallet).toMatchObject({ percent: 112.5, barValue: 100, text: '112.5 % of a 400,000 wallet', sourceText: 'wallet estimated from annual revenue' });
  });

  it('when HubSpot returns the time as epoch milliseconds, then it is shown in UTC', () => {
    expect(formatInstant(String(Date.UTC(2026, 10, 22, 9, 3)))).toBe('2026-11-22 09:03 UTC');
    expect(formatInstant('2026-11-22T23:59:00-02:00')).toBe('2026-11-23 01:59 UTC');
  });

  it('when the card asks for its properties, then it asks for the name and id, each output it shows and every input, the depth ones included, once each', () => {
    expect(new Set(CARD_PROPERTY_NAMES).size).toBe(CARD_PROPERTY_NAMES.length);
    const inputs = [...INPUT_PROPERTIES, ...DEPTH_INPUT_PROPERTIES].map((p) => p.name);
    expect(CARD_PROPERTY_NAMES).toEqual(expect.arrayContaining(['name', 'hs_object_id', ...inputs, ...DEPTH_OUTPUT_PROPERTIES.map((p) => p.name)]));
    for (const name of CARD_PROPERTY_NAMES.filter((n) => n !== 'name' && n !== 'hs_object_id' && !inputs.includes(n))) {
      expect([...OUTPUT_PROPERTY_NAMES, ...DEPTH_OUTPUT_PROPERTIES.map((p) => p.name)], name).toContain(name);
    }
  });

  it('when the example portfolio is scored by the model and written as properties, then every card shows the model\'s own figures', () => {
    const examples = scoredExamples();
    expect(examples).toHaveLength(300);
    for (const { figures: f, properties } of examples) {
      const vm = cardViewModel(properties);
      expect(vm.badges.map((b) => b.value), f.companyId).toEqual([f.quadrant, f.category, f.tier, f.action]);
      expect(vm.isKeyAccount).toBe(f.isKeyAccount);
      expect(vm.figures.map((x) => x.text)).toEqual([money(f.expectedProfit), money(f.lifetimeValue), `#${f.priorityRank}`]);
      expect(vm.shareOfWallet.percent).toBe(f.shareOfWallet === null ? null : Math.round(f.shareOfWallet * 1000) / 10);
      expect(vm.shareOfWallet.source).toBe(f.walletSource);
      expect(vm.explanation).toBe(f.explanation.trim());
      expect(vm.status).toBe('Scored 2026-11-22 00:00 UTC · model version 1');
    }
  });

  it('when any property holds any string, then the view model never throws and stays in range', () => {
    const names = [...CARD_PROPERTY_NAMES];
    fc.assert(fc.property(fc.dictionary(fc.constantFrom(...names), fc.option(fc.oneof(fc.string(), fc.double().map(String)))), (props) => {
      const vm = cardViewModel(props);
      expect(vm.shareOfWallet.barValue).toBeGreaterThanOrEqual(0);
      expect(vm.shareOfWallet.barValue).toBeLessThanOrEqual(100);
      expect(vm.missingInputs.every((i) => i.sharpens && !i.filled)).toBe(true);
      expect(vm.badges.length).toBeLessThanOrEqual(4);
    }));
  });
});
