// A whole portfolio scored at once: the offline scorer and the full portfolio pass.
import { finalizeAccount } from './finalize-account.ts';
import { buildPortfolio, portfolioEntry } from './portfolio.ts';
import { scoreCompany } from './score-company.ts';
import type { Settings } from './settings.ts';
import type { AccountFigures, CompanyInput, Thresholds } from './types.ts';

export interface PortfolioResult {
  /** Ordered by priority rank. */
  accounts: AccountFigures[];
  thresholds: Thresholds;
  keyAccountCapacity: number;
  keyCount: number;
  eligibleCount: number;
  waitingCount: number;
}

export interface ScorePortfolioOptions {
  /** Whether a company was key in the last written score (drives the `remove` action). */
  wasKey?: (companyId: string) => boolean;
  /** Problems found before scoring (a file reader's), named in the company's explanation first. */
  notesBefore?: (companyId: string) => readonly string[] | undefined;
}

export function scorePortfolio(companies: Iterable<CompanyInput>, settings: Settings, asOf: Date, options: ScorePortfolioOptions = {}): PortfolioResult {
  const scores = [];
  for (const company of companies) {
    const score = scoreCompany(company, settings, asOf);
    const before = options.notesBefore?.(score.companyId);
    scores.push(before?.length ? { ...score, notes: [...before, ...score.notes] } : score);
  }
  const portfolio = buildPortfolio(
    scores.map((s) => portfolioEntry(s, options.wasKey?.(s.companyId) ?? false)),
    settings,
  );
  const accounts = scores
    .map((s) => finalizeAccount(s, portfolio.contextFor(s.companyId), settings))
    .sort((a, b) => a.priorityRank - b.priorityRank);
  const keyCount = accounts.filter((a) => a.isKeyAccount).length;
  const eligibleCount = accounts.filter((a) => a.keyEligible).length;
  return {
    accounts,
    thresholds: portfolio.thresholds,
    keyAccountCapacity: settings.keyAccountCapacity,
    keyCount,
    eligibleCount,
    waitingCount: eligibleCount - keyCount,
  };
}
