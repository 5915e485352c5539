// The figures as HubSpot property values (strings), and the diff that keeps us from writing a
// value that did not change (each write costs an API call and fires a webhook).
import { money, roundTo } from './format.ts';
import { topGapsText } from './product-lines.ts';
import type { AccountFigures } from './types.ts';

export interface OutputMeta {
  scoredAt: Date;
  modelVersion: number;
}

const round = (v: number, digits = 0): string => String(roundTo(v, digits));
const orEmpty = (v: number | null, digits = 0): string => (v === null ? '' : round(v, digits));

export function toOutputProperties(f: AccountFigures, meta: OutputMeta): Record<string, string> {
  return {
    kam_quadrant: f.quadrant,
    kam_category: f.category,
    kam_tier: f.tier,
    kam_action: f.action,
    kam_is_key_account: f.isKeyAccount ? 'true' : 'false',
    kam_priority_rank: String(f.priorityRank),
    kam_priority_score: round(f.priorityScore),
    kam_share_of_wallet: orEmpty(f.shareOfWallet === null ? null : f.shareOfWallet * 100, 1),
    kam_wallet: orEmpty(f.wallet),
    kam_wallet_source: f.walletSource,
    kam_account_potential: orEmpty(f.potential),
    kam_expected_revenue: round(f.expectedRevenue),
    kam_cost_to_serve: round(f.costToServe),
    kam_expected_profit: round(f.expectedProfit),
    kam_lifetime_value: round(f.lifetimeValue),
    kam_attractiveness: orEmpty(f.attractiveness.value, 2),
    kam_strength: orEmpty(f.strength.value, 2),
    kam_recommended_coverage: f.recommendedCoverage,
    kam_explanation: f.explanation,
    kam_scored_at: meta.scoredAt.toISOString(),
    kam_model_version: String(meta.modelVersion),
  };
}

/**
 * The properties of groups, product lines and the relationship stage (§8–§10). A company alone is
 * its own group of one (kam_group_id its own id). Unknown values are written empty.
 */
export function toDepthOutputProperties(f: AccountFigures): Record<string, string> {
  const g = f.group;
  return {
    kam_group_id: g ? g.groupId : f.companyId,
    kam_group_size: String(g ? g.size : 1),
    kam_group_share_of_wallet: orEmpty(g ? (g.shareOfWallet === null ? null : g.shareOfWallet * 100) : f.shareOfWallet === null ? null : f.shareOfWallet * 100, 1),
    kam_group_expected_profit: round(g ? g.expectedProfit : f.expectedProfit),
    kam_own_share_of_group: g ? orEmpty(g.ownShareOfGroup === null ? null : g.ownShareOfGroup * 100, 1) : f.wonTTM > 0 ? '100' : '',
    kam_whitespace_value: f.whitespace ? round(f.whitespace.value) : '',
    kam_whitespace: topGapsText(f.whitespace, (v) => money(v)),
    kam_product_lines_bought: f.productLinesBought.join('; '),
    kam_relationship_stage: f.relationship.stage,
    kam_buying_roles_missing: f.relationship.missingRoles === null ? '' : f.relationship.missingRoles.join(';'),
  };
}

/** Properties that only record when we looked; written only along with a real change. */
const BOOKKEEPING = new Set(['kam_scored_at']);

/** Values that differ from what HubSpot holds; empty when nothing but the bookkeeping moved. */
export function changedProperties(previous: Record<string, string | null | undefined>, next: Record<string, string>): Record<string, string> {
  const changed: Record<string, string> = {};
  for (const [name, value] of Object.entries(next)) {
    const before = previous[name] ?? '';
    if (BOOKKEEPING.has(name) || before === value || sameNumber(before, value)) continue;
    changed[name] = value;
  }
  if (Object.keys(changed).length === 0) return {};
  for (const name of BOOKKEEPING) if (next[name] !== undefined) changed[name] = next[name];
  return changed;
}

/** HubSpot may echo "117840.0" for "117840". */
function sameNumber(a: string, b: string): boolean {
  if (a === '' || b === '') return false;
  const x = Number(a);
  const y = Number(b);
  return Number.isFinite(x) && Number.isFinite(y) && x === y;
}
