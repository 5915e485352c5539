import { describe, expect, it } from 'vitest';
import { money, oneDecimal, percent, roundTo } from '../../src/model/format.ts';

describe('money', () => {
  it.each([
    [0, '0'],
    [7, '7'],
    [999.4, '999'],
    [999.5, '1,000'],
    [1000, '1,000'],
    [1005, '1,005'],
    [1050, '1,050'],
    [1234567.8, '1,234,568'],
    [100_000_000, '100,000,000'],
    [-2160, '-2,160'],
    [-0.4, '0'],
    [9_007_199_254_740_991, '9,007,199,254,740,991'],
  ])('%d → %s', (value, text) => {
    expect(money(value)).toBe(text);
  });

  it('groups digits beyond the safe-integer range too', () => {
    expect(money(12_345_678_901_234_567_000)).toBe('12,345,678,901,234,567,000');
  });
});

describe('oneDecimal', () => {
  it.each([
    [0, '0'],
    [4, '4'],
    [4.25, '4.3'],
    [4.24, '4.2'],
    [5.55, '5.6'],
    [10, '10'],
    [99.95, '100'],
    [1000.04, '1000'],
    [1000.06, '1000.1'],
    [12345.67, '12345.7'],
    [-0.04, '0'],
    [-0.46, '-0.5'],
    [-12.34, '-12.3'],
    [1e15 + 0.25, (1e15 + 0.25).toFixed(1)],
  ])('%d → %s', (value, text) => {
    expect(oneDecimal(value)).toBe(text);
  });

  it('reads a fraction as a percentage', () => {
    expect(percent(0.153)).toBe('15.3 %');
    expect(percent(1)).toBe('100 %');
  });
});

describe('roundTo', () => {
  it('when a value rounds to zero from below, then it is 0, not -0; else it keeps the digits asked for', () => {
    expect(Object.is(roundTo(-0.004, 2), 0)).toBe(true);
    expect(roundTo(12.3456, 2)).toBe(12.35);
    expect(roundTo(-1234.5, 0)).toBe(-1234);
  });
});
