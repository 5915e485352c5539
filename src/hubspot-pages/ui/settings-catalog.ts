// What each model setting means, in an admin's words, and how the settings page edits it. Keyed by
// the setting's dot path (the server lists every leaf); a setting this catalog does not know yet is
// still shown, as JSON under its path, so a new model setting is never hidden from the admin.
import { ATTRACTIVENESS_FACTORS, STRENGTH_FACTORS } from '../../model/types.ts';

export type FieldKind =
  | 'integer' | 'number' | 'percent' | 'money' | 'fraction' | 'boolean'
  /** A number or the portfolio average. */
  | 'threshold'
  /** A number or 'auto' (the portfolio gives it). */
  | 'profit-target'
  /** A number, or empty for none. */
  | 'optional-number'
  /** A text, or empty for none. */
  | 'optional-text'
  /** A list of yearly costs. */
  | 'money-list'
  /** Industry → ratio. */
  | 'ratio-map'
  | 'json';

export interface SettingDescription {
  label: string;
  meaning: string;
  kind: FieldKind;
}

export interface SettingsSection {
  id: string;
  title: string;
  /** Paths of the section's settings, in the order shown; a path ending in `.*` takes every field under it. */
  paths: readonly string[];
}

const title = (factor: string): string => (factor.charAt(0).toUpperCase() + factor.slice(1)).replaceAll('_', ' ');

const FACTOR_MEANING: Record<string, string> = {
  size: 'account potential: the wallet we can address (derived from the figures)',
  growth: 'growth of won revenue and pipeline (derived from the figures)',
  financial_stability: "the company's financial stability (entered on the company)",
  ease_of_access: 'how easy it is to reach the decision makers (entered)',
  relationship: 'the quality of the relationship (entered, or from the relationship stage)',
  strategic_fit: 'how well the company fits our strategy (entered)',
  share_of_wallet: 'our share of its wallet (derived)',
  win_rate: 'won deals out of closed deals over 24 months (derived)',
  price: 'our price versus the best competitor (entered)',
  service: 'our service versus the best competitor (entered)',
  responsiveness: 'our responsiveness versus the best competitor (entered)',
  innovation: 'our innovation versus the best competitor (entered)',
};

const COVERAGE_TEXT: Record<string, string> = {
  dedicated: 'a dedicated account team',
  shared: 'a shared account team',
  channel: 'partners or inside sales',
};

const PLAY_TEXT: Record<string, string> = {
  accountPlan: 'Write the account plan, when a company becomes a key account',
  assignManager: 'Assign a key-account manager, when a key account has none',
  quarterlyReview: 'Quarterly review of each key account',
  lostReview: 'Find out why a customer was lost',
  removalReview: 'Review a key account the model would remove',
  keyDevelopmentPlan: 'Plan how to win a stronger position at an attractive company',
  buyingCommittee: 'Map the buying committee of a key account that lacks a decision maker, champion or executive sponsor',
};

function catalog(): Record<string, SettingDescription> {
  const entries: Record<string, SettingDescription> = {
    windowMonths: { label: 'Revenue window (months)', meaning: 'Won revenue, margin and share of wallet are measured over this many months up to today.', kind: 'integer' },
    lostAfterMonths: { label: 'Lost after (months)', meaning: 'A customer with no won deal for this many months counts as lost.', kind: 'integer' },
    defaultMarginPct: { label: 'Default gross margin (%)', meaning: "The margin of a won deal whose own margin is not entered, and of a company that has won nothing yet.", kind: 'percent' },
    defaultAddressablePct: { label: 'Addressable share of the wallet (%)', meaning: "How much of a company's category spend we can sell into, unless the company says otherwise.", kind: 'percent' },
    'walletFromRevenue.default': { label: 'Wallet estimate: share of annual revenue', meaning: "Where no category spend is entered, the wallet is the company's annual revenue times this ratio (0.02 = 2 %). Empty: no estimate, the wallet stays unknown.", kind: 'optional-number' },
    'walletFromRevenue.byIndustry': { label: 'Wallet estimate by industry', meaning: "Ratios for particular industries (HubSpot's industry values), one per line as INDUSTRY = ratio; they replace the default ratio.", kind: 'ratio-map' },
    profitTarget: { label: 'Profit target (per year)', meaning: "Expected yearly profit an account must reach, after its cost to serve, to be a large account (eligible for the key list) and to justify a more intensive coverage. Automatic: the portfolio sets it, so about as many customers pass as there are key places.", kind: 'profit-target' },
    currency: { label: 'Currency', meaning: "A three-letter code (EUR, USD) shown with every amount. Empty: the portal's company currency as HubSpot names it (read at install and before each full pass).", kind: 'optional-text' },
    'hubspotAccountFields.write': { label: "Mark key accounts in HubSpot's own fields", meaning: "Key accounts become HubSpot target accounts (Target accounts home, ABM tools) and tiers its ideal customer profile: platinum tier 1, gold tier 2, silver tier 3. A value someone set by hand stays. Off: these fields are never touched.", kind: 'boolean' },
    'hubspotAccountFields.overwriteByHand': { label: 'Also replace values set by hand', meaning: "Whether our choice replaces a target-account or ideal-customer-profile value that someone set by hand (one that differs from the value the app last wrote).", kind: 'boolean' },
    keyAccountCapacity: { label: 'Key-account places', meaning: 'How many key accounts the team can serve. Eligible accounts beyond it wait, best first.', kind: 'integer' },
    'thresholds.attractiveness': { label: 'High attractiveness from', meaning: 'An attractiveness score (1–10) from this value up counts as high in the matrix; or the portfolio average.', kind: 'threshold' },
    'thresholds.strength': { label: 'Strong position from', meaning: 'A strength score (1–10) from this value up counts as strong in the matrix; or the portfolio average.', kind: 'threshold' },
    'tiers.platinumPct': { label: 'Platinum: top share of the ranking (%)', meaning: 'The best-ranked companies, by lifetime value, that are platinum.', kind: 'percent' },
    'tiers.goldPct': { label: 'Gold: next share (%)', meaning: 'The next share of the ranking that is gold.', kind: 'percent' },
    'tiers.silverPct': { label: 'Silver: next share (%)', meaning: 'The next share that is silver; the rest is standard. The three shares add up to at most 100 %.', kind: 'percent' },
    'lifetimeValue.horizonYears': { label: 'Lifetime value: years', meaning: 'How many years of expected profit the lifetime value adds up.', kind: 'integer' },
    'lifetimeValue.retention': { label: 'Lifetime value: yearly retention', meaning: 'The chance a customer stays from one year to the next (0.85 = 85 %).', kind: 'fraction' },
    'lifetimeValue.discountRate': { label: 'Lifetime value: discount rate', meaning: "What next year's profit is worth less than this year's (0.10 = 10 %).", kind: 'fraction' },
  };
  for (const f of ATTRACTIVENESS_FACTORS) {
    entries[`attractivenessWeights.${f}`] = { label: `Attractiveness: ${title(f).toLowerCase()}`, meaning: `Weight (0–10) of ${FACTOR_MEANING[f] ?? f} in the attractiveness score; 0 leaves it out.`, kind: 'number' };
  }
  for (const f of STRENGTH_FACTORS) {
    entries[`strengthWeights.${f}`] = { label: `Strength: ${title(f).toLowerCase()}`, meaning: `Weight (0–10) of ${FACTOR_MEANING[f] ?? f} in our strength score; 0 leaves it out.`, kind: 'number' };
  }
  for (const [model, text] of Object.entries(COVERAGE_TEXT)) {
    const name = title(model);
    entries[`coverage.${model}.roles`] = { label: `${name} coverage: yearly cost of each role`, meaning: `The yearly cost of each person in ${text}, separated by commas.`, kind: 'money-list' };
    entries[`coverage.${model}.overheadPct`] = { label: `${name} coverage: overhead (%)`, meaning: `Overhead on top of the roles' cost for ${text}.`, kind: 'percent' };
    entries[`coverage.${model}.accountsPerTeam`] = { label: `${name} coverage: accounts per team`, meaning: `How many accounts one such team serves; the cost to serve an account is the team's cost divided by it.`, kind: 'number' };
  }
  for (const [play, text] of Object.entries(PLAY_TEXT)) {
    entries[`plays.${play}.enabled`] = { label: `${text}: create the task`, meaning: 'Whether the app creates this task in the owner\'s task queue.', kind: 'boolean' };
    entries[`plays.${play}.dueDays`] = { label: `${text}: due after (days)`, meaning: 'The task is due this many days after it is created.', kind: 'integer' };
  }
  entries['plays.quarterlyReview.everyDays'] = { label: 'Quarterly review: every (days)', meaning: 'How often the review task comes back for each key account.', kind: 'integer' };
  return entries;
}

export const SETTING_DESCRIPTIONS: Readonly<Record<string, SettingDescription>> = catalog();

export const SETTINGS_SECTIONS: readonly SettingsSection[] = [
  { id: 'key-list', title: 'Key accounts', paths: ['profitTarget', 'keyAccountCapacity', 'hubspotAccountFields.*'] },
  { id: 'revenue', title: 'Revenue, margin and wallet', paths: ['windowMonths', 'lostAfterMonths', 'defaultMarginPct', 'defaultAddressablePct', 'walletFromRevenue.*', 'currency'] },
  { id: 'coverage', title: 'Cost to serve', paths: ['coverage.*'] },
  { id: 'attractiveness', title: 'Attractiveness weights', paths: ['attractivenessWeights.*'] },
  { id: 'strength', title: 'Strength weights', paths: ['strengthWeights.*'] },
  { id: 'matrix', title: 'Matrix and tiers', paths: ['thresholds.*', 'tiers.*'] },
  { id: 'lifetime', title: 'Lifetime value', paths: ['lifetimeValue.*'] },
  { id: 'plays', title: 'Tasks (plays)', paths: ['plays.*'] },
];

/** What the page says about a setting: the catalog's words, or its path for one the catalog does not know. */
export function describeSetting(path: string, value: unknown): SettingDescription {
  const known = SETTING_DESCRIPTIONS[path];
  if (known) return known;
  const kind: FieldKind = typeof value === 'boolean' ? 'boolean' : typeof value === 'number' ? 'number' : 'json';
  return { label: path, meaning: 'A setting this page has no description for yet; it is edited as its JSON value.', kind };
}

/** The section a field belongs to ('other' when none claims it). */
export function sectionOf(path: string): string {
  for (const section of SETTINGS_SECTIONS) {
    for (const p of section.paths) {
      if (p === path || (p.endsWith('.*') && path.startsWith(p.slice(0, -1)))) return section.id;
    }
  }
  return 'other';
}
