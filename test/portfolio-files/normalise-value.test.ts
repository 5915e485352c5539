import { describe, expect, it } from 'vitest';
import {
  normaliseBoolean, normaliseDate, normaliseIndustry, normaliseNumber, normaliseOption, normaliseProbability,
  normaliseText, probabilityColumnIsPercent,
} from '../../src/portfolio-files/normalise-value.ts';

describe('normalise values from a HubSpot export to API strings', () => {
  it('when a cell is empty or blank, then it is null like an absent API value', () => {
    expect(normaliseText('')).toBeNull();
    expect(normaliseText('   ')).toBeNull();
    expect(normaliseText(' Acme ')).toBe('Acme');
  });

  it.each([
    ['Yes', 'true'], ['no', 'false'], ['TRUE', 'true'], ['false', 'false'], ['1', 'true'], ['0', 'false'], ['', null], ['maybe', 'maybe'],
  ])('when a checkbox shows %j, then the API value is %j', (raw, expected) => {
    expect(normaliseBoolean(raw)).toBe(expected);
  });

  it.each([
    ['2026-03-01', '2026-03-01T00:00:00Z'],
    ['2026-03-01 16:00', '2026-03-01T16:00:00Z'],
    ['2026-03-01 16:00:30', '2026-03-01T16:00:30Z'],
    ['2026-03-01T16:00:00.000Z', '2026-03-01T16:00:00.000Z'],
    ['1772380800000', '2026-03-01T16:00:00.000Z'],
    ['2026-02-31', '2026-02-31'],
    ['next quarter', 'next quarter'],
    ['', null],
  ])('when a date shows %j, then the API value is %j', (raw, expected) => {
    expect(normaliseDate(raw)).toBe(expected);
  });

  it.each([
    ['1250000', '1250000'], ['1,250,000.50', '1250000.50'], ['$ 1,250', '1250'], ['€300000', '300000'], ['300000 EUR', '300000'],
    ['-12000', '-12000'], ['1e30', '1e30'], ['1,5', '1,5'], ['n/a', 'n/a'], ['', null],
  ])('when a number shows %j, then the API value is %j', (raw, expected) => {
    expect(normaliseNumber(raw)).toBe(expected);
  });

  it('when a probability column holds a value above 1 or a % sign, then the whole column is in percent', () => {
    expect(probabilityColumnIsPercent(['0', '0.4', '1'])).toBe(false);
    expect(probabilityColumnIsPercent(['0', '40', '1'])).toBe(true);
    expect(probabilityColumnIsPercent(['0', '1%', ''])).toBe(true);
  });

  it.each([
    ['40', true, '0.4'], ['40%', true, '0.4'], ['1', true, '0.01'], ['100', true, '1'], ['250', true, '2.5'],
    ['0.4', false, '0.4'], ['1', false, '1'], ['soon', true, 'soon'], ['', true, null],
  ])('when a probability shows %j (percent column: %s), then the API fraction is %j', (raw, percent, expected) => {
    expect(normaliseProbability(raw, percent)).toBe(expected);
  });

  it.each([
    ['Hospital & Health Care', 'HOSPITAL_HEALTH_CARE'], ['Computer Software', 'COMPUTER_SOFTWARE'], ['RETAIL', 'RETAIL'], ['', null],
  ])('when an industry shows %j, then the API value is %j', (raw, expected) => {
    expect(normaliseIndustry(raw)).toBe(expected);
  });

  it('when an enumeration is exported by its label, then the API value is the option value', () => {
    const options = [{ value: 'dedicated', label: 'Dedicated' }, { value: 'shared', label: 'Shared' }];
    expect(normaliseOption('Dedicated', options)).toBe('dedicated');
    expect(normaliseOption('SHARED', options)).toBe('shared');
    expect(normaliseOption('key team', options)).toBe('key team');
  });
});
