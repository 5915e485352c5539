// The plain-language paragraph a rep reads on the company record: the quadrant and category with
// the numbers that decided them, the wallet source, the factors known, and what was ignored.
//
// It is plain ASCII ("high against 4.8", not "≥ 4.8"): it is built for every company of every pass,
// and one character outside Latin-1 makes V8 store the whole text two bytes per character.
import { money, oneDecimal, percent } from './format.ts';
import type { Settings } from './settings.ts';
import type { AccountFigures, Action, Quadrant } from './types.ts';

type Explained = Omit<AccountFigures, 'explanation'>;

const QUADRANT_TEXT: Record<Quadrant, string> = { key: 'Key', key_development: 'Key development', maintenance: 'Maintenance', opportunistic: 'Opportunistic' };
const ACTION_TEXT: Record<Action, string> = {
  grow: 'grow it (profitable now and later)',
  cultivate: 'cultivate it (low profit now, high potential)',
  milk: 'milk it (profitable now, little potential)',
  deprioritize: 'deprioritize it (low profit now and later)',
  remove: 'review removing it from the key accounts (low profit now and later)',
};

// "; 3 of 6 factors known)" for every count an axis can have.
const FACTORS_KNOWN = Array.from({ length: 16 }, (_, total) => Array.from({ length: total + 1 }, (_, known) => `; ${known} of ${total} factors known)`));

/** "5.2 (high against 4.8; 3 of 6 factors known)": the value, how it compares, and how much is known. */
function axisText(value: number | null, threshold: number, known: number, total: number, high: string, low: string): string {
  if (value === null) return 'unknown (no factor known)';
  const counts = FACTORS_KNOWN[total]?.[known] ?? `; ${known} of ${total} factors known)`;
  // A value equal to the threshold is high (scoring-model.md §4).
  return oneDecimal(value) + (value >= threshold ? high : low) + oneDecimal(threshold) + counts;
}

function categorySentence(f: Explained, s: Settings): string {
  switch (f.category) {
    case 'target':
      return 'Target account: no deal won yet.';
    case 'lost':
      return `Lost customer: no deal won in the last ${s.lostAfterMonths} months; find out why before winning it back.`;
    case 'key':
      return `Key account (${f.strategic ? 'strategic' : 'large account'}), place ${f.priorityRank} by priority.`;
    default:
      if (f.waitingForKeyPlace) return `Eligible for the key-account list but waiting for a place (all ${s.keyAccountCapacity} are taken).`;
      return `Normal customer: ${f.largeAccount ? 'large' : 'not a large account'} (expected profit with a dedicated team ${money(f.expectedProfitBy.dedicated)} vs target ${money(s.profitTarget)}).`;
  }
}

function walletText(f: Explained): string {
  if (f.wallet === null) return `Wallet unknown, so expected revenue is won revenue plus weighted pipeline: ${money(f.expectedRevenue)}.`;
  const share = f.shareOfWallet === null ? 'share of wallet unknown' : `share of wallet ${percent(f.shareOfWallet)}`;
  return `Wallet ${money(f.wallet)} (${f.walletSource}), ${share}; expected revenue ${money(f.expectedRevenue)}.`;
}

export function explain(f: Explained, settings: Settings): string {
  const a = f.attractiveness;
  const st = f.strength;
  const text =
    `${categorySentence(f, settings)} ${QUADRANT_TEXT[f.quadrant]} quadrant: ` +
    `attractiveness ${axisText(a.value, f.thresholds.attractiveness, a.known, a.total, ' (high against ', ' (low against ')}, ` +
    `strength ${axisText(st.value, f.thresholds.strength, st.known, st.total, ' (strong against ', ' (weak against ')}. ` +
    `${walletText(f)} ` +
    `Expected profit ${money(f.expectedProfit)} at ${oneDecimal(f.marginPct)} % margin with ${f.coverage} coverage (recommended: ${f.recommendedCoverage}); won in the last ${settings.windowMonths} months ${money(f.wonTTM)}; action: ${ACTION_TEXT[f.action]}. ` +
    `Rank ${f.priorityRank} of the portfolio, ${f.tier} tier, lifetime value ${money(f.lifetimeValue)}.`;
  if (f.notes.length === 0) return text;
  const shown = f.notes.slice(0, 5).join('; ');
  return `${text} Ignored: ${shown}${f.notes.length > 5 ? `; and ${f.notes.length - 5} more` : ''}.`;
}
