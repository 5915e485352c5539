// What a fault scenario checks against a from-scratch recompute of the sandbox's own data:
// before the final pass, that every company's own figures are current (an acknowledged event whose
// effect is missing is a lost update) and that the portfolio holds exactly the live companies;
// after it, every output property of every company, and the tasks.
import type { RedisClient } from '../../../src/store/redis-client.ts';
import { scorePortfolio, toOutputProperties, wasKeyAccount, type AccountFigures, type CompanyInput } from '../../../src/model/index.ts';
import type { Sandbox } from '../../../src/sandbox/index.ts';
import { PortfolioInputs } from '../../../src/store/portfolio-inputs.ts';
import { PortfolioState } from '../../../src/store/portfolio-state.ts';
import { staleDeals } from '../../../src/store/stale-deals.ts';
import { SettingsStore } from '../../../src/store/settings-store.ts';

/** Outputs that depend on the company's own data only (not on ranks, thresholds or the key list). */
export const OWN_FIGURES = [
  'kam_wallet', 'kam_wallet_source', 'kam_share_of_wallet', 'kam_account_potential', 'kam_expected_revenue', 'kam_cost_to_serve',
  'kam_expected_profit', 'kam_lifetime_value', 'kam_attractiveness', 'kam_strength', 'kam_recommended_coverage',
];

/**
 * The sandbox portal as the model reads it: each company with its deals, its parent, its contacts
 * (the portal grants contact reads, so a company without contacts has its roles known: none) and
 * each deal's line items with their products.
 */
export function sandboxPortfolio(sandbox: Sandbox): CompanyInput[] {
  const store = sandbox.store;
  const items = new Map(store.all('line_items').map((r) => [r.id, r]));
  const products = new Map(store.all('products').map((r) => [r.id, r]));
  return store.all('companies').map((c) => ({
    id: c.id,
    properties: c.properties,
    parentId: store.parentIdOf(c.id) ?? null,
    contacts: store.contactIdsOf(c.id).flatMap((id) => store.getContact(id) ?? []).map((r) => ({ id: r.id, properties: r.properties })),
    deals: store.dealIdsOf(c.id).flatMap((id) => store.getDeal(id) ?? []).map((d) => ({
      id: d.id,
      properties: d.properties,
      lineItems: store.lineItemIdsOf(d.id).flatMap((id) => items.get(id) ?? []).map((i) => {
        const product = products.get(String(i.properties.hs_product_id ?? ''));
        return { id: i.id, properties: i.properties, product: product ? { id: product.id, properties: product.properties } : null };
      }),
    })),
  }));
}

/**
 * The model's figures for the sandbox's data. `wasKey` is the one piece of history the model takes:
 * a company written as key (or already up for removal) before the pass that is compared.
 */
async function expectedFigures(sandbox: Sandbox, redis: RedisClient, prefix: string, wasKey: ReadonlySet<string> = new Set()): Promise<{ figures: AccountFigures[]; version: number }> {
  const { settings, version } = await new SettingsStore(redis, prefix).get(sandbox.portalId);
  // 'auto' is a portfolio figure held from the last full pass until the next (scoring-model.md §11):
  // the flushes in between score with the held target, not one worked out from today's data.
  const held = settings.profitTarget === 'auto' ? await new PortfolioState(redis, prefix, sandbox.portalId).profitTarget() : null;
  const scoredWith = held === null ? settings : { ...settings, profitTarget: held };
  return { figures: scorePortfolio(sandboxPortfolio(sandbox), scoredWith, new Date(), { wasKey: (id) => wasKey.has(id) }).accounts, version };
}

/** Companies the jobs treat as former key accounts, from what is written now (the model's wasKeyAccount). */
export function formerKeyAccounts(sandbox: Sandbox): Set<string> {
  return new Set(sandbox.store.all('companies').filter((c) => wasKeyAccount(c)).map((c) => c.id));
}

const differs = (have: string | undefined, want: string): boolean => (have ?? '') !== want && !(want !== '' && Number(have) === Number(want));

export interface OwnFiguresCheck {
  /** Companies whose own figures are stale: the effect of some acknowledged event is missing. */
  stale: string[];
  /** Events that touched the stale companies. */
  lostEvents: number;
  diffs: string[];
}

export async function checkOwnFigures(sandbox: Sandbox, redis: RedisClient, prefix: string, touched: ReadonlyMap<string, number>): Promise<OwnFiguresCheck> {
  const { figures } = await expectedFigures(sandbox, redis, prefix);
  const out: OwnFiguresCheck = { stale: [], lostEvents: 0, diffs: [] };
  for (const f of figures) {
    const want = toOutputProperties(f, { scoredAt: new Date(), modelVersion: 1 });
    const have = sandbox.store.getCompany(f.companyId)?.properties ?? {};
    const names = [...OWN_FIGURES, ...(['lost', 'target'].includes(f.category) || ['lost', 'target'].includes(have.kam_category ?? '') ? ['kam_category'] : [])];
    const wrong = names.filter((n) => differs(have[n], want[n] ?? ''));
    if (wrong.length === 0) continue;
    out.stale.push(f.companyId);
    out.lostEvents += touched.get(f.companyId) ?? 0;
    if (out.diffs.length < 5) out.diffs.push(`${f.companyId}: ${wrong.map((n) => `${n} ${have[n] ?? '∅'} ≠ ${want[n]}`).join(', ')}`);
  }
  return out;
}

/**
 * Why a company's figures are stale: its deals as the app last stored them (the flush's input
 * cache) against the sandbox's, whether each is marked stale, and when the company was scored.
 */
export async function diagnoseStale(sandbox: Sandbox, redis: RedisClient, prefix: string, companyId: string): Promise<string> {
  const stored = (await new PortfolioInputs(redis, prefix, sandbox.portalId).getMany([companyId])).get(companyId);
  const staleSet = await staleDeals(redis, prefix, sandbox.portalId, sandbox.store.dealIdsOf(companyId));
  const store = sandbox.store;
  const deals = store.dealIdsOf(companyId).map((id) => {
    const live = store.getDeal(id)?.properties ?? {};
    const kept = stored?.deals?.find((d) => d.id === id)?.properties;
    const differs = ['amount', 'closedate', 'dealstage'].filter((k) => (kept?.[k] ?? '') !== (live[k] ?? ''));
    return `${id}${staleSet.has(id) ? '*' : ''} ${kept ? differs.map((k) => `${k} ${kept[k]}→${live[k]}`).join(' ') || 'same' : 'not stored'} (modified ${live.hs_lastmodifieddate})`;
  });
  return `${companyId} scored ${store.getCompany(companyId)?.properties.kam_scored_at}: ${deals.join('; ')}`;
}

/** Live companies missing from the incremental portfolio state, and ids it holds that are gone. */
export async function checkPortfolioMembers(sandbox: Sandbox, redis: RedisClient, prefix: string): Promise<{ missing: string[]; extra: string[] }> {
  const held = new Set(await new PortfolioState(redis, prefix, sandbox.portalId).rankedIds());
  const live = new Set(sandbox.store.all('companies').map((c) => c.id));
  return { missing: [...live].filter((id) => !held.has(id)), extra: [...held].filter((id) => !live.has(id)) };
}

export interface FullCheck {
  wrong: string[];
  diffs: string[];
}

/** Every output property of every live company against the model (the scoring time aside). */
export async function checkAllFigures(sandbox: Sandbox, redis: RedisClient, prefix: string, wasKey: ReadonlySet<string>): Promise<FullCheck> {
  const { figures, version } = await expectedFigures(sandbox, redis, prefix, wasKey);
  const out: FullCheck = { wrong: [], diffs: [] };
  for (const f of figures) {
    const { kam_scored_at: _at, ...want } = toOutputProperties(f, { scoredAt: new Date(), modelVersion: version });
    const have = sandbox.store.getCompany(f.companyId)?.properties ?? {};
    const wrong = Object.keys(want).filter((n) => differs(have[n], want[n]!));
    if (wrong.length === 0) continue;
    out.wrong.push(f.companyId);
    if (out.diffs.length < 5) out.diffs.push(`${f.companyId}: ${wrong.map((n) => `${n} ${String(have[n] ?? '∅').slice(0, 40)} ≠ ${want[n]!.slice(0, 40)}`).join(', ')}`);
  }
  return out;
}
