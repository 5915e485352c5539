import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, parseSettings, scorePortfolio, type Settings } from '../../src/model/index.ts';
import { CATEGORIES, QUADRANTS } from '../../src/model/types.ts';
import { scoreInSlices } from '../../src/portfolio-page/score-in-slices.ts';
import { whatIf, whatIfInSlices, type MoveMatrix } from '../../src/portfolio-page/what-if.ts';
import { EXAMPLE_AS_OF, EXAMPLE_COMPANIES } from './example-portfolio.ts';

const settingsOf = (input: unknown): Settings => {
  const parsed = parseSettings(input);
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  return parsed.settings;
};
const rowSums = <K extends string>(m: MoveMatrix<K>, keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, keys.reduce((s, to) => s + m[k][to], 0)]));
const colSums = <K extends string>(m: MoveMatrix<K>, keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, keys.reduce((s, from) => s + m[from][k], 0)]));
const offDiagonal = <K extends string>(m: MoveMatrix<K>, keys: readonly K[]) => keys.reduce((s, from) => s + keys.reduce((t, to) => t + (from === to ? 0 : m[from][to]), 0), 0);

describe('what-if', () => {
  it('when the proposed settings equal the current ones, then nothing moves and both scenarios have the same counts', () => {
    const r = whatIf(EXAMPLE_COMPANIES, DEFAULT_SETTINGS, DEFAULT_SETTINGS, EXAMPLE_AS_OF);
    expect(r.companies).toBe(300);
    expect(r.quadrantMoves.moved).toBe(0);
    expect(r.categoryMoves.moved).toBe(0);
    expect(r.proposed).toEqual(r.current);
    for (const q of QUADRANTS) expect(r.quadrantMoves.matrix[q][q]).toBe(r.current.quadrants[q]);
    expect(r.keyList).toEqual({ joining: 0, leaving: 0, joiningNames: [], leavingNames: [] });
  });

  it('when the strength threshold and the capacity change, then the moves and new counts are those of scorePortfolio run with each', () => {
    const proposed = settingsOf({ keyAccountCapacity: 30, thresholds: { strength: 6 } });
    const r = whatIf(EXAMPLE_COMPANIES, DEFAULT_SETTINGS, proposed, EXAMPLE_AS_OF);
    const before = scorePortfolio(EXAMPLE_COMPANIES, DEFAULT_SETTINGS, EXAMPLE_AS_OF);
    const after = scorePortfolio(EXAMPLE_COMPANIES, proposed, EXAMPLE_AS_OF);
    const was = new Map(before.accounts.map((a) => [a.companyId, a]));
    const expectedQuadrantMoves = after.accounts.filter((a) => was.get(a.companyId)!.quadrant !== a.quadrant).length;
    const expectedCategoryMoves = after.accounts.filter((a) => was.get(a.companyId)!.category !== a.category).length;
    expect(expectedQuadrantMoves).toBeGreaterThan(0);
    expect(r.quadrantMoves.moved).toBe(expectedQuadrantMoves);
    expect(r.categoryMoves.moved).toBe(expectedCategoryMoves);
    expect(offDiagonal(r.quadrantMoves.matrix, QUADRANTS)).toBe(expectedQuadrantMoves);
    expect(rowSums(r.quadrantMoves.matrix, QUADRANTS)).toEqual(r.current.quadrants);
    expect(colSums(r.quadrantMoves.matrix, QUADRANTS)).toEqual(r.proposed.quadrants);
    expect(rowSums(r.categoryMoves.matrix, CATEGORIES)).toEqual(r.current.categories);
    expect(colSums(r.categoryMoves.matrix, CATEGORIES)).toEqual(r.proposed.categories);
    for (const q of QUADRANTS) expect(r.proposed.quadrants[q]).toBe(after.accounts.filter((a) => a.quadrant === q).length);
    // A stricter strength threshold only takes accounts from strong to weak, never back.
    expect(r.quadrantMoves.matrix.key_development.key + r.quadrantMoves.matrix.opportunistic.maintenance).toBe(0);
    expect(r.proposed.thresholds.strength).toBe(6);
    expect(r.proposed.capacity.line).toBe(`${after.keyCount} of 30 places used; ${after.waitingCount === 0 ? 'no eligible account waiting' : `${after.waitingCount} eligible accounts waiting`}`);
    const joining = after.accounts.filter((a) => a.isKeyAccount && !was.get(a.companyId)!.isKeyAccount);
    expect(r.keyList.joining).toBe(joining.length);
    expect(r.keyList.joiningNames.map((c) => c.companyId)).toEqual(joining.slice(0, 10).map((a) => a.companyId));
    expect(r.categoryMoves.matrix.normal.key).toBe(joining.length);
  });

  it('when the capacity shrinks, then the accounts leaving the key list are named and counted as key → normal', () => {
    const r = whatIf(EXAMPLE_COMPANIES, DEFAULT_SETTINGS, settingsOf({ keyAccountCapacity: 20 }), EXAMPLE_AS_OF);
    expect(r.keyList.leaving).toBe(5);
    expect(r.keyList.leavingNames).toHaveLength(5);
    expect(r.categoryMoves.matrix.key.normal).toBe(5);
    expect(r.proposed.categories.key).toBe(20);
    expect(r.quadrantMoves.moved).toBe(0);
  });
});

describe('scoring in slices (the server path)', () => {
  it('when the example portfolio is scored in small slices, then the result equals scorePortfolio exactly, and so does the what-if', async () => {
    const proposed = settingsOf({ keyAccountCapacity: 30, thresholds: { strength: 6 } });
    expect(await scoreInSlices(EXAMPLE_COMPANIES, proposed, EXAMPLE_AS_OF, 7)).toEqual(scorePortfolio(EXAMPLE_COMPANIES, proposed, EXAMPLE_AS_OF));
    expect(await whatIfInSlices(EXAMPLE_COMPANIES, DEFAULT_SETTINGS, proposed, EXAMPLE_AS_OF)).toEqual(whatIf(EXAMPLE_COMPANIES, DEFAULT_SETTINGS, proposed, EXAMPLE_AS_OF));
  });

  it('when a large portfolio is scored, then other work gets turns of the event loop in between', async () => {
    const many = Array.from({ length: 6000 }, (_, i) => ({ ...EXAMPLE_COMPANIES[i % 300]!, id: String(100_000 + i) }));
    let done = false;
    let turns = 0;
    const other = (async () => {
      while (!done) {
        await new Promise((r) => setImmediate(r));
        turns += 1;
      }
    })();
    const result = await scoreInSlices(many, DEFAULT_SETTINGS, EXAMPLE_AS_OF, 500);
    done = true;
    await other;
    expect(result.accounts).toHaveLength(6000);
    // 12 slices of scoring and 12 of finalizing: the other task ran between them.
    expect(turns).toBeGreaterThanOrEqual(20);
  });
});
