// One account list (a quadrant, a category, a tier, the key list, who waits, high revenue / low
// profit, the groups), optionally only the companies of one group, a page at a time from the server. Pages are walked with the server's cursors, kept so
// that Previous needs no new cursor; the browser holds one page, never the whole list.
import { useState, type ReactElement } from 'react';
import { Alert, Button, ButtonRow, Flex, LoadingSpinner, Text } from '@hubspot/ui-extensions';
import { h } from './element.ts';
import { PageBreadcrumbs, PageLink, PageTitle, usePageRoute } from '@hubspot/ui-extensions/pages';
import { AccountListSchema, GroupFilterSchema, type AccountList, type AccountRow } from '../api-contract.ts';
import { AccountTable, FULL_COLUMNS, GROUP_COLUMNS, LOW_PROFIT_COLUMNS, MEMBER_COLUMNS, type AccountColumn } from './account-table.ts';
import { BackendErrorView } from './backend-error-view.ts';
import { money } from '../../model/format.ts';
import { countText, listTitle, percentText } from './labels.ts';
import { useBackend } from './use-backend.ts';

export const LIST_PAGE_SIZE = 50;

export function AccountListRoute(): ReactElement {
  const route = usePageRoute();
  // A group alone shows all of its companies.
  const parsed = AccountListSchema.safeParse(route.params.list ?? (route.params.group === undefined ? undefined : 'all'));
  if (!parsed.success) {
    return h(Flex, { direction: 'column', gap: 'md' },
      h(Breadcrumbs, { title: 'Unknown list' }),
      h(Alert, { title: 'No such list', variant: 'warning', testId: 'unknown-list' }, `"${route.params.list ?? ''}" is not a list this app keeps. Go back to the portfolio.`));
  }
  const groupParam = route.params.group;
  const group = groupParam === undefined ? null : GroupFilterSchema.safeParse(groupParam);
  if (group !== null && !group.success) {
    return h(Flex, { direction: 'column', gap: 'md' },
      h(Breadcrumbs, { title: 'Unknown group' }),
      h(Alert, { title: 'No such group', variant: 'warning', testId: 'unknown-group' }, `"${groupParam}" is not a company id. Open a group from the portfolio's list of groups.`));
  }
  // A new list (or group) starts on its first page.
  const groupId = group?.data ?? null;
  return h(AccountListView, { key: `${parsed.data}|${groupId ?? ''}`, list: parsed.data, group: groupId });
}

function columnsFor(list: AccountList, group: string | null): readonly AccountColumn[] {
  if (list === 'high-revenue-low-profit') return LOW_PROFIT_COLUMNS;
  if (list === 'groups') return GROUP_COLUMNS;
  return group === null ? FULL_COLUMNS : MEMBER_COLUMNS;
}

/** "Key accounts · group of Northwind Holdings", named by the top company once a row says it. */
function titleOf(list: AccountList, group: string | null, rows: readonly AccountRow[]): string {
  if (group === null) return listTitle(list);
  const name = rows.find((r) => r.group !== null)?.group?.name ?? rows[0]?.name ?? `company ${group}`;
  return list === 'all' ? `Group of ${name}` : `${listTitle(list)} · group of ${name}`;
}

/** How the group buys and its own figures, from the group its rows carry. */
function GroupLine({ rows }: { rows: readonly AccountRow[] }): ReactElement | null {
  const g = rows.find((r) => r.group !== null)?.group;
  if (!g) return null;
  const how = g.purchasing === 'central'
    ? 'The group buys as one: it is ranked once and takes one key place, and each company carries its quadrant, action, rank and tier.'
    : 'Each company of the group buys on its own and is ranked on its own.';
  const share = g.shareOfWalletPct === null ? 'unknown' : percentText(g.shareOfWalletPct);
  const whitespace = g.whitespace === null ? '' : `, whitespace ${money(g.whitespace)}`;
  return h(Text, { testId: 'group-line' }, `${how} Group share of wallet ${share}, expected profit ${money(g.expectedProfit)}${whitespace}.`);
}

const emptyText = (group: string | null): string =>
  group === null ? 'No account in this list.' : 'No company of this group is in this list (or the group is not in the portfolio any more).';

function Breadcrumbs({ title }: { title: string }): ReactElement {
  return h(PageBreadcrumbs, null, h(PageBreadcrumbs.PageLink, { to: '/' }, 'Key accounts'), h(PageBreadcrumbs.Current, null, title));
}

export function AccountListView({ list, group = null }: { list: AccountList; group?: string | null }): ReactElement {
  // cursors[i] is the cursor of page i (null for the first).
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const pageIndex = cursors.length - 1;
  const cursor = cursors[pageIndex] ?? null;
  const { state, reload } = useBackend((client) => client.accountPage(list, cursor, LIST_PAGE_SIZE, group), `${list}|${group ?? ''}|${cursor ?? ''}`);
  const title = titleOf(list, group, state.status === 'ready' ? state.data.page.accounts : []);
  const head = [h(Breadcrumbs, { key: 'crumbs', title }), h(PageTitle, { key: 'title' }, title)];
  if (state.status === 'loading') return h(Flex, { direction: 'column', gap: 'md' }, ...head, h(LoadingSpinner, { label: `Loading ${title.toLowerCase()}` }));
  if (state.status === 'failed') return h(Flex, { direction: 'column', gap: 'md' }, ...head, h(BackendErrorView, { error: state.error, onRetry: reload }));
  const { page } = state.data;
  const first = pageIndex * LIST_PAGE_SIZE + 1;
  const last = pageIndex * LIST_PAGE_SIZE + page.accounts.length;
  return h(Flex, { direction: 'column', gap: 'md' }, ...head,
    page.summaryChanged
      ? h(Alert, { title: 'The figures were recomputed', variant: 'info', testId: 'summary-changed' }, 'This page is from the new figures; earlier pages may have shifted.')
      : null,
    h(Text, { testId: 'range' }, page.total === 0 ? emptyText(group) : `${money(first)}–${money(last)} of ${countText(page.total, 'account')}`),
    group === null ? null : h(GroupLine, { rows: page.accounts }),
    group === null ? null : h(PageLink, { to: '/accounts', params: { list }, testId: 'whole-list' }, `Show the whole list: ${listTitle(list)}`),
    h(AccountTable, {
      // A page answer carries no currency; the figures are in the portal's own.
      accounts: page.accounts, columns: columnsFor(list, group), currency: null, testId: 'accounts', empty: emptyText(group),
    }),
    h(ButtonRow, null,
      h(Button, { disabled: pageIndex === 0, onClick: () => setCursors((c) => c.slice(0, -1)), testId: 'previous' }, 'Previous'),
      h(Button, { disabled: page.nextCursor === null, onClick: () => {
        const next = page.nextCursor;
        if (next !== null) setCursors((c) => [...c, next]);
      }, testId: 'next' }, 'Next')));
}
