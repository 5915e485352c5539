// scorePortfolio for the HTTP server: the same model functions in the same order, but the
// per-company work runs in slices with a turn of the event loop between them. A 100,000-company
// portal takes seconds to score; in one synchronous block that would hold up every webhook ack
// the same process owes HubSpot. A test checks the result equals scorePortfolio's.
import { finalizeAccount } from '../model/finalize-account.ts';
import { buildPortfolio, portfolioEntry } from '../model/portfolio.ts';
import { scoreCompany } from '../model/score-company.ts';
import type { PortfolioResult } from '../model/score-portfolio.ts';
import type { Settings } from '../model/settings.ts';
import type { AccountFigures, CompanyInput, CompanyScore } from '../model/types.ts';

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export async function scoreInSlices(companies: readonly CompanyInput[], settings: Settings, asOf: Date, slice = 2000): Promise<PortfolioResult> {
  const scores: CompanyScore[] = [];
  for (let i = 0; i < companies.length; i++) {
    scores.push(scoreCompany(companies[i]!, settings, asOf));
    if ((i + 1) % slice === 0) await nextTurn();
  }
  const portfolio = buildPortfolio(scores.map((s) => portfolioEntry(s)), settings);
  const accounts: AccountFigures[] = [];
  for (let i = 0; i < scores.length; i++) {
    accounts.push(finalizeAccount(scores[i]!, portfolio.contextFor(scores[i]!.companyId), settings));
    if ((i + 1) % slice === 0) await nextTurn();
  }
  accounts.sort((a, b) => a.priorityRank - b.priorityRank);
  const keyCount = accounts.filter((a) => a.isKeyAccount).length;
  const eligibleCount = accounts.filter((a) => a.keyEligible).length;
  return { accounts, thresholds: portfolio.thresholds, keyAccountCapacity: settings.keyAccountCapacity, keyCount, eligibleCount, waitingCount: eligibleCount - keyCount };
}
