// The plain-language paragraph a rep reads on the company record. Its first sentence states the
// decision and its main reason in at most 160 characters (scoring-model.md §11); the figures that
// decided it follow: the matrix, the wallet, the profit, the group, the relationship, the
// whitespace, and what was ignored.
//
// It is plain ASCII ("high against 4.8", not "≥ 4.8"): it is built for every company of every pass,
// and one character outside Latin-1 makes V8 store the whole text two bytes per character.
import { joinOr, money, oneDecimal, percent } from './format.ts';
import { oncePerSettings } from './once-per-settings.ts';
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

// The fixed words between two figures are joined once, here, rather than for every company: each
// `+` of a long text is a string V8 allocates, and walks again when the text is first read (V8 keeps
// a joined text as a tree of its pieces until then). They are built with phrase(), not + or a
// template: a stored phrase made with + would itself stay a tree, walked piece by piece inside every
// explanation it is part of.

/** The pieces as one flat string: Array.prototype.join writes a single string of the whole length. */
function phrase(...pieces: (string | number)[]): string {
  return pieces.join('');
}

/** " Key (matrix) quadrant: attractiveness " */
const QUADRANT_LEAD = Object.fromEntries(QUADRANTS.map((q) => [q, phrase(' ', QUADRANT_TEXT[q], ' quadrant: attractiveness ')])) as Record<Quadrant, string>;
/** "; action: grow it (profitable now and later). Platinum tier, lifetime value ", by action, then tier. */
const ACTION_THEN_TIER = Object.fromEntries(
  Object.entries(ACTION_TEXT).map(([a, text]) => [a, Object.fromEntries(TIERS.map((t) => [t, phrase('; action: ', text, '. ', t.charAt(0).toUpperCase(), t.slice(1), ' tier, lifetime value ')]))]),
) as Record<Action, Record<Tier, string>>;
/** " (estimated), share of wallet " */
const WALLET_SOURCE_TEXT = Object.fromEntries(WALLET_SOURCES.map((w) => [w, phrase(' (', w, '), share of wallet ')])) as Record<WalletSource, string>;
/** " % margin with shared coverage (recommended: channel); won in the last 12 months ", by coverage, then recommended. */
const marginWords = oncePerSettings(
  (s: ModelSettings): Record<Coverage, Record<Coverage, string>> => Object.fromEntries(
    COVERAGES.map((c) => [c, Object.fromEntries(COVERAGES.map((r) => [r, phrase(' % margin with ', c, ' coverage (recommended: ', r, '); won in the last ', s.windowMonths, ' months ')]))]),
  ) as Record<Coverage, Record<Coverage, string>>,
);

// Amounts are formatted with money(v, currency) directly, never through a local
// `const m = (v) => money(v, currency)`: such a closure is allocated on every call, and under tsx
// (esbuild's keepNames) also wrapped in __name, a defineProperty on the new function. For every
// company of every pass that was a tenth of the engine's time.

/**
 * The words of one axis in the explanation: how its value compares with the threshold, how many of
 * its factors are known, and the words up to the next figure.
 */
class AxisWords {
  /** "; 3 of 6 factors known), strength " by total, then known: every count an axis can have. */
  private readonly counts: string[][];
  private readonly unknown: string;
  // The pass's threshold and its comparison words, kept for the next company (one threshold a pass).
  private threshold = Number.NaN;
  private highAgainst = '';
  private lowAgainst = '';

  constructor(private readonly high: string, private readonly low: string, private readonly after: string) {
    this.counts = Array.from({ length: 16 }, (_, total) => Array.from({ length: total + 1 }, (_, known) => phrase('; ', known, ' of ', total, ' factors known)', after)));
    this.unknown = phrase('unknown (no factor known)', after);
  }

  /** "5.2 (high against 4.8; 3 of 6 factors known), strength ": the value, how it compares, and how much is known. */
  text(value: number | null, threshold: number, known: number, total: number): string {
    if (value === null) return this.unknown;
    if (threshold !== this.threshold) this.setThreshold(threshold);
    const counts = this.counts[total]?.[known] ?? phrase('; ', known, ' of ', total, ' factors known)', this.after);
    // A value equal to the threshold is high (scoring-model.md §4).
    return oneDecimal(value) + (value >= threshold ? this.highAgainst : this.lowAgainst) + counts;
  }

  private setThreshold(threshold: number): void {
    this.threshold = threshold;
    this.highAgainst = phrase(this.high, oneDecimal(threshold));
    this.lowAgainst = phrase(this.low, oneDecimal(threshold));
  }
}

const ATTRACTIVENESS_WORDS = new AxisWords(' (high against ', ' (low against ', ', strength ');
// The wallet sentence follows; it starts with "Wallet" whether the wallet is known or not.
const STRENGTH_WORDS = new AxisWords(' (strong against ', ' (weak against ', '. Wallet ');

const centralGroup = (f: Explained): boolean => f.group !== null && f.group.purchasing === 'central';

// " of 10000." and " of 10000, from pipeline alone.", for the last portfolio size (one a pass).
const rankEnds = { size: -1, plain: '', fromPipeline: '' };

/**
 * "rank 12 of 10000.", the end of every first sentence: the rank, and when the expected revenue
 * behind it is only weighted pipeline, that too.
 */
function rankText(f: Explained): string {
  const won = centralGroup(f) ? f.group!.wonTTM : f.wonTTM;
  const pipeline = centralGroup(f) ? f.group!.weightedPipeline : f.weightedPipeline;
  const alone = won === 0 && pipeline > 0 && !f.positionEntered;
  if (rankEnds.size !== f.portfolioSize) {
    rankEnds.size = f.portfolioSize;
    rankEnds.plain = phrase(' of ', f.portfolioSize, '.');
    rankEnds.fromPipeline = phrase(' of ', f.portfolioSize, ', from pipeline alone.');
  }
  return 'rank ' + f.priorityRank + (alone ? rankEnds.fromPipeline : rankEnds.plain);
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
  const rank = rankText(f); // with the sentence's period
  if (f.isKeyAccount && f.category === 'target') {
    return fitting(`Target account in a key group${grp}: no deal won yet; the group holds a key place, ${rank}`) ?? shortened(`Target in a key group${grp}: no deal won yet; ${rank}`);
  }
  if (f.isKeyAccount && f.category === 'lost') {
    return fitting(`Lost customer in a key group${grp}: no deal won in ${s.lostAfterMonths} months; the group holds a key place, ${rank}`) ?? shortened(`Lost customer in a key group${grp}; ${rank}`);
  }
  switch (f.category) {
    case 'key': {
      const dedicated = money(f.expectedProfitBy.dedicated, s.currency);
      if (f.strategic && !f.largeAccount) {
        return fitting(`Key account${grp}, kept because it is marked strategic: ${dedicated} expected profit a year with a dedicated team; ${rank}`) ?? shortened(`Key account${grp}, kept because marked strategic; ${rank}`);
      }
      return fitting(`Key account${grp}: ${dedicated} expected profit a year with a dedicated team; ${rank}`) ?? shortened(`Key account${grp}: ${dedicated} with a dedicated team; ${rank}`);
    }
    case 'target':
      return `Target account: no deal won yet; ${rank}`;
    case 'lost':
      return fitting(`Lost customer${grp}: no deal won in the last ${s.lostAfterMonths} months; find out why before winning it back.`) ?? shortened(`Lost customer${grp}: no deal won in ${s.lostAfterMonths} months.`);
    default: {
      const dedicated = money(f.expectedProfitBy.dedicated, s.currency);
      if (f.waitingForKeyPlace) {
        const why = f.strategic && !f.largeAccount ? 'marked strategic' : `${dedicated} expected profit with a dedicated team`;
        return fitting(`Eligible for the key list${grp} (${why}) but all ${s.keyAccountCapacity} places are taken; ${rank}`) ?? shortened(`Eligible for the key list${grp}, waiting for one of ${s.keyAccountCapacity} places; ${rank}`);
      }
      const target = money(f.profitTarget, s.currency);
      return fitting(`Normal customer${grp}: ${dedicated} expected profit a year with a dedicated team, below the ${target} target; ${rank}`) ??
        shortened(`Normal customer${grp}: ${dedicated} with a dedicated team, below ${target}; ${rank}`);
    }
  }
}

/** The wallet sentence after its first word "Wallet", up to its final period. */
function walletText(f: Explained, currency: string | null): string {
  if (f.wallet === null) return 'unknown, so expected revenue is won revenue plus weighted pipeline: ' + money(f.expectedRevenue, currency);
  const share = f.shareOfWallet === null ? 'unknown; expected revenue ' : oneDecimal(f.shareOfWallet * 100) + ' %; expected revenue ';
  return money(f.wallet, currency) + WALLET_SOURCE_TEXT[f.walletSource] + share + money(f.expectedRevenue, currency);
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

const UNKNOWN_ROLES_TEXT = Object.fromEntries(RELATIONSHIP_STAGES.map((s) => [s, phrase(' Relationship ', s, ' (roles unknown).')])) as Record<RelationshipStage, string>;
/** ". Relationship basic (roles unknown).": the period before it, for the text without a group sentence. */
const PERIOD_THEN_UNKNOWN_ROLES = Object.fromEntries(RELATIONSHIP_STAGES.map((s) => [s, phrase('.', UNKNOWN_ROLES_TEXT[s])])) as Record<RelationshipStage, string>;

/** The period that ends the tier sentence, then the group and relationship sentences. */
function closingText(f: Explained, currency: string | null): string {
  const r = f.relationship;
  if (f.group === null && !r.rolesKnown && !r.overridden) return PERIOD_THEN_UNKNOWN_ROLES[r.stage];
  return '.' + groupText(f, currency) + relationshipText(f);
}

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
  // Each figure is followed by all the fixed words up to the next one, in one piece.
  const text =
    firstSentence(f, settings) + QUADRANT_LEAD[f.quadrant] +
    ATTRACTIVENESS_WORDS.text(a.value, f.thresholds.attractiveness, a.known, a.total) +
    STRENGTH_WORDS.text(st.value, f.thresholds.strength, st.known, st.total) +
    walletText(f, currency) + '. Expected profit ' + money(f.expectedProfit, currency) + ' at ' + oneDecimal(f.marginPct) +
    marginWords(settings)[f.coverage][f.recommendedCoverage] + money(f.wonTTM, currency) + ACTION_THEN_TIER[f.action][f.tier] + money(f.lifetimeValue, currency) +
    closingText(f, currency) + whitespaceText(f, currency);
  return f.notes.length === 0 ? text : text + ignoredText(f.notes);
}

/** " Ignored: a; b; c." with at most five notes, then how many more (joined without a slice and join). */
function ignoredText(notes: readonly string[]): string {
  let text = ` Ignored: ${notes[0]}`;
  const shown = Math.min(notes.length, 5);
  for (let i = 1; i < shown; i++) text += `; ${notes[i]}`;
  return notes.length > 5 ? `${text}; and ${notes.length - 5} more.` : `${text}.`;
}
