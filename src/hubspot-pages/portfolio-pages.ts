// The home page's answers, read from a portal's snapshot: the summary (every count, the whale curve
// and the first page of each list) and further pages of one list by cursor. Nothing here scores.
import { CATEGORIES, QUADRANTS, TIERS } from '../model/types.ts';
import {
  DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type AccountList, type AccountPage, type AccountRow, type PortfolioSummary, type ProfitTarget,
} from './api-contract.ts';
import type { PortfolioSnapshot, SnapshotRow } from './portfolio-snapshot.ts';

/** A company's record in HubSpot's UI: /contacts/{portal}/record/0-2/{id} on the app host. */
export function recordUrl(appOrigin: string, portalId: string, companyId: string): string {
  return `${appOrigin}/contacts/${encodeURIComponent(portalId)}/record/0-2/${encodeURIComponent(companyId)}`;
}

export type Cursor = { builtAt: number; offset: number };

// Opaque to the page; it names the snapshot it was made from, so a page from a rebuilt one says so.
export const encodeCursor = (c: Cursor): string => Buffer.from(`${c.builtAt}.${c.offset}`).toString('base64url');

export function decodeCursor(text: string): Cursor | null {
  if (text.length > 64) return null;
  const m = /^(\d{1,15})\.(\d{1,9})$/.exec(Buffer.from(text, 'base64url').toString('utf8'));
  return m ? { builtAt: Number(m[1]), offset: Number(m[2]) } : null;
}

function withLink(snapshot: PortfolioSnapshot, appOrigin: string, r: SnapshotRow): AccountRow {
  return { ...r, objectTypeId: '0-2', recordUrl: recordUrl(appOrigin, snapshot.portalId, r.companyId) };
}

/**
 * The positions of a group's members: a group of two or more by its top's id, a company alone as
 * its own group of one; none for an id the portfolio does not hold.
 */
export function groupMembers(snapshot: PortfolioSnapshot, groupId: string): Uint32Array {
  const members = snapshot.groups.get(groupId);
  if (members) return members;
  const alone = snapshot.rows.findIndex((r) => r.companyId === groupId && r.group === null);
  return alone < 0 ? new Uint32Array(0) : Uint32Array.of(alone);
}

/** The list's positions that belong to the group, in the list's order. */
function filtered(positions: Uint32Array, members: Uint32Array): Uint32Array {
  const keep = new Set(members);
  return positions.filter((p) => keep.has(p));
}

export function accountPage(
  snapshot: PortfolioSnapshot, list: AccountList, appOrigin: string, opts: { cursor?: Cursor; limit?: number; group?: string } = {},
): AccountPage {
  const all = snapshot.lists[list];
  const positions = opts.group === undefined ? all : filtered(all, groupMembers(snapshot, opts.group));
  const limit = Math.min(MAX_PAGE_SIZE, Math.max(1, opts.limit ?? DEFAULT_PAGE_SIZE));
  const offset = Math.min(opts.cursor?.offset ?? 0, positions.length);
  const end = Math.min(positions.length, offset + limit);
  const accounts: AccountRow[] = [];
  for (let i = offset; i < end; i++) accounts.push(withLink(snapshot, appOrigin, snapshot.rows[positions[i]!]!));
  return {
    list,
    group: opts.group ?? null,
    total: positions.length,
    accounts,
    nextCursor: end < positions.length ? encodeCursor({ builtAt: snapshot.builtAt, offset: end }) : null,
    summaryChanged: opts.cursor !== undefined && opts.cursor.builtAt !== snapshot.builtAt,
  };
}

export function portfolioSummary(snapshot: PortfolioSnapshot, settingsVersion: number, appOrigin: string, currency: string | null): PortfolioSummary {
  const first = (list: AccountList): AccountPage => accountPage(snapshot, list, appOrigin);
  return {
    portalId: snapshot.portalId,
    status: 'ready',
    asOf: snapshot.asOf,
    modelVersion: snapshot.settingsVersion,
    settingsVersion,
    currency,
    companyCount: snapshot.companyCount,
    thresholds: snapshot.thresholds,
    profitTarget: snapshot.profitTarget,
    matrix: { quadrants: Object.fromEntries(QUADRANTS.map((q) => [q, first(`quadrant:${q}`)])) as PortfolioSummary['matrix']['quadrants'] },
    categoryCounts: snapshot.categoryCounts,
    tierCounts: snapshot.tierCounts,
    keyList: { capacity: snapshot.capacity, accounts: first('key-list'), waiting: first('waiting') },
    highRevenueLowProfit: first('high-revenue-low-profit'),
    whaleCurve: snapshot.whaleCurve,
    groups: first('groups'),
    whitespaceKnown: snapshot.whitespaceKnown,
  };
}

const zeros = <K extends string>(keys: readonly K[]): Record<K, number> => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
const emptyPage = (list: AccountList): AccountPage => ({ list, group: null, total: 0, accounts: [], nextCursor: null, summaryChanged: false });

/** While the first summary of a portal is still being built: the shape, empty, to poll again. */
export function computingSummary(portalId: string, settingsVersion: number, currency: string | null, profitTarget: ProfitTarget): PortfolioSummary {
  return {
    portalId, status: 'computing', asOf: null, modelVersion: settingsVersion, settingsVersion, currency, companyCount: 0,
    thresholds: { attractiveness: 0, strength: 0 }, profitTarget,
    matrix: { quadrants: Object.fromEntries(QUADRANTS.map((q) => [q, emptyPage(`quadrant:${q}`)])) as PortfolioSummary['matrix']['quadrants'] },
    categoryCounts: zeros(CATEGORIES), tierCounts: zeros(TIERS),
    keyList: { capacity: { used: 0, capacity: 0, waiting: 0, line: '' }, accounts: emptyPage('key-list'), waiting: emptyPage('waiting') },
    highRevenueLowProfit: emptyPage('high-revenue-low-profit'),
    whaleCurve: { points: [], companies: 0, total: 0, peak: { rank: 0, value: 0 }, min: 0 },
    groups: emptyPage('groups'), whitespaceKnown: 0,
  };
}
