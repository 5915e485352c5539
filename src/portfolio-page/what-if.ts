// What would change if the settings changed: the stored portfolio scored twice, with the current
// and the proposed settings, and compared company by company.
import { scorePortfolio, type PortfolioResult } from '../model/score-portfolio.ts';
import type { Settings } from '../model/settings.ts';
import { CATEGORIES, QUADRANTS, type AccountFigures, type Category, type CompanyInput, type Quadrant } from '../model/types.ts';
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

function emptyMatrix<K extends string>(keys: readonly K[]): MoveMatrix<K> {
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

const named = (a: AccountFigures): NamedCompany => ({ companyId: a.companyId, name: a.name ?? `(no name, id ${a.companyId})` });

export function compareScenarios(current: PortfolioResult, proposed: PortfolioResult, namesShown = 10): WhatIfResult {
  const before = new Map(current.accounts.map((a) => [a.companyId, a]));
  const quadrantMatrix = emptyMatrix(QUADRANTS);
  const categoryMatrix = emptyMatrix(CATEGORIES);
  let quadrantMoved = 0;
  let categoryMoved = 0;
  const joining: AccountFigures[] = [];
  const leaving: AccountFigures[] = [];
  for (const after of proposed.accounts) {
    const was = before.get(after.companyId);
    if (!was) continue;
    quadrantMatrix[was.quadrant][after.quadrant] += 1;
    categoryMatrix[was.category][after.category] += 1;
    if (was.quadrant !== after.quadrant) quadrantMoved += 1;
    if (was.category !== after.category) categoryMoved += 1;
    if (!was.isKeyAccount && after.isKeyAccount) joining.push(after);
    if (was.isKeyAccount && !after.isKeyAccount) leaving.push(after);
  }
  return {
    companies: proposed.accounts.length,
    current: summary(current),
    proposed: summary(proposed),
    quadrantMoves: { moved: quadrantMoved, matrix: quadrantMatrix },
    categoryMoves: { moved: categoryMoved, matrix: categoryMatrix },
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
