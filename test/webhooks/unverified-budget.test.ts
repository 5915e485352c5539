import { describe, expect, it } from 'vitest';
import { createUnverifiedBudget } from '../../webhooks/unverified-budget.ts';

function clock() {
  let t = 0;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

describe('unverified budget', () => {
  it('when the byte budget is spent by young holders, then a newcomer gets no place, and a release makes room', () => {
    const c = clock();
    const budget = createUnverifiedBudget({ maxBytes: 1000, maxRequests: 10, evictAfterMs: 1000 }, c.now);
    const a = budget.tryAcquire(600, () => undefined);
    expect(budget.tryAcquire(600, () => undefined)).toBeNull();
    a?.release();
    a?.release(); // idempotent: releasing twice gives nothing back twice
    expect(budget.inFlight()).toEqual({ requests: 0, bytes: 0 });
    expect(budget.tryAcquire(600, () => undefined)).not.toBeNull();
  });

  it('when 1,500 one-megabyte bodies ask for places, then they hold at most three quarters of the budget and a small batch still gets in', () => {
    const c = clock();
    const MiB = 1024 * 1024;
    const budget = createUnverifiedBudget({ maxBytes: 32 * MiB, maxRequests: 256, evictAfterMs: 1000 }, c.now);
    const granted = Array.from({ length: 1500 }, () => budget.tryAcquire(MiB, () => undefined)).filter(Boolean);
    expect(granted).toHaveLength(24);
    expect(budget.inFlight()).toEqual({ requests: 24, bytes: 24 * MiB });
    expect(budget.tryAcquire(40_000, () => undefined)).not.toBeNull();
  });

  it('when small bodies fill the whole budget, then the next one waits for a release (503), never beyond the cap', () => {
    const c = clock();
    const budget = createUnverifiedBudget({ maxBytes: 1_000_000, maxRequests: 8, evictAfterMs: 1000 }, c.now);
    const granted = Array.from({ length: 100 }, () => budget.tryAcquire(1000, () => undefined)).filter(Boolean);
    expect(granted).toHaveLength(8);
    expect(budget.inFlight().requests).toBe(8);
  });

  it('when the request cap is reached and the oldest holder has stalled past evictAfterMs, then it is evicted for the newcomer', () => {
    const c = clock();
    const evicted: string[] = [];
    const budget = createUnverifiedBudget({ maxBytes: 10_000, maxRequests: 2, evictAfterMs: 1000 }, c.now);
    budget.tryAcquire(10, () => evicted.push('first'));
    c.advance(500);
    budget.tryAcquire(10, () => evicted.push('second'));
    c.advance(600); // first is 1,100 ms old, second 600 ms
    expect(budget.tryAcquire(10, () => evicted.push('third'))).not.toBeNull();
    expect(evicted).toEqual(['first']);
    expect(budget.tryAcquire(10, () => evicted.push('fourth'))).toBeNull(); // second is still young
    expect(budget.inFlight().requests).toBe(2);
  });

  it('when one body is larger than the whole budget, then it gets no place and nobody is evicted for it', () => {
    const c = clock();
    const evicted: string[] = [];
    const budget = createUnverifiedBudget({ maxBytes: 100, maxRequests: 2, evictAfterMs: 0 }, c.now);
    budget.tryAcquire(50, () => evicted.push('holder'));
    expect(budget.tryAcquire(101, () => undefined)).toBeNull();
    expect(evicted).toEqual([]);
  });
});
