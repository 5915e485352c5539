// Company properties for the card tests: a hand-written scored company, and the example portfolio
// scored by the real model and turned into the property values the app writes to HubSpot.
import { readFileSync } from 'node:fs';
import { DEFAULT_SETTINGS, scorePortfolio, toOutputProperties, type AccountFigures } from '../../src/model/index.ts';
import { readPortfolioJson } from '../../src/portfolio-files/read-portfolio-json.ts';
import type { CardProperties } from '../../src/card/card-view-model.ts';

export const SCORED: CardProperties = {
  name: 'Acme Industrial',
  kam_quadrant: 'key_development',
  kam_category: 'key',
  kam_tier: 'gold',
  kam_action: 'grow',
  kam_is_key_account: 'true',
  kam_priority_rank: '3',
  kam_share_of_wallet: '12.5',
  kam_wallet: '1200000',
  kam_wallet_source: 'entered',
  kam_expected_profit: '184250',
  kam_lifetime_value: '612400.4',
  kam_explanation: 'Key development: attractive (7.1 ≥ 5.4) but our position is weak (4.2 < 5.0). Wallet entered.',
  kam_scored_at: '2026-11-22T14:05:09.123Z',
  kam_model_version: '3',
  kam_category_spend: '1200000',
  kam_addressable_pct: '60',
  kam_attr_growth: '8',
  kam_str_price: '4',
};

export interface ScoredExample {
  figures: AccountFigures;
  properties: CardProperties;
}

/** The 300 example companies as HubSpot would hold them after a portfolio pass. */
export function scoredExamples(): ScoredExample[] {
  const text = readFileSync(new URL('../../examples/portfolio.json', import.meta.url), 'utf8');
  const portfolio = readPortfolioJson(text, 'examples/portfolio.json');
  const asOf = new Date(`${portfolio.asOf ?? '2026-11-22'}T00:00:00Z`);
  const byId = new Map(portfolio.companies.map((c) => [c.id, c]));
  const result = scorePortfolio(portfolio.companies, DEFAULT_SETTINGS, asOf);
  return result.accounts.map((figures) => ({
    figures,
    properties: { ...byId.get(figures.companyId)?.properties, ...toOutputProperties(figures, { scoredAt: asOf, modelVersion: 1 }) },
  }));
}
