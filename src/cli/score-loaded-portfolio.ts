// Scores what a reader loaded. Like the model's scorePortfolio, but what the reader found wrong
// with a row joins that company's notes before the explanation is written, so the explanation and
// the bad-data flag both say it.
import { buildPortfolio, portfolioEntry } from '../model/portfolio.ts';
import { finalizeAccount } from '../model/finalize-account.ts';
import { scoreCompany } from '../model/score-company.ts';
import type { PortfolioResult } from '../model/score-portfolio.ts';
import type { Settings } from '../model/settings.ts';
import type { LoadedPortfolio } from '../portfolio-files/loaded-portfolio.ts';

export function scoreLoadedPortfolio(loaded: LoadedPortfolio, settings: Settings, asOf: Date): PortfolioResult {
  const scores = loaded.companies.map((company) => {
    const score = scoreCompany(company, settings, asOf);
    const readerNotes = loaded.rowNotes.get(score.companyId);
    return readerNotes ? { ...score, notes: [...readerNotes, ...score.notes] } : score;
  });
  const portfolio = buildPortfolio(scores.map((s) => portfolioEntry(s)), settings);
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
