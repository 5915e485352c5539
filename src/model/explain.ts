// The plain-language paragraph a rep reads on the company record. Its first sentence states the
// decision and its main reason in at most 160 characters (scoring-model.md §11); the figures that
// decided it follow: the matrix, the wallet, the profit, the group, the relationship, the
// whitespace, and what was ignored.
//
// It is plain ASCII ("high against 4.8", not "≥ 4.8"): it is built for every company of every pass,
// and one character outside Latin-1 makes V8 store the whole text two bytes per character.
import { joinOr, money, oneDecimal, percent } from './format.ts';
import type { ModelSettings } from './settings.ts';
import {
  COVERAGES, QUADRANTS, RELATIONSHIP_STAGES, TIERS, WALLET_SOURCES, type AccountFigures, type Action, type Coverage, type Quadrant, type RelationshipStage, type Tier,
  type WalletSource,
} from './types.ts';

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

// The fixed words between two figures, joined once here rather than for every company: each `+`
// of a long text is a string V8 allocates, and walks again when the text is first read.
/** " Key (matrix) quadrant: attractiveness " */
const QUADRANT_LEAD = Object.fromEntries(QUADRANTS.map((q) => [q, ` ${QUADRANT_TEXT[q]} quadrant: attractiveness `])) as Record<Quadrant, string>;
/** "; action: grow it (profitable now and later). " */
const ACTION_SENTENCE = Object.fromEntries(Object.entries(ACTION_TEXT).map(([a, text]) => [a, `; action: ${text}. `])) as Record<Action, string>;
/** "Platinum tier, lifetime value " */
const TIER_LEAD = Object.fromEntries(TIERS.map((t) => [t, `${t.charAt(0).toUpperCase()}${t.slice(1)} tier, lifetime value `])) as Record<Tier, string>;
/** " (estimated), share of wallet " */
const WALLET_SOURCE_TEXT = Object.fromEntries(WALLET_SOURCES.map((w) => [w, ` (${w}), share of wallet `])) as Record<WalletSource, string>;
/** " % margin with shared coverage (recommended: channel); won in the last ", by coverage, then recommended. */
const COVERAGE_TEXT = Object.fromEntries(
  COVERAGES.map((c) => [c, Object.fromEntries(COVERAGES.map((r) => [r, ` % margin with ${c} coverage (recommended: ${r}); won in the last `]))]),
) as Record<Coverage, Record<Coverage, string>>;

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

// A first sentence is `fitting(long) ?? shortened(short)`: the short wording is built only when the
// long one does not fit, which is rare.

/** The long wording when it fits in 160 characters, else null. */
function fitting(long: string): string | null {
  return long.length <= FIRST_SENTENCE_MAX ? long : null;
}

/** The short wording, cut only as a last resort. */
function shortened(short: string): string {
  return short.length <= FIRST_SENTENCE_MAX ? short : `${short.slice(0, FIRST_SENTENCE_MAX - 4)}...`;
}

/** The decision and its main reason, never contradicting itself without saying why. */
export function firstSentence(f: Explained, s: ModelSettings): string {
  const grp = centralGroup(f) ? ` (group of ${f.group!.size})` : '';
  const rank = rankText(f);
  if (f.isKeyAccount && f.category === 'target') {
    return fitting(`Target account in a key group${grp}: no deal won yet; the group holds a key place, ${rank}.`) ?? shortened(`Target in a key group${grp}: no deal won yet; ${rank}.`);
  }
  if (f.isKeyAccount && f.category === 'lost') {
    return fitting(`Lost customer in a key group${grp}: no deal won in ${s.lostAfterMonths} months; the group holds a key place, ${rank}.`) ?? shortened(`Lost customer in a key group${grp}; ${rank}.`);
  }
  switch (f.category) {
    case 'key': {
      const dedicated = money(f.expectedProfitBy.dedicated, s.currency);
      if (f.strategic && !f.largeAccount) {
        return fitting(`Key account${grp}, kept because it is marked strategic: ${dedicated} expected profit a year with a dedicated team; ${rank}.`) ?? shortened(`Key account${grp}, kept because marked strategic; ${rank}.`);
      }
      return fitting(`Key account${grp}: ${dedicated} expected profit a year with a dedicated team; ${rank}.`) ?? shortened(`Key account${grp}: ${dedicated} with a dedicated team; ${rank}.`);
    }
    case 'target':
      return `Target account: no deal won yet; ${rank}.`;
    case 'lost':
      return fitting(`Lost customer${grp}: no deal won in the last ${s.lostAfterMonths} months; find out why before winning it back.`) ?? shortened(`Lost customer${grp}: no deal won in ${s.lostAfterMonths} months.`);
    default: {
      const dedicated = money(f.expectedProfitBy.dedicated, s.currency);
      if (f.waitingForKeyPlace) {
        const why = f.strategic && !f.largeAccount ? 'marked strategic' : `${dedicated} expected profit with a dedicated team`;
        return fitting(`Eligible for the key list${grp} (${why}) but all ${s.keyAccountCapacity} places are taken; ${rank}.`) ?? shortened(`Eligible for the key list${grp}, waiting for one of ${s.keyAccountCapacity} places; ${rank}.`);
      }
      const target = money(f.profitTarget, s.currency);
      return fitting(`Normal customer${grp}: ${dedicated} expected profit a year with a dedicated team, below the ${target} target; ${rank}.`) ??
        shortened(`Normal customer${grp}: ${dedicated} with a dedicated team, below ${target}; ${rank}.`);
    }
  }
}

function walletText(f: Explained, currency: string | null): string {
  if (f.wallet === null) return `Wallet unknown, so expected revenue is won revenue plus weighted pipeline: ${money(f.expectedRevenue, currency)}.`;
  const share = f.shareOfWallet === null ? 'unknown; expected revenue ' : `${oneDecimal(f.shareOfWallet * 100)} %; expected revenue `;
  return 'Wallet ' + money(f.wallet, currency) + WALLET_SOURCE_TEXT[f.walletSource] + share + money(f.expectedRevenue, currency) + '.';
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
    firstSentence(f, settings) + QUADRANT_LEAD[f.quadrant] +
    axisText(a.value, f.thresholds.attractiveness, a.known, a.total, ' (high against ', ' (low against ') + ', strength ' +
    axisText(st.value, f.thresholds.strength, st.known, st.total, ' (strong against ', ' (weak against ') + '. ' +
    walletText(f, currency) + ' Expected profit ' + money(f.expectedProfit, currency) + ' at ' + oneDecimal(f.marginPct) +
    COVERAGE_TEXT[f.coverage][f.recommendedCoverage] + settings.windowMonths + ' months ' + money(f.wonTTM, currency) + ACTION_SENTENCE[f.action] +
    TIER_LEAD[f.tier] + money(f.lifetimeValue, currency) + '.' +
    groupText(f, currency) + relationshipText(f) + whitespaceText(f, currency);
  return f.notes.length === 0 ? text : text + ignoredText(f.notes);
}

/** " Ignored: a; b; c." with at most five notes, then how many more (joined without a slice and join). */
function ignoredText(notes: readonly string[]): string {
  let text = ` Ignored: ${notes[0]}`;
  const shown = Math.min(notes.length, 5);
  for (let i = 1; i < shown; i++) text += `; ${notes[i]}`;
  return notes.length > 5 ? `${text}; and ${notes.length - 5} more.` : `${text}.`;
}
