// The company properties the app reads and writes (scoring-model.md §2 and §6), as plain data:
// provisioning creates them, the reader asks for them, the writer fills them.
import { ACTIONS, CATEGORIES, COVERAGES, PURCHASING, QUADRANTS, RELATIONSHIP_STAGES, TIERS, WALLET_SOURCES } from './types.ts';

export interface PropertyOption {
  label: string;
  value: string;
}

export interface PropertyDefinition {
  name: string;
  label: string;
  description: string;
  type: 'number' | 'string' | 'enumeration' | 'bool' | 'datetime';
  fieldType: 'number' | 'text' | 'textarea' | 'select' | 'booleancheckbox' | 'date';
  groupName: string;
  options?: PropertyOption[];
}

export const INPUT_GROUP = { name: 'kam_inputs', label: 'Key account inputs', displayOrder: -1 } as const;
export const OUTPUT_GROUP = { name: 'kam', label: 'Key account management', displayOrder: -1 } as const;

const titleCase = (v: string): string => (v.charAt(0).toUpperCase() + v.slice(1)).replaceAll('_', ' ');
// The quadrant 'key' is "Key (matrix)" and the category 'key' "Key account", so that no filter
// confuses the two (§11).
const QUADRANT_LABELS: Record<string, string> = { key: 'Key (matrix)' };
const CATEGORY_LABELS: Record<string, string> = { key: 'Key account' };
const options = (values: readonly string[], labels: Record<string, string> = {}): PropertyOption[] =>
  values.map((value) => ({ value, label: labels[value] ?? titleCase(value) }));
const BOOL_OPTIONS: PropertyOption[] = [
  { value: 'true', label: 'Yes' },
  { value: 'false', label: 'No' },
];

const num = (group: string, name: string, label: string, description: string): PropertyDefinition => ({
  name, label, description, type: 'number', fieldType: 'number', groupName: group,
});
const enumeration = (group: string, name: string, label: string, description: string, values: readonly string[], labels?: Record<string, string>): PropertyDefinition => ({
  name, label, description, type: 'enumeration', fieldType: 'select', groupName: group, options: options(values, labels),
});
const textProperty = (group: string, name: string, label: string, description: string): PropertyDefinition => ({
  name, label, description, type: 'string', fieldType: 'text', groupName: group,
});
const bool = (group: string, name: string, label: string, description: string): PropertyDefinition => ({
  name, label, description, type: 'bool', fieldType: 'booleancheckbox', groupName: group, options: BOOL_OPTIONS,
});

const ATTR_MANUAL = ['growth', 'financial_stability', 'ease_of_access', 'relationship', 'strategic_fit'] as const;
const STR_MANUAL = ['price', 'service', 'responsiveness', 'relationship', 'innovation'] as const;

const I = INPUT_GROUP.name;
export const INPUT_PROPERTIES: PropertyDefinition[] = [
  num(I, 'kam_category_spend', 'Category spend (wallet)', "The customer's total annual spend in the categories we sell."),
  num(I, 'kam_addressable_pct', 'Addressable share (%)', 'Share of the category spend our product mix can address, 0–100.'),
  num(I, 'kam_target_share_pct', 'Winnable share (%)', 'Share of the potential the account team believes it can win, 0–100; replaces the computed position.'),
  bool(I, 'kam_strategic', 'Strategic account', 'Stays eligible for the key-account list below the profit target.'),
  enumeration(I, 'kam_coverage', 'Coverage model', 'How the account is actually served; empty = the recommended model.', COVERAGES),
  ...ATTR_MANUAL.map((f) => num(I, `kam_attr_${f}`, `Attractiveness: ${titleCase(f).toLowerCase()} (1–10)`, `Manual attractiveness factor, 1 = low, 10 = high.`)),
  ...STR_MANUAL.map((f) => num(I, `kam_str_${f}`, `Our strength: ${titleCase(f).toLowerCase()} (1–10)`, `Our ${f} versus the best competitor, 1 = far worse, 10 = far better.`)),
];

/** Deal input property (created on deals). */
export const DEAL_INPUT_PROPERTIES: PropertyDefinition[] = [
  num('dealinformation', 'kam_gross_margin_pct', 'Gross margin (%)', 'Gross margin of this deal, 0–100; empty = the model default.'),
];

const O = OUTPUT_GROUP.name;
export const OUTPUT_PROPERTIES: PropertyDefinition[] = [
  enumeration(O, 'kam_quadrant', 'KAM quadrant', 'Attractiveness × relative strength.', QUADRANTS, QUADRANT_LABELS),
  enumeration(O, 'kam_category', 'KAM category', 'Target, normal, key account or lost.', CATEGORIES, CATEGORY_LABELS),
  enumeration(O, 'kam_tier', 'KAM value tier', 'Platinum, gold, silver or standard by priority rank.', TIERS),
  enumeration(O, 'kam_action', 'KAM action', 'Grow, cultivate, milk, deprioritize or remove.', ACTIONS),
  bool(O, 'kam_is_key_account', 'Key account', 'On the key-account list (within capacity).'),
  num(O, 'kam_priority_rank', 'KAM priority rank', '1 = highest lifetime value in the portfolio.'),
  num(O, 'kam_priority_score', 'KAM priority score', 'Lifetime value used for the rank.'),
  num(O, 'kam_share_of_wallet', 'Share of wallet (%)', 'Revenue won in the model window (12 months unless changed in the settings) ÷ wallet.'),
  num(O, 'kam_wallet', 'Wallet', "The customer's annual spend in our categories (entered or estimated)."),
  enumeration(O, 'kam_wallet_source', 'Wallet source', 'Entered, estimated from annual revenue, or unknown.', WALLET_SOURCES),
  num(O, 'kam_account_potential', 'Account potential', 'Wallet × addressable share.'),
  num(O, 'kam_expected_revenue', 'Expected revenue', 'Account potential × competitive position.'),
  num(O, 'kam_cost_to_serve', 'Cost to serve', 'Yearly cost of the coverage model used.'),
  num(O, 'kam_expected_profit', 'Expected account profit', 'Expected revenue × margin − cost to serve.'),
  num(O, 'kam_lifetime_value', 'Lifetime value', 'Discounted expected profit over the horizon.'),
  num(O, 'kam_attractiveness', 'Customer attractiveness (1–10)', 'Weighted mean of the known attractiveness factors.'),
  num(O, 'kam_strength', 'Our relative strength (1–10)', 'Weighted mean of the known strength factors.'),
  enumeration(O, 'kam_recommended_coverage', 'Recommended coverage', 'Most intensive coverage model that still reaches the profit target.', COVERAGES),
  { name: 'kam_explanation', label: 'KAM explanation', description: 'Why the account scored as it did.', type: 'string', fieldType: 'textarea', groupName: O },
  { name: 'kam_scored_at', label: 'KAM scored at', description: 'When the figures were computed.', type: 'datetime', fieldType: 'date', groupName: O },
  num(O, 'kam_model_version', 'KAM model version', 'Bumped on every settings change.'),
];

export const OUTPUT_PROPERTY_NAMES: string[] = OUTPUT_PROPERTIES.map((p) => p.name);

/** Company properties the model reads: HubSpot's own plus our inputs. */
export const COMPANY_INPUT_PROPERTY_NAMES: string[] = [
  'name', 'annualrevenue', 'industry', 'hubspot_owner_id',
  ...INPUT_PROPERTIES.map((p) => p.name),
];

/**
 * Deal properties the model reads. `dealstage` is read for no figure of its own: it is what a rep
 * changes when a deal is won or lost (hs_is_closed_won and the probability are calculated from it),
 * so the webhook subscription on it is what tells us.
 */
export const DEAL_INPUT_PROPERTY_NAMES: string[] = [
  'amount', 'amount_in_home_currency', 'closedate', 'dealstage', 'hs_is_closed_won', 'hs_is_closed', 'hs_deal_stage_probability', 'pipeline',
  ...DEAL_INPUT_PROPERTIES.map((p) => p.name),
];

/**
 * Inputs and outputs of account groups, product lines and the relationship stage (§8–§10). Kept
 * apart from the lists above until provisioning creates them in installed portals: a write that
 * names a property the portal does not have fails the whole batch.
 */
export const DEPTH_INPUT_PROPERTIES: PropertyDefinition[] = [
  enumeration(I, 'kam_purchasing', 'Group purchasing', 'On the top company of a group: central (the group buys as one; the default) or branches (each company buys on its own).', PURCHASING),
  enumeration(I, 'kam_relationship_stage_override', 'Relationship stage (override)', 'Replaces the relationship stage worked out from won history, share of wallet and buying roles.', RELATIONSHIP_STAGES),
];

/** Product input property (created on products): the line a product belongs to (§9). */
export const PRODUCT_INPUT_PROPERTIES: PropertyDefinition[] = [
  textProperty('productinformation', 'kam_product_line', 'Product line', 'The product line for share of wallet and whitespace; empty = the product name.'),
];

export const DEPTH_OUTPUT_PROPERTIES: PropertyDefinition[] = [
  textProperty(O, 'kam_group_id', 'KAM group', 'Record ID of the top company of its group (itself when it has no parent).'),
  num(O, 'kam_group_size', 'KAM group size', 'Companies in the group, the top included.'),
  num(O, 'kam_group_share_of_wallet', 'Group share of wallet (%)', "The group's won revenue ÷ its wallet, over the members whose wallet is known."),
  num(O, 'kam_group_expected_profit', 'Group expected profit', "The group's expected revenue × margin − one cost to serve."),
  num(O, 'kam_own_share_of_group', "Share of the group's revenue (%)", "This company's won revenue ÷ the group's; empty when the group won nothing."),
  num(O, 'kam_whitespace_value', 'Whitespace', 'Expected spend per product line (potential × the peer mix) minus our won revenue on it, summed over lines.'),
  textProperty(O, 'kam_whitespace', 'Largest whitespace', 'The three product lines with the largest gaps, as "line: amount".'),
  textProperty(O, 'kam_product_lines_bought', 'Product lines bought', 'Product lines with won revenue in the model window.'),
  enumeration(O, 'kam_relationship_stage', 'Relationship stage', 'Exploratory, basic, cooperative, interdependent or integrated (McDonald).', RELATIONSHIP_STAGES),
  textProperty(O, 'kam_buying_roles_missing', 'Buying roles missing', 'Which of decision maker, champion and executive sponsor no associated contact holds.'),
];

/** Contact properties the model reads (the buying committee, §10). */
export const CONTACT_INPUT_PROPERTY_NAMES: string[] = ['hs_buying_role'];
/** Line item and product properties the model reads (§9). */
export const LINE_ITEM_INPUT_PROPERTY_NAMES: string[] = ['name', 'hs_product_id', 'quantity', 'price', 'amount'];
export const PRODUCT_INPUT_PROPERTY_NAMES: string[] = ['name', 'kam_product_line'];

/** Task property: the marker that makes task creation idempotent across crashes. */
export const TASK_GROUP = { name: 'kam_tasks', label: 'Key account management', displayOrder: -1 } as const;
export const PLAY_KEY_PROPERTY = 'kam_play_key';
export const TASK_PROPERTIES: PropertyDefinition[] = [
  { name: PLAY_KEY_PROPERTY, label: 'KAM play key', description: 'Set by the key-account app: which play created this task.', type: 'string', fieldType: 'text', groupName: TASK_GROUP.name },
];
