import { describe, expect, it } from 'vitest';
import { oncePerSettings } from '../../src/model/once-per-settings.ts';

describe('oncePerSettings', () => {
  it('when asked again for the same settings object, then it answers without computing again; a new object is computed anew', () => {
    let calls = 0;
    const total = oncePerSettings((s: { roles: number[] }) => {
      calls += 1;
      return s.roles.reduce((a, b) => a + b, 0);
    });
    const a = { roles: [1, 2] };
    expect([total(a), total(a), total(a)]).toEqual([3, 3, 3]);
    expect(calls).toBe(1);
    expect(total({ roles: [1, 2, 3] })).toBe(6);
    expect(calls).toBe(2);
  });

  it('when the computed value is 0, then it is still remembered', () => {
    let calls = 0;
    const zero = oncePerSettings((_: object) => {
      calls += 1;
      return 0;
    });
    const key = {};
    zero(key);
    zero(key);
    expect(calls).toBe(1);
  });
});

describe('oncePerSettings, asked with settings objects in turn', () => {
  it('when two settings objects alternate, then each keeps its own value and neither is computed twice', () => {
    let calls = 0;
    const double = oncePerSettings((s: { n: number }) => {
      calls += 1;
      return s.n * 2;
    });
    const a = { n: 1 };
    const b = { n: 2 };
    expect([double(a), double(b), double(a), double(b), double(b), double(a)]).toEqual([2, 4, 2, 4, 4, 2]);
    expect(calls).toBe(2);
  });
});
