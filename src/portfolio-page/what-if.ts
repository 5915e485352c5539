// What would change if the settings changed: the stored portfolio scored twice, with the current
// and the proposed settings, and compared company by company.
import { scorePortfolio, type PortfolioResult } from '../model/score-portfolio.ts';
import type { Settings } from '../model/settings.ts';
import { CATEGORIES, QUADRANTS, type AccountFigures, type Category, type CompanyInput, type Quadrant } from '../model/types.ts';
import { nameOf } from './labels.ts';
import { capacityOf, countBy, type Capacity } from './portfolio-view.ts';
import { scoreInSlices } from './score-in-slices.ts';

export type MoveMatrix<K extends string> = Record<K, Record<K, number>>;

export interface ScenarioSummary {
  thresholds: { attractiveness: number; strength: number };
  quadrants: Record<Quadrant, number>;
  categories: Record<Category, number>;
  capacity: Capacity;
}

export interface NamedCompany {
  companyId: string;
  name: string;
}

export interface WhatIfResult {
  companies: number;
  current: ScenarioSummary;
  proposed: ScenarioSummary;
  /** from (current) → to (proposed) → how many companies; the diagonal is those that stay. */
  quadrantMoves: { moved: number; matrix: MoveMatrix<Quadrant> };
  categoryMoves: { moved: number; matrix: MoveMatrix<Category> };
  /** Companies that would join or leave the key-account list (the first `namesShown` of each, by proposed rank). */
  keyList: { joining: number; leaving: number; joiningNames: NamedCompany[]; leavingNames: NamedCompany[] };
}

export function emptyMatrix<K extends string>(keys: readonly K[]): MoveMatrix<K> {
  return Object.fromEntries(keys.map((from) => [from, Object.fromEntries(keys.map((to) => [to, 0]))])) as MoveMatrix<K>;
}

function summary(result: PortfolioResult): ScenarioSummary {
  return {
    thresholds: { ...result.thresholds },
    quadrants: countBy(QUADRANTS, result.accounts, (a) => a.quadrant),
    categories: countBy(CATEGORIES, result.accounts, (a) => a.category),
    capacity: capacityOf(result),
  };
}

/** Where a company stands in one scenario. */
export type Placement = Pick<AccountFigures, 'quadrant' | 'category' | 'isKeyAccount'>;

export interface ScenarioMoves {
  quadrantMoves: { moved: number; matrix: MoveMatrix<Quadrant> };
  categoryMoves: { moved: number; matrix: MoveMatrix<Category> };
  /** Companies that join or leave the key-account list, in the proposed priority order. */
  joining: AccountFigures[];
  leaving: AccountFigures[];
  /** Companies whose quadrant, category or place on the key list changed, in the proposed priority order. */
  movers: { was: Placement; now: AccountFigures }[];
}

/** Company by company, from where each stood (`before`) to the proposed scenario's figures; a company new to it is not a move. */
export function scenarioMoves(before: ReadonlyMap<string, Placement>, proposed: readonly AccountFigures[]): ScenarioMoves {
  const moves: ScenarioMoves = {
    quadrantMoves: { moved: 0, matrix: emptyMatrix(QUADRANTS) },
    categoryMoves: { moved: 0, matrix: emptyMatrix(CATEGORIES) },
    joining: [],
    leaving: [],
    movers: [],
  };
  for (const now of proposed) {
    const was = before.get(now.companyId);
    if (!was) continue;
    moves.quadrantMoves.matrix[was.quadrant][now.quadrant] += 1;
    moves.categoryMoves.matrix[was.category][now.category] += 1;
    if (was.quadrant !== now.quadrant) moves.quadrantMoves.moved += 1;
    if (was.category !== now.category) moves.categoryMoves.moved += 1;
    if (!was.isKeyAccount && now.isKeyAccount) moves.joining.push(now);
    if (was.isKeyAccount && !now.isKeyAccount) moves.leaving.push(now);
    if (was.quadrant !== now.quadrant || was.category !== now.category || was.isKeyAccount !== now.isKeyAccount) moves.movers.push({ was, now });
  }
  return moves;
}

const named = (a: AccountFigures): NamedCompany => ({ companyId: a.companyId, name: nameOf(a) });

export function compareScenarios(current: PortfolioResult, proposed: PortfolioResult, namesShown = 10): WhatIfResult {
  const { quadrantMoves, categoryMoves, joining, leaving } = scenarioMoves(new Map(current.accounts.map((a) => [a.companyId, a])), proposed.accounts);
  return {
    companies: proposed.accounts.length,
    current: summary(current),
    proposed: summary(proposed),
    quadrantMoves,
    categoryMoves,
    keyList: {
      joining: joining.length,
      leaving: leaving.length,
      joiningNames: joining.slice(0, namesShown).map(named),
      leavingNames: leaving.slice(0, namesShown).map(named),
    },
  };
}

/** scorePortfolio twice on the same companies and the same asOf: current against proposed settings. */
export function whatIf(companies: readonly CompanyInput[], current: Settings, proposed: Settings, asOf: Date): WhatIfResult {
  return compareScenarios(scorePortfolio(companies, current, asOf), scorePortfolio(companies, proposed, asOf));
}

/** The same, scored in slices so a server keeps answering meanwhile (see score-in-slices.ts). */
export async function whatIfInSlices(companies: readonly CompanyInput[], current: Settings, proposed: Settings, asOf: Date): Promise<WhatIfResult> {
  const before = await scoreInSlices(companies, current, asOf);
  return compareScenarios(before, await scoreInSlices(companies, proposed, asOf));
}
