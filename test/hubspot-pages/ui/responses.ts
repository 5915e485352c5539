// Backend answers for the page tests, in the shapes of the /api/hubspot contract and parsed with its
// schemas (so a fixture that drifted from the contract fails here): the example portfolio scored by
// the real model, a what-if from the real comparison, the settings and a history. And a fake
// hubspot.fetch that answers them by route and records every call.
import { readFileSync } from 'node:fs';
import {
  AccountPageResponseSchema, HistoryResponseSchema, PortfolioSummarySchema, SettingsResponseSchema, SettingsWriteResponseSchema,
  WhatIfResponseSchema, type AccountList, type AccountPage, type AccountRow, type HistoryResponse, type PortfolioSummary,
  type SettingsResponse, type SettingsWriteResponse, type WhatIfResponse,
} from '../../../src/hubspot-pages/api-contract.ts';
import type { HubSpotFetch } from '../../../src/hubspot-pages/ui/backend-client.ts';
import { DEFAULT_SETTINGS, scorePortfolio, type AccountFigures, type PortfolioResult, type Settings } from '../../../src/model/index.ts';
import { CATEGORIES, QUADRANTS, TIERS } from '../../../src/model/types.ts';
import { highRevenueLowProfit } from '../../../src/model/warnings.ts';
import { depthOfRow } from '../../../src/hubspot-pages/portfolio-snapshot.ts';
import { capacityOf, countBy, groupWhitespaceOf } from '../../../src/portfolio-page/portfolio-view.ts';
import { compareScenarios } from '../../../src/portfolio-page/what-if.ts';
import { whaleCurve } from '../../../src/portfolio-page/whale-curve.ts';
import { readPortfolioJson } from '../../../src/portfolio-files/read-portfolio-json.ts';

export const PORTAL = '24681357';
export const BACKEND = 'https://kam.acme.test';
const AS_OF = new Date('2026-11-22T00:00:00Z');

function examplePortfolio() {
  const text = readFileSync(new URL('../../../examples/portfolio.json', import.meta.url), 'utf8');
  return readPortfolioJson(text, 'examples/portfolio.json').companies;
}

export function scored(settings: Settings = DEFAULT_SETTINGS): PortfolioResult {
  return scorePortfolio(examplePortfolio(), settings, AS_OF);
}

/** What the server says of the profit target: the setting, and the number in force ('auto' gives one per portfolio; 412,000 stands for it here). */
export function profitTargetOf(settings: Settings): { setting: 'auto' | number; value: number } {
  const setting = settings.profitTarget as 'auto' | number;
  return { setting, value: setting === 'auto' ? 412_000 : setting };
}

export const recordUrl = (id: string): string => `https://app.hubspot.com/contacts/${PORTAL}/record/0-2/${id}`;

export function accountRow(a: AccountFigures, groupWhitespace: ReadonlyMap<string, number> = new Map()): AccountRow {
  return {
    companyId: a.companyId, name: a.name ?? `(no name, id ${a.companyId})`, objectTypeId: '0-2', recordUrl: recordUrl(a.companyId),
    priorityRank: a.priorityRank, quadrant: a.quadrant, category: a.category, tier: a.tier, action: a.action,
    isKeyAccount: a.isKeyAccount, waitingForKeyPlace: a.waitingForKeyPlace, strategic: a.strategic,
    attractiveness: a.attractiveness.value, strength: a.strength.value, expectedRevenue: a.expectedRevenue, expectedProfit: a.expectedProfit,
    lifetimeValue: a.lifetimeValue, wonTTM: a.wonTTM, marginPct: a.marginPct, coverage: a.coverage, recommendedCoverage: a.recommendedCoverage,
    ...depthOfRow(a, groupWhitespace),
  };
}

/** One page of a list, with a cursor that is the next offset (the server's cursors are opaque; these only need to round-trip). */
export function page(list: AccountList, accounts: readonly AccountFigures[], offset = 0, size = 25, group: string | null = null, groupWhitespace: ReadonlyMap<string, number> = new Map()): AccountPage {
  const slice = accounts.slice(offset, offset + size);
  return { list, group, total: accounts.length, accounts: slice.map((a) => accountRow(a, groupWhitespace)), nextCursor: offset + size < accounts.length ? `o${offset + size}` : null, summaryChanged: false };
}

/** The accounts of a list, only those of one group when `group` names its top (a company alone is its own group). */
export function listAccounts(result: PortfolioResult, list: AccountList, group: string | null = null): AccountFigures[] {
  const all = listOf(result, list);
  return group === null ? all : all.filter((a) => (a.group && a.group.size > 1 ? a.group.groupId : a.companyId) === group);
}

function listOf(result: PortfolioResult, list: AccountList): AccountFigures[] {
  const { accounts } = result;
  if (list === 'all') return accounts;
  if (list === 'groups') return accounts.filter((a) => a.group !== null && a.group.size > 1 && a.group.groupId === a.companyId);
  if (list === 'key-list') return accounts.filter((a) => a.isKeyAccount);
  if (list === 'waiting') return accounts.filter((a) => a.waitingForKeyPlace);
  if (list === 'high-revenue-low-profit') return [...highRevenueLowProfit(accounts, DEFAULT_SETTINGS)].sort((a, b) => b.wonTTM - a.wonTTM);
  const [kind, value] = list.split(':') as ['quadrant' | 'category' | 'tier', string];
  return accounts.filter((a) => a[kind] === value);
}

export function portfolioSummary(result = scored()): PortfolioSummary {
  const groupWhitespace = groupWhitespaceOf(result.accounts);
  const list = (l: AccountList): AccountPage => page(l, listAccounts(result, l), 0, 25, null, groupWhitespace);
  return PortfolioSummarySchema.parse({
    portalId: PORTAL,
    status: 'ready',
    asOf: AS_OF.toISOString(),
    modelVersion: 3,
    settingsVersion: 3,
    currency: 'EUR',
    companyCount: result.accounts.length,
    thresholds: { ...result.thresholds },
    profitTarget: profitTargetOf(DEFAULT_SETTINGS),
    matrix: { quadrants: Object.fromEntries(QUADRANTS.map((q) => [q, list(`quadrant:${q}`)])) },
    categoryCounts: countBy(CATEGORIES, result.accounts, (a) => a.category),
    tierCounts: countBy(TIERS, result.accounts, (a) => a.tier),
    keyList: { capacity: capacityOf(result), accounts: list('key-list'), waiting: list('waiting') },
    highRevenueLowProfit: list('high-revenue-low-profit'),
    whaleCurve: whaleCurve(result.accounts),
    groups: list('groups'),
    whitespaceKnown: result.accounts.filter((a) => a.whitespace !== null).length,
  });
}

export function accountPageResponse(list: AccountList, cursor: string | null, size = 25, result = scored(), group: string | null = null): ReturnType<typeof AccountPageResponseSchema.parse> {
  const offset = cursor === null ? 0 : Number(cursor.slice(1));
  return AccountPageResponseSchema.parse({ portalId: PORTAL, asOf: AS_OF.toISOString(), page: page(list, listAccounts(result, list, group), offset, size, group, groupWhitespaceOf(result.accounts)) });
}

/** The real comparison of the example portfolio under two settings, in the contract's shape. */
export function whatIfResponse(proposed: Settings, basedOnVersion = 3): WhatIfResponse {
  const before = scored();
  const after = scored(proposed);
  const compared = compareScenarios(before, after, 10);
  const was = new Map(before.accounts.map((a) => [a.companyId, a]));
  const movers = after.accounts.flatMap((a) => {
    const b = was.get(a.companyId);
    if (!b || (b.quadrant === a.quadrant && b.category === a.category && b.isKeyAccount === a.isKeyAccount)) return [];
    const row = accountRow(a);
    return [{ companyId: row.companyId, name: row.name, objectTypeId: row.objectTypeId, recordUrl: row.recordUrl,
      quadrant: { from: b.quadrant, to: a.quadrant }, category: { from: b.category, to: a.category }, keyAccount: { from: b.isKeyAccount, to: a.isKeyAccount } }];
  });
  const ref = (n: { companyId: string; name: string }) => ({ ...n, objectTypeId: '0-2', recordUrl: recordUrl(n.companyId) });
  const scenario = (s: typeof compared.current, settings: Settings) => ({ ...s, profitTarget: profitTargetOf(settings) });
  return WhatIfResponseSchema.parse({
    portalId: PORTAL, basedOnVersion, asOf: AS_OF.toISOString(), companies: compared.companies,
    current: scenario(compared.current, DEFAULT_SETTINGS), proposed: scenario(compared.proposed, proposed),
    quadrantMoves: compared.quadrantMoves, categoryMoves: compared.categoryMoves,
    keyList: { joining: compared.keyList.joining, leaving: compared.keyList.leaving, joiningCompanies: compared.keyList.joiningNames.map(ref), leavingCompanies: compared.keyList.leavingNames.map(ref) },
    movers: movers.slice(0, 20), moversTotal: movers.length,
  });
}

/** Every leaf setting as the server lists it (arrays and records are leaves). */
export function settingsFields(settings: object, defaults: object, prefix = ''): { path: string; value: unknown; default: unknown; isDefault: boolean }[] {
  return Object.entries(settings).flatMap(([key, value]) => {
    const path = `${prefix}${key}`;
    const fallback = (defaults as Record<string, unknown>)[key];
    const isRecord = key === 'byIndustry';
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && !isRecord) return settingsFields(value, fallback as object, `${path}.`);
    return [{ path, value, default: fallback, isDefault: JSON.stringify(value) === JSON.stringify(fallback) }];
  });
}

export function settingsResponse(overrides: Partial<SettingsResponse> = {}, settings: Settings = DEFAULT_SETTINGS): SettingsResponse {
  return SettingsResponseSchema.parse({
    portalId: PORTAL,
    version: 3,
    updatedAt: '2026-11-20T09:30:00.000Z',
    updatedBy: { type: 'hubspot-user', userId: '501', email: 'ada@acme.test' },
    settings,
    defaults: DEFAULT_SETTINGS,
    fields: settingsFields(settings, DEFAULT_SETTINGS),
    schema: { type: 'object' },
    profitTarget: profitTargetOf(settings),
    access: { viewers: { users: ['502'], teams: [] }, editors: { users: [], teams: [] }, installer: true, superAdmins: true },
    installer: { userId: '501', email: 'ada@acme.test', name: 'Ada Lovelace' },
    you: { userId: '501', email: 'ada@acme.test', canView: true, canEdit: true },
    optionalFeatures: [
      { feature: 'super-admins', available: true, reason: null },
      { feature: 'teams', available: false, reason: 'Teams cannot be chosen: grant the optional scope settings.users.read and settings.users.teams.read (install the app again from https://kam.acme.test/oauth/install; HubSpot keeps the install and adds the scope).' },
      { feature: 'user-directory', available: true, reason: null },
    ],
    directory: {
      users: [
        { userId: '501', email: 'ada@acme.test', name: 'Ada Lovelace', superAdmin: true },
        { userId: '502', email: 'grace@acme.test', name: 'Grace Hopper', superAdmin: false },
      ],
      teams: [],
    },
    storedProblems: [],
    pass: null,
    ...overrides,
  });
}

export function writeResponse(base: SettingsResponse, changed: string[], passJobId: string | null): SettingsWriteResponse {
  return SettingsWriteResponseSchema.parse({ ...base, changed, passJobId });
}

export function historyResponse(): HistoryResponse {
  return HistoryResponseSchema.parse({
    portalId: PORTAL,
    version: 3,
    kept: 100,
    nextCursor: null,
    entries: [
      { id: 'h3', at: '2026-11-20T09:30:00.000Z', by: { type: 'hubspot-user', userId: '501', email: 'ada@acme.test' }, kind: 'patch', baseVersion: 2, version: 3, restoredFrom: null,
        changes: [{ path: 'settings.keyAccountCapacity', before: 20, after: 25 }] },
      { id: 'h2', at: '2026-11-19T08:00:00.000Z', by: { type: 'operator' }, kind: 'patch', baseVersion: 1, version: 2, restoredFrom: null,
        changes: [{ path: 'settings.windowMonths', before: undefined, after: 12 }] },
    ],
  });
}

export interface Call {
  method: string;
  path: string;
  query: Record<string, string>;
  body: Record<string, unknown> | undefined;
}

type Answer = { status?: number; body: unknown } | ((call: Call) => { status?: number; body: unknown });

/** A hubspot.fetch that answers `METHOD /path` from the table (404 elsewhere) and keeps every call. */
export function fakeHubSpotFetch(routes: Record<string, Answer>, backend = BACKEND): { fetch: HubSpotFetch; calls: Call[] } {
  const calls: Call[] = [];
  const fetch: HubSpotFetch = async (url, options) => {
    const parsed = new URL(url);
    if (parsed.origin !== backend) throw new Error(`fetch to ${parsed.origin}, not the backend`);
    const call: Call = { method: options?.method ?? 'GET', path: parsed.pathname, query: Object.fromEntries(parsed.searchParams), body: options?.body };
    calls.push(call);
    const route = routes[`${call.method} ${call.path}`];
    const answer = typeof route === 'function' ? route(call) : route;
    if (!answer) return new Response(JSON.stringify({ error: 'no such route' }), { status: 404 });
    return new Response(JSON.stringify(answer.body), { status: answer.status ?? 200, headers: { 'content-type': 'application/json' } });
  };
  return { fetch, calls };
}
