import { describe, expect, it } from 'vitest';
import { oneAtATime } from '../../src/portfolio-page/one-at-a-time.ts';

const later = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('oneAtATime', () => {
  it('when work is started while other work runs, then it waits for it, and a failure does not block what follows', async () => {
    const serial = oneAtATime();
    const log: string[] = [];
    let running = 0;
    let most = 0;
    const job = (name: string, fail = false) => serial(async () => {
      running += 1;
      most = Math.max(most, running);
      log.push(`start ${name}`);
      await later(5);
      log.push(`end ${name}`);
      running -= 1;
      if (fail) throw new Error(name);
      return name;
    });
    const results = await Promise.allSettled([job('a'), job('b', true), job('c')]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(most).toBe(1);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });
});
