// What the company card shows, as plain data: the React card (company-card.ts) and the static HTML
// (card-html.ts) both render this, so they cannot disagree. Pure and free of React and HubSpot
// imports because it also ships inside the HubSpot project, where only its relative imports follow it.
import { money, oneDecimal } from '../model/format.ts';
import { DEPTH_INPUT_PROPERTIES, INPUT_PROPERTIES, OUTPUT_PROPERTIES, type PropertyDefinition } from '../model/properties.ts';
import type { WalletSource } from '../model/types.ts';
import { CARD_DEPTH_PROPERTY_NAMES, cardDepth, type CardDepth } from './card-depth.ts';
import { joinAnd, numberOf, text } from './card-text.ts';

/** Property values as HubSpot returns them: strings, null when empty. */
export type CardProperties = Record<string, string | null | undefined>;
export type BadgeVariant = 'default' | 'success' | 'warning' | 'error' | 'info';

export interface CardBadge {
  property: string;
  label: string;
  value: string;
  text: string;
  variant: BadgeVariant;
}

export interface CardFigure {
  property: string;
  label: string;
  value: number | null;
  text: string;
}

export interface CardInput {
  property: string;
  label: string;
  description: string;
  value: string | null;
  /** The value as HubSpot would show it: grouped digits, option labels; null when empty. */
  display: string | null;
  filled: boolean;
  /** Whether filling it makes the figures more precise (overrides such as coverage do not). */
  sharpens: boolean;
}

export interface CardShareOfWallet {
  percent: number | null;
  /** 0–100, for a bar: a share above 100 % (won more than the wallet) fills it. */
  barValue: number;
  text: string;
  source: WalletSource | null;
  sourceText: string;
}

export interface CardViewModel {
  companyName: string | null;
  scored: boolean;
  status: string;
  badges: CardBadge[];
  isKeyAccount: boolean;
  shareOfWallet: CardShareOfWallet;
  figures: CardFigure[];
  explanation: string | null;
  scoredAt: string | null;
  /** Groups, product lines and the relationship stage (§8–§10); null before the first scoring. */
  depth: CardDepth | null;
  inputs: CardInput[];
  missingInputs: CardInput[];
  hint: string | null;
}

const BADGES: { property: string; label: string; variants: Record<string, BadgeVariant> }[] = [
  { property: 'kam_quadrant', label: 'Quadrant', variants: { key: 'success', key_development: 'info', maintenance: 'default', opportunistic: 'warning' } },
  { property: 'kam_category', label: 'Category', variants: { key: 'success', target: 'info', normal: 'default', lost: 'error' } },
  { property: 'kam_tier', label: 'Tier', variants: { platinum: 'success', gold: 'warning', silver: 'info', standard: 'default' } },
  { property: 'kam_action', label: 'Action', variants: { grow: 'success', cultivate: 'info', milk: 'default', deprioritize: 'warning', remove: 'error' } },
];

const WALLET_SOURCE_TEXT: Record<WalletSource, string> = {
  entered: 'wallet entered by the account team',
  estimated: 'wallet estimated from annual revenue',
  partial: "group wallet of the members whose wallet is known",
  unknown: 'wallet unknown',
};

/** Inputs that choose rather than measure: leaving them empty is a valid answer. */
const CHOICES = new Set(['kam_strategic', 'kam_coverage']);

const OUTPUT_NAMES_SHOWN = [
  'kam_quadrant', 'kam_category', 'kam_tier', 'kam_action', 'kam_is_key_account', 'kam_priority_rank',
  'kam_share_of_wallet', 'kam_wallet', 'kam_wallet_source', 'kam_expected_profit', 'kam_lifetime_value',
  'kam_explanation', 'kam_scored_at', 'kam_model_version',
];

/** Every property the card reads, for useCrmProperties (or a batch read). */
export const CARD_PROPERTY_NAMES: readonly string[] = ['name', ...OUTPUT_NAMES_SHOWN, ...INPUT_PROPERTIES.map((p) => p.name), ...CARD_DEPTH_PROPERTY_NAMES];

/**
 * The depth inputs offered for editing once the app writes the depth figures (so their properties
 * exist in the portal): the stage override everywhere, group purchasing on the top of a group.
 */
function depthInputsOf(depth: CardDepth | null): PropertyDefinition[] {
  if (!depth?.written) return [];
  const top = depth.group !== null && depth.group.size > 1 && depth.group.isTop === true;
  return DEPTH_INPUT_PROPERTIES.filter((p) => p.name !== 'kam_purchasing' || top);
}

export function cardViewModel(properties: CardProperties): CardViewModel {
  const badges = BADGES.flatMap((b) => badgeOf(b, text(properties[b.property])));
  const scoredAt = formatInstant(text(properties.kam_scored_at));
  const scored = scoredAt !== null || badges.length > 0;
  const depth = cardDepth(properties, scored);
  const inputs = [...INPUT_PROPERTIES, ...depthInputsOf(depth)].map((p): CardInput => {
    const value = text(properties[p.name]);
    const display = value === null ? null : displayValue(p, value);
    const sharpens = !CHOICES.has(p.name) && !DEPTH_INPUT_PROPERTIES.includes(p);
    return { property: p.name, label: p.label, description: p.description, value, display, filled: value !== null, sharpens };
  });
  const missingInputs = inputs.filter((i) => i.sharpens && !i.filled);
  return {
    companyName: text(properties.name),
    scored,
    status: statusText(scored, scoredAt, text(properties.kam_model_version)),
    badges,
    isKeyAccount: text(properties.kam_is_key_account) === 'true',
    shareOfWallet: shareOfWalletOf(properties),
    figures: figuresOf(properties),
    explanation: text(properties.kam_explanation),
    scoredAt,
    depth,
    inputs,
    missingInputs,
    hint: hintFor(missingInputs),
  };
}

function badgeOf(spec: (typeof BADGES)[number], value: string | null): CardBadge[] {
  if (value === null) return [];
  const option = OUTPUT_PROPERTIES.find((p) => p.name === spec.property)?.options?.find((o) => o.value === value);
  // A value HubSpot holds that our catalog does not know (an older model version) is still shown.
  return [{ property: spec.property, label: spec.label, value, text: option?.label ?? value, variant: spec.variants[value] ?? 'default' }];
}

function shareOfWalletOf(properties: CardProperties): CardShareOfWallet {
  const percent = numberOf(properties.kam_share_of_wallet);
  const wallet = numberOf(properties.kam_wallet);
  const sourceValue = text(properties.kam_wallet_source);
  const source = sourceValue !== null && sourceValue in WALLET_SOURCE_TEXT ? (sourceValue as WalletSource) : null;
  const sourceText = source === null ? 'wallet source not recorded' : WALLET_SOURCE_TEXT[source];
  const barValue = percent === null ? 0 : Math.min(100, Math.max(0, percent));
  const walletText = wallet === null ? '' : ` of a ${money(wallet)} wallet`;
  const textValue = percent === null ? 'Unknown: no wallet to compare with' : `${oneDecimal(percent)} %${walletText}`;
  return { percent, barValue, text: textValue, source, sourceText };
}

function figuresOf(properties: CardProperties): CardFigure[] {
  const rank = numberOf(properties.kam_priority_rank);
  const profit = numberOf(properties.kam_expected_profit);
  const lifetime = numberOf(properties.kam_lifetime_value);
  return [
    { property: 'kam_expected_profit', label: 'Expected profit', value: profit, text: profit === null ? '—' : money(profit) },
    { property: 'kam_lifetime_value', label: 'Lifetime value', value: lifetime, text: lifetime === null ? '—' : money(lifetime) },
    { property: 'kam_priority_rank', label: 'Priority rank', value: rank, text: rank === null ? '—' : `#${Math.round(rank)}` },
  ];
}

function statusText(scored: boolean, scoredAt: string | null, modelVersion: string | null): string {
  if (!scored) return 'Not scored yet: the figures appear after the next scoring pass.';
  const when = scoredAt === null ? 'Scored' : `Scored ${scoredAt}`;
  return modelVersion === null ? when : `${when} · model version ${modelVersion}`;
}

function hintFor(missing: readonly CardInput[]): string | null {
  if (missing.length === 0) return null;
  const named = missing.slice(0, 3).map((i) => i.label);
  const rest = missing.length - named.length;
  const list = rest > 0 ? `${named.join(', ')} and ${rest} more` : joinAnd(named);
  return `${missing.length === 1 ? 'One input' : `${missing.length} inputs`} would sharpen this score: ${list}.`;
}

function displayValue(definition: PropertyDefinition, value: string): string {
  const option = definition.options?.find((o) => o.value === value);
  if (option) return option.label;
  const decimal = /^(-?)(\d+)(\.\d+)?$/.exec(value);
  // A malformed number is shown as entered: the explanation says the model ignored it.
  if (definition.type !== 'number' || !decimal) return value;
  return `${decimal[1] ? '-' : ''}${money(Number(decimal[2]))}${decimal[3] ?? ''}`;
}

/** HubSpot returns datetimes as ISO strings or epoch milliseconds; shown in UTC so every viewer agrees. */
export function formatInstant(value: string | null): string | null {
  if (value === null) return null;
  const date = /^\d+$/.test(value) ? new Date(Number(value)) : new Date(value);
  if (Number.isNaN(date.getTime())) return null;
  const iso = date.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}
