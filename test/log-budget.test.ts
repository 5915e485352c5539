import { describe, expect, it } from 'vitest';
import { createLogBudget } from '../src/log-budget.ts';

describe('log budget', () => {
  it('when 1,000 events come in a minute, then 60 are logged, and the first line of the next minute says how many were left out', () => {
    let t = 0;
    const budget = createLogBudget(60, () => t);
    const taken = Array.from({ length: 1000 }, () => budget.take()).filter(Boolean);
    expect(taken).toHaveLength(60);
    t += 60_000;
    expect(budget.take()).toEqual({ skipped: 940 });
    expect(budget.take()).toEqual({ skipped: 0 });
  });
});
