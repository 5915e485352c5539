// A page of accounts as a HubSpot table, each company linking to its record. The columns depend on
// the list: the key list shows rank and plan figures, the low-profit list revenue and margin.
import { type ReactElement } from 'react';
import { Link, Table, TableBody, TableCell, TableHead, TableHeader, TableRow, Tag, Text } from '@hubspot/ui-extensions';
import { h } from './element.ts';
import type { AccountRow, CompanyRef } from '../api-contract.ts';
import { label, moneyText, percentText } from './labels.ts';

export type AccountColumn = 'rank' | 'quadrant' | 'category' | 'tier' | 'action' | 'expectedProfit' | 'lifetimeValue' | 'wonTTM' | 'marginPct' | 'coverage';

export const FULL_COLUMNS: readonly AccountColumn[] = ['rank', 'quadrant', 'category', 'tier', 'action', 'expectedProfit', 'lifetimeValue'];
export const LOW_PROFIT_COLUMNS: readonly AccountColumn[] = ['wonTTM', 'marginPct', 'expectedProfit', 'coverage'];

const HEADINGS: Record<AccountColumn, string> = {
  rank: 'Rank', quadrant: 'Quadrant', category: 'Category', tier: 'Tier', action: 'Action', expectedProfit: 'Expected profit',
  lifetimeValue: 'Lifetime value', wonTTM: 'Won in the revenue window', marginPct: 'Margin', coverage: 'Coverage (recommended)',
};

const NUMERIC = new Set<AccountColumn>(['rank', 'expectedProfit', 'lifetimeValue', 'wonTTM', 'marginPct']);

/** The company's name, linking to its record in HubSpot. */
export function CompanyLink({ company }: { company: CompanyRef }): ReactElement {
  return h(Link, { href: company.recordUrl }, company.name);
}

function cell(column: AccountColumn, a: AccountRow, currency: string | null): ReactElement | string {
  switch (column) {
    case 'rank': return `#${a.priorityRank}`;
    case 'quadrant': return label('quadrant', a.quadrant);
    case 'category': return label('category', a.category);
    case 'tier': return label('tier', a.tier);
    case 'action': return label('action', a.action);
    case 'expectedProfit': return moneyText(a.expectedProfit, currency);
    case 'lifetimeValue': return moneyText(a.lifetimeValue, currency);
    case 'wonTTM': return moneyText(a.wonTTM, currency);
    case 'marginPct': return percentText(a.marginPct);
    case 'coverage': return a.coverage === a.recommendedCoverage ? label('coverage', a.coverage) : `${label('coverage', a.coverage)} (${label('coverage', a.recommendedCoverage)})`;
  }
}

export function AccountTable({ accounts, columns, currency, testId, empty }: {
  accounts: readonly AccountRow[];
  columns: readonly AccountColumn[];
  currency: string | null;
  testId: string;
  empty: string;
}): ReactElement {
  if (accounts.length === 0) return h(Text, { testId, variant: 'microcopy' }, empty);
  return h(Table, { bordered: true, density: 'condensed', testId },
    h(TableHead, null, h(TableRow, null,
      h(TableHeader, { key: 'company' }, 'Company'),
      ...columns.map((c) => h(TableHeader, { key: c, align: NUMERIC.has(c) ? 'right' : 'left' }, HEADINGS[c])))),
    h(TableBody, null, ...accounts.map((a) => h(TableRow, { key: a.companyId },
      h(TableCell, { key: 'company' },
        h(CompanyLink, { company: a }),
        a.strategic ? h(Tag, { variant: 'info', inline: true }, 'Strategic') : null),
      ...columns.map((c) => h(TableCell, { key: c, align: NUMERIC.has(c) ? 'right' : 'left' }, cell(c, a, currency)))))));
}
