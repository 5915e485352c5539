// One account list (a quadrant, a category, a tier, the key list, who waits, high revenue / low
// profit), a page at a time from the server. Pages are walked with the server's cursors, kept so
// that Previous needs no new cursor; the browser holds one page, never the whole list.
import { useState, type ReactElement } from 'react';
import { Alert, Button, ButtonRow, Flex, LoadingSpinner, Text } from '@hubspot/ui-extensions';
import { h } from './element.ts';
import { PageBreadcrumbs, PageTitle, usePageRoute } from '@hubspot/ui-extensions/pages';
import { AccountListSchema, type AccountList } from '../api-contract.ts';
import { AccountTable, FULL_COLUMNS, LOW_PROFIT_COLUMNS } from './account-table.ts';
import { BackendErrorView } from './backend-error-view.ts';
import { money } from '../../model/format.ts';
import { countText, listTitle } from './labels.ts';
import { useBackend } from './use-backend.ts';

export const LIST_PAGE_SIZE = 50;

export function AccountListRoute(): ReactElement {
  const route = usePageRoute();
  const parsed = AccountListSchema.safeParse(route.params.list);
  if (!parsed.success) {
    return h(Flex, { direction: 'column', gap: 'md' },
      h(Breadcrumbs, { title: 'Unknown list' }),
      h(Alert, { title: 'No such list', variant: 'warning', testId: 'unknown-list' }, `"${route.params.list ?? ''}" is not a list this app keeps. Go back to the portfolio.`));
  }
  // A new list starts on its first page.
  return h(AccountListView, { key: parsed.data, list: parsed.data });
}

function Breadcrumbs({ title }: { title: string }): ReactElement {
  return h(PageBreadcrumbs, null, h(PageBreadcrumbs.PageLink, { to: '/' }, 'Key accounts'), h(PageBreadcrumbs.Current, null, title));
}

export function AccountListView({ list }: { list: AccountList }): ReactElement {
  // cursors[i] is the cursor of page i (null for the first).
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const pageIndex = cursors.length - 1;
  const cursor = cursors[pageIndex] ?? null;
  const { state, reload } = useBackend((client) => client.accountPage(list, cursor, LIST_PAGE_SIZE), `${list}|${cursor ?? ''}`);
  const title = listTitle(list);
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
    h(Text, { testId: 'range' }, page.total === 0 ? 'No account in this list.' : `${money(first)}–${money(last)} of ${countText(page.total, 'account')}`),
    h(AccountTable, {
      // A page answer carries no currency; the figures are in the portal's own.
      accounts: page.accounts, columns: list === 'high-revenue-low-profit' ? LOW_PROFIT_COLUMNS : FULL_COLUMNS, currency: null, testId: 'accounts', empty: 'No account in this list.',
    }),
    h(ButtonRow, null,
      h(Button, { disabled: pageIndex === 0, onClick: () => setCursors((c) => c.slice(0, -1)), testId: 'previous' }, 'Previous'),
      h(Button, { disabled: page.nextCursor === null, onClick: () => {
        const next = page.nextCursor;
        if (next !== null) setCursors((c) => [...c, next]);
      }, testId: 'next' }, 'Next')));
}
