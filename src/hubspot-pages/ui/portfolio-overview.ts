// The app home page: the portfolio summary the server keeps per portal (counts, the first page of
// each list, a sampled whale curve), never the companies themselves, so it opens as fast at 100,000
// companies as at 100. Each list links to its own paged route.
import { type ReactElement } from 'react';
import {
  Alert, Divider, EmptyState, Flex, Heading, LineChart, LoadingSpinner, ProgressBar, Statistics, StatisticsItem, Text, Tile,
} from '@hubspot/ui-extensions';
import { PageBreadcrumbs, PageLink, PageTitle } from '@hubspot/ui-extensions/pages';
import { h } from './element.ts';
import type { AccountList, AccountPage, PortfolioSummary } from '../api-contract.ts';
import { CATEGORIES, TIERS, type Quadrant } from '../../model/types.ts';
import { AccountTable, CompanyLink, FULL_COLUMNS, GROUP_COLUMNS, LOW_PROFIT_COLUMNS } from './account-table.ts';
import { BackendErrorView } from './backend-error-view.ts';
import { countText, instantText, label, moneyText } from './labels.ts';
import { useBackend, usePolling, usePollMs } from './use-backend.ts';

/** Attractiveness high on top, strength high on the right: the matrix as managers draw it. */
const MATRIX_ROWS: readonly (readonly [Quadrant, Quadrant])[] = [['key_development', 'key'], ['opportunistic', 'maintenance']];

const QUADRANT_MEANING: Record<Quadrant, string> = {
  key: 'Attractive, and our position is strong',
  key_development: 'Attractive, but our position is weak',
  maintenance: 'Less attractive, our position is strong',
  opportunistic: 'Less attractive, our position is weak',
};

/** Companies named in a matrix cell; the rest are one click away. */
const NAMES_PER_QUADRANT = 5;

export function PortfolioOverview(): ReactElement {
  const { state, reload } = useBackend((client) => client.portfolio(), 'portfolio');
  // The first pass, or the summary being built (503), is waited out without a click.
  const waiting = (state.status === 'ready' && state.data.status === 'computing') || (state.status === 'failed' && state.error.kind === 'not-ready');
  usePolling(waiting, usePollMs(), reload);
  const header = [
    h(PageBreadcrumbs, { key: 'crumbs' }, h(PageBreadcrumbs.Current, null, 'Key accounts')),
    h(PageTitle, { key: 'title' }, 'Key-account portfolio'),
  ];
  if (state.status === 'loading') return h(Flex, { direction: 'column', gap: 'md' }, ...header, h(LoadingSpinner, { label: 'Loading the portfolio', layout: 'centered' }));
  if (state.status === 'failed') return h(Flex, { direction: 'column', gap: 'md' }, ...header, h(BackendErrorView, { error: state.error, onRetry: reload }));
  const summary = state.data;
  if (summary.status === 'computing') {
    return h(Flex, { direction: 'column', gap: 'md' }, ...header,
      h(EmptyState, { title: 'The first scoring pass is running', imageName: 'emptyStateCharts', testId: 'computing' },
        h(Text, null, 'The portfolio appears here when the app has scored every company once. This page checks again by itself.')));
  }
  return h(Flex, { direction: 'column', gap: 'lg' }, ...header,
    h(SummaryLine, { summary }),
    h(Matrix, { summary }),
    h(Divider, null),
    h(Counts, { summary }),
    h(Divider, null),
    h(KeyList, { summary }),
    h(Divider, null),
    h(Groups, { summary }),
    h(Divider, null),
    h(LowProfit, { summary }),
    h(Divider, null),
    h(Whale, { summary }));
}

function SummaryLine({ summary }: { summary: PortfolioSummary }): ReactElement {
  const target = summary.profitTarget;
  const targetText = target.value === null ? 'not computed yet' : moneyText(target.value, summary.currency);
  const how = target.setting === 'auto' ? ' (automatic: set by the portfolio at each full pass)' : '';
  return h(Flex, { direction: 'column', gap: 'xs' },
    h(Text, { testId: 'summary-line' },
      `${companiesText(summary.companyCount)} scored ${instantText(summary.asOf)}. Profit target ${targetText}${how}.`),
    summary.companyCount > 0 && summary.whitespaceKnown === 0
      ? h(Text, { variant: 'microcopy', testId: 'whitespace-unknown' },
        'No whitespace figures yet: they need the line items of won deals (the app reads them where HubSpot lets it) and a known wallet.')
      : null,
    summary.modelVersion < summary.settingsVersion
      ? h(Alert, { title: 'Settings changed', variant: 'info', testId: 'rescoring' },
        `These figures use settings version ${summary.modelVersion}; version ${summary.settingsVersion} was saved and a pass is re-scoring the portfolio.`)
      : null);
}

function ListLink({ list, total, children }: { list: AccountList; total: number; children?: string }): ReactElement | null {
  if (total === 0) return null;
  return h(PageLink, { to: '/accounts', params: { list }, testId: `link-${list}` }, children ?? `All ${countText(total, 'account')}`);
}

function Matrix({ summary }: { summary: PortfolioSummary }): ReactElement {
  const { thresholds } = summary;
  return h(Flex, { direction: 'column', gap: 'sm', testId: 'matrix' },
    h(Heading, null, 'Attractiveness × strength'),
    h(Text, { variant: 'microcopy' },
      `Attractiveness from ${thresholds.attractiveness.toFixed(1)} and strength from ${thresholds.strength.toFixed(1)} count as high (1–10 scales).`),
    ...MATRIX_ROWS.map((row, i) => h(Flex, { key: `row-${i}`, direction: 'row', gap: 'sm' },
      ...row.map((q) => h(QuadrantTile, { key: q, quadrant: q, page: summary.matrix.quadrants[q] })))));
}

function QuadrantTile({ quadrant, page }: { quadrant: Quadrant; page: AccountPage | undefined }): ReactElement {
  const total = page?.total ?? 0;
  const named = (page?.accounts ?? []).slice(0, NAMES_PER_QUADRANT);
  return h(Tile, { compact: true, testId: `quadrant-${quadrant}` },
    h(Flex, { direction: 'column', gap: 'xs' },
      h(Statistics, null, h(StatisticsItem, { label: label('quadrant', quadrant), number: total, testId: `quadrant-count-${quadrant}` })),
      h(Text, { variant: 'microcopy' }, QUADRANT_MEANING[quadrant]),
      ...named.map((a) => h(CompanyLink, { key: a.companyId, company: a })),
      h(ListLink, { list: `quadrant:${quadrant}`, total })));
}

function Counts({ summary }: { summary: PortfolioSummary }): ReactElement {
  return h(Flex, { direction: 'column', gap: 'sm' },
    h(Heading, null, 'Categories and tiers'),
    h(Statistics, { testId: 'category-counts' },
      ...CATEGORIES.map((c) => h(StatisticsItem, { key: c, label: label('category', c), number: summary.categoryCounts[c] ?? 0 },
        h(ListLink, { list: `category:${c}`, total: summary.categoryCounts[c] ?? 0 }, 'Show')))),
    h(Statistics, { testId: 'tier-counts' },
      ...TIERS.map((t) => h(StatisticsItem, { key: t, label: label('tier', t), number: summary.tierCounts[t] ?? 0 },
        h(ListLink, { list: `tier:${t}`, total: summary.tierCounts[t] ?? 0 }, 'Show')))));
}

function KeyList({ summary }: { summary: PortfolioSummary }): ReactElement {
  const { capacity, accounts, waiting } = summary.keyList;
  const full = capacity.capacity > 0 && capacity.used >= capacity.capacity;
  return h(Flex, { direction: 'column', gap: 'sm', testId: 'key-list' },
    h(Heading, null, 'Key-account list'),
    h(ProgressBar, {
      title: 'Key places used', value: capacity.used, maxValue: Math.max(1, capacity.capacity), valueDescription: capacity.line,
      variant: full && capacity.waiting > 0 ? 'warning' : 'success', testId: 'capacity',
    }),
    h(AccountTable, { accounts: accounts.accounts, columns: FULL_COLUMNS, currency: summary.currency, testId: 'key-accounts', empty: 'No key account yet.' }),
    h(ListLink, { list: 'key-list', total: accounts.total }),
    h(Heading, null, 'Waiting for a place'),
    h(Text, { variant: 'microcopy' }, 'Eligible for the key list by profit or strategy, but the capacity is used by accounts ranked higher.'),
    h(AccountTable, { accounts: waiting.accounts, columns: FULL_COLUMNS, currency: summary.currency, testId: 'waiting', empty: 'No eligible account is waiting.' }),
    h(ListLink, { list: 'waiting', total: waiting.total }));
}

function Groups({ summary }: { summary: PortfolioSummary }): ReactElement {
  const page = summary.groups;
  return h(Flex, { direction: 'column', gap: 'sm', testId: 'groups' },
    h(Heading, null, 'Groups of companies'),
    h(Text, { variant: 'microcopy' }, page.total === 0
      ? 'No company has a parent or child company in HubSpot (or the app has not read the links yet): every company is scored on its own.'
      : 'Companies linked as parent and child in HubSpot, shown by their top company. A group that buys as one is ranked once and takes one key place; open a group for each company beside it.'),
    page.total === 0 ? null : h(AccountTable, { accounts: page.accounts, columns: GROUP_COLUMNS, currency: summary.currency, testId: 'group-accounts', empty: 'No group.' }),
    h(ListLink, { list: 'groups', total: page.total }, `All ${countText(page.total, 'group')}`));
}

function LowProfit({ summary }: { summary: PortfolioSummary }): ReactElement {
  const page = summary.highRevenueLowProfit;
  return h(Flex, { direction: 'column', gap: 'sm', testId: 'low-profit' },
    h(Heading, null, 'High revenue, low profit'),
    h(Text, { variant: 'microcopy' }, 'Customers that bring much revenue but little profit after the cost to serve them: check their prices and coverage.'),
    h(AccountTable, { accounts: page.accounts, columns: LOW_PROFIT_COLUMNS, currency: summary.currency, testId: 'low-profit-accounts', empty: 'None: every high-revenue customer is profitable.' }),
    h(ListLink, { list: 'high-revenue-low-profit', total: page.total }));
}

/** The whale curve's points as chart rows; the x axis is the share of companies, so any portfolio size reads the same. */
export function whaleRows(curve: PortfolioSummary['whaleCurve']): { companies: number; profit: number }[] {
  return curve.points.map(([rank, value]) => ({ companies: curve.companies === 0 ? 0 : Math.round((rank / curve.companies) * 1000) / 10, profit: Math.round(value) }));
}

function Whale({ summary }: { summary: PortfolioSummary }): ReactElement {
  const curve = summary.whaleCurve;
  if (curve.companies === 0) return h(Text, { testId: 'whale' }, 'No company scored yet: the whale curve appears after the first pass.');
  const tail = curve.peak.value - curve.total;
  return h(Flex, { direction: 'column', gap: 'sm' },
    h(Heading, null, 'Whale curve'),
    h(LineChart, {
      data: whaleRows(curve),
      axes: {
        x: { field: 'companies', fieldType: 'linear', label: '% of companies, by priority rank' },
        y: { field: 'profit', fieldType: 'linear', label: `Cumulative expected profit${summary.currency ? ` (${summary.currency})` : ''}` },
      },
      options: { showLegend: false, showTooltips: true },
      testId: 'whale-curve',
    }),
    h(Text, { testId: 'whale' }, tail > 0
      ? `Profit peaks at ${moneyText(curve.peak.value, summary.currency)} after the top ${companiesText(curve.peak.rank)}; the other ${companiesText(curve.companies - curve.peak.rank)} take ${moneyText(tail, summary.currency)} of it back.`
      : `Every company adds profit: ${moneyText(curve.total, summary.currency)} in all.`));
}

const companiesText = (n: number): string => countText(n, 'company', 'companies');
