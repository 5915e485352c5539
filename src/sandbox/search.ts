// POST /crm/v3/objects/{type}/search: filter groups (OR of ANDs; at most 5 groups, 6 filters a
// group, 18 in all), one sort, a free-text query, at most 200 a page, paging by offset in
// `paging.next.after` (no link, no associations), and HubSpot's cap: no result past the
// 10,000th, and an `after` at or past it is a 400.
import { Router, type Request, type Response } from 'express';
import type { CrmStore } from './crm-store.ts';
import { parseBody, sendJson } from './http-errors.ts';
import { requireObjectType } from './object-types.ts';
import { propertyNamesFor, toPublicObject } from './record-view.ts';
import { SearchSchema, type Filter, type SearchRequest } from './request-schemas.ts';
import { storeOf } from './sandbox-context.ts';
import { SandboxError, type ObjectType, type StoredRecord } from './sandbox-types.ts';
import { compareValues, matchesFilter, sortKey } from './search-filters.ts';
import type { SandboxProperty } from './standard-properties.ts';

export const SEARCH_PAGE_LIMIT = 200;
export const SEARCH_RESULT_CAP = 10_000;

const QUERY_PROPERTIES: Record<ObjectType, string[]> = {
  companies: ['name', 'domain'], deals: ['dealname'], tasks: ['hs_task_subject', 'hs_task_body'],
  contacts: ['firstname', 'lastname', 'email'], line_items: ['name'], products: ['name', 'hs_sku'],
};

function definitionOf(store: CrmStore, type: ObjectType, name: string): SandboxProperty {
  const def = store.properties.get(type, name);
  if (!def) throw new SandboxError(400, 'VALIDATION_ERROR', `There was a problem with the request: property ${name} does not exist.`);
  return def;
}

function checkLimits(body: SearchRequest): void {
  const groups = body.filterGroups ?? [];
  const total = groups.reduce((n, g) => n + g.filters.length, 0);
  if (groups.length > 5 || groups.some((g) => g.filters.length > 6) || total > 18) {
    throw new SandboxError(400, 'VALIDATION_ERROR', 'Too many filters: at most 5 filterGroups of 6 filters each, 18 in all.');
  }
  if ((body.sorts?.length ?? 0) > 1) throw new SandboxError(400, 'VALIDATION_ERROR', 'Only one sort is supported.');
  if ((body.limit ?? 10) > SEARCH_PAGE_LIMIT) throw new SandboxError(400, 'VALIDATION_ERROR', `limit must be at most ${SEARCH_PAGE_LIMIT}.`);
}

/** The ids of every record matching the request, sorted. */
export function searchRecords(store: CrmStore, type: ObjectType, body: SearchRequest): StoredRecord[] {
  checkLimits(body);
  const groups = (body.filterGroups ?? []).map((g) => g.filters.map((f): [SandboxProperty, Filter] => [definitionOf(store, type, f.propertyName), f]));
  const query = body.query?.toLowerCase();
  const matches: StoredRecord[] = [];
  for (const r of store.table(type).values()) {
    if (groups.length > 0 && !groups.some((g) => g.every(([def, f]) => matchesFilter(def, r.properties[f.propertyName], f)))) continue;
    if (query && !QUERY_PROPERTIES[type].some((p) => r.properties[p]?.toLowerCase().includes(query))) continue;
    matches.push(r);
  }
  const sort = body.sorts?.[0] ?? { propertyName: 'hs_object_id', direction: 'ASCENDING' as const };
  const def = definitionOf(store, type, sort.propertyName);
  const sign = sort.direction === 'DESCENDING' ? -1 : 1;
  const keyed = matches.map((r) => ({ r, k: sortKey(def, r.properties[sort.propertyName]) }));
  keyed.sort((a, b) => (a.k === undefined ? (b.k === undefined ? 0 : 1) : b.k === undefined ? -1 : sign * compareValues(a.k, b.k)) || compareValues(Number(a.r.id), Number(b.r.id)));
  return keyed.map((x) => x.r);
}

function search(req: Request, res: Response): void {
  const type = requireObjectType(String(req.params.type ?? ''));
  const store = storeOf(res);
  const body = parseBody(SearchSchema, req.body);
  const offset = body.after === undefined ? 0 : Number(body.after);
  if (!Number.isInteger(offset) || offset < 0) throw new SandboxError(400, 'VALIDATION_ERROR', `after must be a non-negative offset, got ${body.after}`);
  if (offset >= SEARCH_RESULT_CAP) throw new SandboxError(400, 'VALIDATION_ERROR', `Search results are limited to ${SEARCH_RESULT_CAP}; after=${offset} is past the cap.`);
  const all = searchRecords(store, type, body);
  const limit = body.limit ?? 10;
  const end = Math.min(offset + limit, SEARCH_RESULT_CAP, all.length);
  const names = propertyNamesFor(type, store.properties, body.properties?.length ? body.properties : undefined);
  const results = all.slice(offset, end).map((r) => toPublicObject(type, r, names));
  const paging = end < Math.min(all.length, SEARCH_RESULT_CAP) ? { paging: { next: { after: String(end) } } } : {};
  sendJson(res, 200, { total: all.length, results, ...paging });
}

export function searchRoutes(): Router {
  const r = Router();
  r.post('/crm/v3/objects/:type/search', search);
  return r;
}
