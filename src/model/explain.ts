// The plain-language paragraph a rep reads on the company record. Its first sentence states the
// decision and its main reason in at most 160 characters (scoring-model.md §11); the figures that
// decided it follow: the matrix, the wallet, the profit, the group, the relationship, the
// whitespace, and what was ignored.
//
// It is plain ASCII ("high against 4.8", not "≥ 4.8"): it is built for every company of every pass,
// and one character outside Latin-1 makes V8 store the whole text two bytes per character.
import { joinOr, money, oneDecimal, percent } from './format.ts';
import type { ModelSettings } from './settings.ts';
import { RELATIONSHIP_STAGES, type AccountFigures, type Action, type Quadrant, type RelationshipStage } from './types.ts';

type Explained = Omit<AccountFigures, 'explanation'>;

export const FIRST_SENTENCE_MAX = 160;

/** "Key (matrix)" wherever the quadrant could be read as the category "Key account" (§11). */
export const QUADRANT_TEXT: Record<Quadrant, string> = { key: 'Key (matrix)', key_development: 'Key development', maintenance: 'Maintenance', opportunistic: 'Opportunistic' };
const ACTION_TEXT: Record<Action, string> = {
  grow: 'grow it (profitable now and later)',
  cultivate: 'cultivate it (low profit now, high potential)',
  milk: 'milk it (profitable now, little potential)',
  deprioritize: 'deprioritize it (low profit now and later)',
  remove: 'review removing it from the key accounts (low profit now and later)',
};
const ROLE_TEXT: Record<string, string> = { DECISION_MAKER: 'decision maker', CHAMPION: 'champion', EXECUTIVE_SPONSOR: 'executive sponsor' };

// Amounts are formatted with money(v, currency) directly, never through a local
// `const m = (v) => money(v, currency)`: such a closure is allocated on every call, and under tsx
// (esbuild's keepNames) also wrapped in __name, a defineProperty on the new function. For every
// company of every pass that was a tenth of the engine's time.

// "; 3 of 6 factors known)" for every count an axis can have.
const FACTORS_KNOWN = Array.from({ length: 16 }, (_, total) => Array.from({ length: total + 1 }, (_, known) => `; ${known} of ${total} factors known)`));

/** "5.2 (high against 4.8; 3 of 6 factors known)": the value, how it compares, and how much is known. */
function axisText(value: number | null, threshold: number, known: number, total: number, high: string, low: string): string {
  if (value === null) return 'unknown (no factor known)';
  const counts = FACTORS_KNOWN[total]?.[known] ?? `; ${known} of ${total} factors known)`;
  // A value equal to the threshold is high (scoring-model.md §4).
  return oneDecimal(value) + (value >= threshold ? high : low) + oneDecimal(threshold) + counts;
}

const centralGroup = (f: Explained): boolean => f.group !== null && f.group.purchasing === 'central';

/** The rank, and when the expected revenue behind it is only weighted pipeline, that too. */
function rankText(f: Explained): string {
  const won = centralGroup(f) ? f.group!.wonTTM : f.wonTTM;
  const pipeline = centralGroup(f) ? f.group!.weightedPipeline : f.weightedPipeline;
  const alone = won === 0 && pipeline > 0 && !f.positionEntered;
  return `rank ${f.priorityRank} of ${f.portfolioSize}${alone ? ', from pipeline alone' : ''}`;
}

/** The long wording when it fits in 160 characters, else the short one (cut only as a last resort). */
function fit(long: string, short: string): string {
  if (long.length <= FIRST_SENTENCE_MAX) return long;
  return short.length <= FIRST_SENTENCE_MAX ? short : `${short.slice(0, FIRST_SENTENCE_MAX - 4)}...`;
}

/** The decision and its main reason, never contradicting itself without saying why. */
export function firstSentence(f: Explained, s: ModelSettings): string {
  const grp = centralGroup(f) ? ` (group of ${f.group!.size})` : '';
  const rank = rankText(f);
  const dedicated = money(f.expectedProfitBy.dedicated, s.currency);
  if (f.isKeyAccount && f.category === 'target') return fit(`Target account in a key group${grp}: no deal won yet; the group holds a key place, ${rank}.`, `Target in a key group${grp}: no deal won yet; ${rank}.`);
  if (f.isKeyAccount && f.category === 'lost') return fit(`Lost customer in a key group${grp}: no deal won in ${s.lostAfterMonths} months; the group holds a key place, ${rank}.`, `Lost customer in a key group${grp}; ${rank}.`);
  switch (f.category) {
    case 'key':
      if (f.strategic && !f.largeAccount) {
        return fit(`Key account${grp}, kept because it is marked strategic: ${dedicated} expected profit a year with a dedicated team; ${rank}.`, `Key account${grp}, kept because marked strategic; ${rank}.`);
      }
      return fit(`Key account${grp}: ${dedicated} expected profit a year with a dedicated team; ${rank}.`, `Key account${grp}: ${dedicated} with a dedicated team; ${rank}.`);
    case 'target':
      return `Target account: no deal won yet; ${rank}.`;
    case 'lost':
      return fit(`Lost customer${grp}: no deal won in the last ${s.lostAfterMonths} months; find out why before winning it back.`, `Lost customer${grp}: no deal won in ${s.lostAfterMonths} months.`);
    default:
      if (f.waitingForKeyPlace) {
        const why = f.strategic && !f.largeAccount ? 'marked strategic' : `${dedicated} expected profit with a dedicated team`;
        return fit(`Eligible for the key list${grp} (${why}) but all ${s.keyAccountCapacity} places are taken; ${rank}.`, `Eligible for the key list${grp}, waiting for one of ${s.keyAccountCapacity} places; ${rank}.`);
      }
      return fit(
        `Normal customer${grp}: ${dedicated} expected profit a year with a dedicated team, below the ${money(f.profitTarget, s.currency)} target; ${rank}.`,
        `Normal customer${grp}: ${dedicated} with a dedicated team, below ${money(f.profitTarget, s.currency)}; ${rank}.`,
      );
  }
}

function walletText(f: Explained, currency: string | null): string {
  if (f.wallet === null) return `Wallet unknown, so expected revenue is won revenue plus weighted pipeline: ${money(f.expectedRevenue, currency)}.`;
  const share = f.shareOfWallet === null ? 'share of wallet unknown' : `share of wallet ${percent(f.shareOfWallet)}`;
  return `Wallet ${money(f.wallet, currency)} (${f.walletSource}), ${share}; expected revenue ${money(f.expectedRevenue, currency)}.`;
}

function groupText(f: Explained, currency: string | null): string {
  const g = f.group;
  if (!g) return '';
  const who = g.groupId === f.companyId ? 'Top of a group' : `In the group of ${g.groupName ?? 'company'} (${g.groupId})`;
  const how = g.purchasing === 'central' ? 'buying centrally, so matrix, action, rank and tier are the group\'s' : 'whose branches buy on their own';
  const share = g.shareOfWallet === null ? 'share of wallet unknown' : `share of wallet ${percent(g.shareOfWallet)}`;
  const own = g.ownShareOfGroup === null ? '' : `, this company ${percent(g.ownShareOfGroup)} of its revenue`;
  return ` ${who} of ${g.size} companies ${how}: group ${share}, expected profit ${money(g.expectedProfit, currency)}${own}.`;
}

const UNKNOWN_ROLES_TEXT = Object.fromEntries(RELATIONSHIP_STAGES.map((s) => [s, ` Relationship ${s} (roles unknown).`])) as Record<RelationshipStage, string>;

function relationshipText(f: Explained): string {
  const r = f.relationship;
  if (!r.rolesKnown && !r.overridden) return UNKNOWN_ROLES_TEXT[r.stage];
  const stage = `Relationship ${r.stage}${r.overridden ? ' (set by hand)' : ''}`;
  if (!r.missingRoles || r.missingRoles.length === 0) return ` ${stage}.`;
  return ` ${stage}; no ${joinOr(r.missingRoles.map((x) => ROLE_TEXT[x] ?? x))} among the contacts.`;
}

function whitespaceText(f: Explained, currency: string | null): string {
  const w = f.whitespace;
  if (!w || !(w.value >= 0.5)) return '';
  const top = w.lines.filter((l) => l.gap >= 0.5).slice(0, 3).map((l) => `${l.line} ${money(l.gap, currency)}`).join(', ');
  return ` Whitespace ${money(w.value, currency)} (${top}).`;
}

export function explain(f: Explained, settings: ModelSettings): string {
  const currency = settings.currency;
  const a = f.attractiveness;
  const st = f.strength;
  const text =
    `${firstSentence(f, settings)} ${QUADRANT_TEXT[f.quadrant]} quadrant: ` +
    `attractiveness ${axisText(a.value, f.thresholds.attractiveness, a.known, a.total, ' (high against ', ' (low against ')}, ` +
    `strength ${axisText(st.value, f.thresholds.strength, st.known, st.total, ' (strong against ', ' (weak against ')}. ` +
    `${walletText(f, currency)} ` +
    `Expected profit ${money(f.expectedProfit, currency)} at ${oneDecimal(f.marginPct)} % margin with ${f.coverage} coverage (recommended: ${f.recommendedCoverage}); won in the last ${settings.windowMonths} months ${money(f.wonTTM, currency)}; action: ${ACTION_TEXT[f.action]}. ` +
    `${f.tier.charAt(0).toUpperCase()}${f.tier.slice(1)} tier, lifetime value ${money(f.lifetimeValue, currency)}.` +
    groupText(f, currency) + relationshipText(f) + whitespaceText(f, currency);
  if (f.notes.length === 0) return text;
  const shown = f.notes.slice(0, 5).join('; ');
  return `${text} Ignored: ${shown}${f.notes.length > 5 ? `; and ${f.notes.length - 5} more` : ''}.`;
}
