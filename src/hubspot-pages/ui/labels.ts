// The words and number formats of the app home and settings pages: enumeration values in the labels
// HubSpot shows for our properties (so a page and a company view say the same), money with the
// portal's currency where known, and the titles of the account lists.
import type { AccountList } from '../api-contract.ts';
import { money, oneDecimal } from '../../model/format.ts';
import { OUTPUT_PROPERTIES } from '../../model/properties.ts';
import type { Category, Coverage, Quadrant, Tier, Action } from '../../model/types.ts';

const PROPERTY_OF = { quadrant: 'kam_quadrant', category: 'kam_category', tier: 'kam_tier', action: 'kam_action', coverage: 'kam_recommended_coverage' } as const;

type Vocabulary = { quadrant: Quadrant; category: Category; tier: Tier; action: Action; coverage: Coverage };

/** 'key_development' → 'Key development', as the property's option says. */
export function label<K extends keyof Vocabulary>(kind: K, value: Vocabulary[K]): string {
  const property = OUTPUT_PROPERTIES.find((p) => p.name === PROPERTY_OF[kind]);
  return property?.options?.find((o) => o.value === value)?.label ?? value;
}

/** 1234567.8 → '1,234,568 EUR' (no code when the portal's currency is unknown). */
export function moneyText(value: number, currency: string | null): string {
  return currency ? `${money(value)} ${currency}` : money(value);
}

export function percentText(value: number): string {
  return `${oneDecimal(value)} %`;
}

export function countText(n: number, one: string, many = `${one}s`): string {
  return `${money(n)} ${n === 1 ? one : many}`;
}

/** An ISO instant as 'YYYY-MM-DD HH:MM UTC', so every viewer reads the same. */
export function instantText(iso: string | null): string {
  if (iso === null) return 'never';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const text = date.toISOString();
  return `${text.slice(0, 10)} ${text.slice(11, 16)} UTC`;
}

export function listTitle(list: AccountList): string {
  switch (list) {
    case 'all': return 'All companies';
    case 'key-list': return 'Key accounts';
    case 'waiting': return 'Eligible accounts waiting for a key place';
    case 'high-revenue-low-profit': return 'High revenue, low profit';
    case 'groups': return 'Groups of companies';
    default: {
      const [kind, value] = list.split(':') as ['quadrant' | 'category' | 'tier', string];
      const heading = { quadrant: 'Quadrant', category: 'Category', tier: 'Tier' }[kind];
      return `${heading}: ${label(kind, value as never)}`;
    }
  }
}
