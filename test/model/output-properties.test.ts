import { describe, expect, it } from 'vitest';
import { changedProperties, OUTPUT_PROPERTY_NAMES, scorePortfolio, toOutputProperties } from '../../src/model/index.ts';
import { AS_OF, TARGET_100K, company, openDeal, wonDeal } from './builders.ts';

const figures = () => {
  const c = company('101', { kam_category_spend: '2000000' }, [wonDeal(300_000, '2026-03-01T00:00:00Z'), openDeal(200_000, '0.5')]);
  const f = scorePortfolio([c], TARGET_100K, AS_OF).accounts[0];
  if (!f) throw new Error('no figures');
  return f;
};

describe('output properties', () => {
  it('when figures are written, then every output property is a HubSpot string', () => {
    const props = toOutputProperties(figures(), { scoredAt: AS_OF, modelVersion: 3 });
    expect(Object.keys(props).sort()).toEqual([...OUTPUT_PROPERTY_NAMES].sort());
    expect(props).toMatchObject({
      kam_share_of_wallet: '15', kam_expected_profit: '117840', kam_cost_to_serve: '2160', kam_recommended_coverage: 'channel',
      kam_action: 'cultivate', kam_wallet_source: 'entered', kam_is_key_account: 'false', kam_model_version: '3', kam_scored_at: '2026-11-22T00:00:00.000Z',
    });
    for (const v of Object.values(props)) expect(typeof v).toBe('string');
  });

  it('when nothing but the scoring time changed, then nothing is written', () => {
    const before = toOutputProperties(figures(), { scoredAt: new Date('2026-01-01'), modelVersion: 1 });
    const after = toOutputProperties(figures(), { scoredAt: AS_OF, modelVersion: 1 });
    expect(changedProperties(before, after)).toEqual({});
  });

  it('when one value changed, then only it and the scoring time are written', () => {
    const before = { ...toOutputProperties(figures(), { scoredAt: new Date('2026-01-01'), modelVersion: 1 }), kam_action: 'grow', kam_expected_profit: '117840.0' };
    const after = toOutputProperties(figures(), { scoredAt: AS_OF, modelVersion: 1 });
    expect(changedProperties(before, after)).toEqual({ kam_action: 'cultivate', kam_scored_at: AS_OF.toISOString() });
  });

  it('when a company was never scored, then every value is written', () => {
    const after = toOutputProperties(figures(), { scoredAt: AS_OF, modelVersion: 1 });
    expect(Object.keys(changedProperties({}, after)).length).toBe(OUTPUT_PROPERTY_NAMES.length);
  });
});
