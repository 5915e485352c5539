// The wallet (the customer's spend in our categories), its source, and the account potential.
import { oncePerSettings } from './once-per-settings.ts';
import { Invalid, parseInRange, parseMoney } from './parse-values.ts';
import { money } from './format.ts';
import type { BaseSettings } from './settings.ts';
import type { RecordInput, WalletSource } from './types.ts';

export interface Wallet {
  wallet: number | null;
  walletSource: WalletSource;
  potential: number | null;
}

// The ratios by industry as a map: a portfolio looks one up per company.
const ratiosOf = oncePerSettings((byIndustry: BaseSettings['walletFromRevenue']['byIndustry']) => new Map(Object.entries(byIndustry)));

/** The ratio for the company's industry (as written, else upper-cased: HubSpot's values are), else the default. */
function estimateRatio(industry: unknown, settings: BaseSettings): number | null {
  const ratios = ratiosOf(settings.walletFromRevenue.byIndustry);
  const key = ratios.size > 0 && typeof industry === 'string' ? industry.trim() : '';
  if (key) {
    const ratio = ratios.get(key) ?? ratios.get(key.toUpperCase());
    if (ratio !== undefined) return ratio;
  }
  return settings.walletFromRevenue.default;
}

/** wallet = entered ?? annualrevenue × ratio ?? unknown; a wallet below wonTTM is raised to it. */
export function walletOf(p: RecordInput['properties'], wonTTM: number, settings: BaseSettings, notes: string[]): Wallet {
  let wallet: number | null = null;
  let source: WalletSource = 'unknown';
  const entered = parseMoney(p.kam_category_spend);
  if (typeof entered === 'number') {
    wallet = entered;
    source = 'entered';
  } else {
    if (entered) notes.push(`category spend ${entered.reason}`);
    const revenue = parseMoney(p.annualrevenue);
    if (revenue instanceof Invalid) notes.push(`annual revenue ${revenue.reason}`);
    const ratio = typeof revenue === 'number' ? estimateRatio(p.industry, settings) : null;
    if (typeof revenue === 'number' && ratio !== null) {
      wallet = revenue * ratio;
      source = 'estimated';
    }
  }
  if (wallet !== null && wallet < wonTTM) {
    notes.push(`the ${source} wallet ${money(wallet, settings.currency)} is below the revenue won in the last ${settings.windowMonths} months; raised to ${money(wonTTM, settings.currency)}`);
    wallet = wonTTM;
  }
  const addressable = parseInRange(p.kam_addressable_pct, 0, 100);
  if (addressable instanceof Invalid) notes.push(`addressable share ${addressable.reason}, used ${settings.defaultAddressablePct} %`);
  const addressablePct = typeof addressable === 'number' ? addressable : settings.defaultAddressablePct;
  return { wallet, walletSource: source, potential: wallet === null ? null : (wallet * addressablePct) / 100 };
}
