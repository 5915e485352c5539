// A page of accounts as a HubSpot table, each company linking to its record. The columns depend on
// the list: the key list shows rank and plan figures, the low-profit list revenue and margin, the
// groups list the group's own figures; a company's group links to the list of its members.
import { type ReactElement } from 'react';
import { Link, Table, TableBody, TableCell, TableHead, TableHeader, TableRow, Tag, Text } from '@hubspot/ui-extensions';
import { PageLink } from '@hubspot/ui-extensions/pages';
import { h } from './element.ts';
import type { AccountRow, CompanyRef } from '../api-contract.ts';
import { label, moneyText, percentText } from './labels.ts';

export type AccountColumn =
  | 'rank' | 'quadrant' | 'category' | 'tier' | 'action' | 'expectedProfit' | 'lifetimeValue' | 'wonTTM' | 'marginPct' | 'coverage'
  | 'group' | 'whitespace' | 'groupSize' | 'groupShareOfWallet' | 'groupExpectedProfit' | 'groupWhitespace' | 'ownShareOfGroup';

export const FULL_COLUMNS: readonly AccountColumn[] = ['rank', 'quadrant', 'category', 'tier', 'action', 'expectedProfit', 'lifetimeValue', 'whitespace', 'group'];
export const LOW_PROFIT_COLUMNS: readonly AccountColumn[] = ['wonTTM', 'marginPct', 'expectedProfit', 'coverage'];
/** The groups list: one row per group, its top company's. */
export const GROUP_COLUMNS: readonly AccountColumn[] = ['rank', 'groupSize', 'tier', 'action', 'groupShareOfWallet', 'groupExpectedProfit', 'groupWhitespace'];
/** A group's members: each one's part of the group beside its own figures. */
export const MEMBER_COLUMNS: readonly AccountColumn[] = ['rank', 'quadrant', 'category', 'tier', 'action', 'ownShareOfGroup', 'expectedProfit', 'whitespace'];

const HEADINGS: Record<AccountColumn, string> = {
  rank: 'Rank', quadrant: 'Quadrant', category: 'Category', tier: 'Tier', action: 'Action', expectedProfit: 'Expected profit',
  lifetimeValue: 'Lifetime value', wonTTM: 'Won in the revenue window', marginPct: 'Margin', coverage: 'Coverage (recommended)',
  group: 'Group', whitespace: 'Whitespace (largest line)', groupSize: 'Companies', groupShareOfWallet: 'Group share of wallet',
  groupExpectedProfit: 'Group expected profit', groupWhitespace: 'Group whitespace', ownShareOfGroup: "Share of the group's revenue",
};

const NUMERIC = new Set<AccountColumn>(['rank', 'expectedProfit', 'lifetimeValue', 'wonTTM', 'marginPct', 'whitespace', 'groupSize', 'groupShareOfWallet', 'groupExpectedProfit', 'groupWhitespace', 'ownShareOfGroup']);

/** "9,000,000 (Licences)"; a dash where the app has no whitespace figure. */
export function whitespaceText(a: Pick<AccountRow, 'whitespace' | 'whitespaceLine'>, currency: string | null): string {
  if (a.whitespace === null) return '—';
  return a.whitespaceLine === null ? moneyText(a.whitespace, currency) : `${moneyText(a.whitespace, currency)} (${a.whitespaceLine})`;
}

/** The company's group, linking to the list of its members; a dash for a company alone. */
function GroupCell({ row }: { row: AccountRow }): ReactElement | string {
  const g = row.group;
  if (g === null) return '—';
  const name = g.groupId === row.companyId ? `Top of ${g.size}` : `${g.name} (${g.size})`;
  return h(PageLink, { to: '/accounts', params: { list: 'all', group: g.groupId }, testId: `group-${row.companyId}` }, name);
}

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
    case 'group': return h(GroupCell, { row: a });
    case 'whitespace': return whitespaceText(a, currency);
    case 'groupSize': return a.group === null ? '1' : h(PageLink, { to: '/accounts', params: { list: 'all', group: a.group.groupId }, testId: `members-${a.group.groupId}` }, String(a.group.size));
    case 'groupShareOfWallet': return a.group?.shareOfWalletPct == null ? '—' : percentText(a.group.shareOfWalletPct);
    case 'groupExpectedProfit': return moneyText(a.group?.expectedProfit ?? a.expectedProfit, currency);
    case 'groupWhitespace': return a.group?.whitespace == null ? '—' : moneyText(a.group.whitespace, currency);
    case 'ownShareOfGroup': return a.group?.ownSharePct == null ? '—' : percentText(a.group.ownSharePct);
  }
}

/** Whitespace and group columns only where some row of the page has a figure for them (a portal without line items or parent links has none). */
function shownColumns(columns: readonly AccountColumn[], accounts: readonly AccountRow[]): AccountColumn[] {
  return columns.filter((c) => (c === 'whitespace' ? accounts.some((a) => a.whitespace !== null) : c === 'group' ? accounts.some((a) => a.group !== null) : true));
}

export function AccountTable({ accounts, columns: asked, currency, testId, empty }: {
  accounts: readonly AccountRow[];
  columns: readonly AccountColumn[];
  currency: string | null;
  testId: string;
  empty: string;
}): ReactElement {
  if (accounts.length === 0) return h(Text, { testId, variant: 'microcopy' }, empty);
  const columns = shownColumns(asked, accounts);
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
