// The pages' one way to our backend: hubspot.fetch (injected), the /api/hubspot routes of the
// contract, and every answer checked against the contract's schema before a page draws it. HubSpot's
// proxy signs each request and appends the portal and the user, so a page never names either.
import type { z } from 'zod';
import {
  AccessDeniedSchema, AccountPageResponseSchema, ApiErrorSchema, HistoryResponseSchema, HUBSPOT_API, PortfolioSummarySchema,
  SettingsResponseSchema, SettingsWriteResponseSchema, VersionConflictSchema, WhatIfResponseSchema,
  type AccessDenied, type AccountList, type AccountPageResponse, type ApiError, type HistoryResponse, type PortfolioSummary,
  type SettingsResponse, type SettingsWriteResponse, type VersionConflict, type WhatIfResponse,
} from '../api-contract.ts';

type JsonBody = Record<string, unknown>;

/** hubspot.fetch as the pages use it (HubSpot lets an extension set only the method, a JSON body and a timeout). */
export type HubSpotFetch = (url: string, options?: { method?: 'GET' | 'POST' | 'PATCH'; body?: JsonBody; timeout?: number }) => Promise<Response>;

/** What the generated entrypoints give a page: where our backend is, and how to reach it. */
export interface BackendProps {
  /** Our backend's base URL (its origin is the app's permitted fetch URL). */
  backend: string;
  /** hubspot.fetch: HubSpot signs each call and appends the portal and the user. */
  fetch: HubSpotFetch;
}

export type BackendErrorKind =
  | 'unauthorized' | 'forbidden' | 'not-installed' | 'conflict' | 'invalid' | 'busy' | 'not-ready' | 'unavailable' | 'bad-response';

/** A call that did not give what was asked, with what the page needs to say why and what to do. */
export class BackendError extends Error {
  constructor(
    readonly kind: BackendErrorKind,
    message: string,
    readonly status: number | null,
    readonly body: ApiError | null = null,
    readonly accessDenied: AccessDenied | null = null,
    readonly conflict: VersionConflict | null = null,
  ) {
    super(message);
    this.name = 'BackendError';
  }

  /** `path: message` of each invalid field, from a 400. */
  get issues(): { path: string; message: string }[] {
    return this.body?.issues ?? [];
  }
}

export interface SettingsWrite {
  baseVersion: number;
  /** JSON merge patches (RFC 7386): a field given replaces, null resets it to its default. */
  settings?: JsonBody;
  access?: JsonBody;
}

export interface BackendClient {
  portfolio(): Promise<PortfolioSummary>;
  /** One page of a list; `group`: only the companies of that group (its top company's id). */
  accountPage(list: AccountList, cursor: string | null, limit?: number, group?: string | null): Promise<AccountPageResponse>;
  whatIf(settingsPatch: JsonBody): Promise<WhatIfResponse>;
  settings(): Promise<SettingsResponse>;
  saveSettings(write: SettingsWrite): Promise<SettingsWriteResponse>;
  history(cursor?: string | null): Promise<HistoryResponse>;
  restore(entryId: string, state: 'after' | 'before', baseVersion: number): Promise<SettingsWriteResponse>;
}

/** Long enough for a what-if on a large portfolio (the server's goal is 3 s), short enough to say so. */
const TIMEOUT_MS = { read: 15_000, compute: 30_000 } as const;

export function createBackendClient(backend: string, fetch: HubSpotFetch): BackendClient {
  const base = backend.replace(/\/+$/, '');

  async function call<S extends z.ZodType>(schema: S, path: string, init: { method?: 'GET' | 'POST' | 'PATCH'; body?: JsonBody; query?: Record<string, string | null | undefined>; timeout?: number } = {}): Promise<z.infer<S>> {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(init.query ?? {})) if (value !== null && value !== undefined) query.set(key, value);
    const search = query.toString();
    const url = `${base}${path}${search ? `?${search}` : ''}`;
    let response: Response;
    try {
      response = await fetch(url, { method: init.method ?? 'GET', ...(init.body ? { body: init.body } : {}), timeout: init.timeout ?? TIMEOUT_MS.read });
    } catch (err) {
      throw new BackendError('unavailable', `The app's server could not be reached (${(err as Error).message}). Try again in a moment.`, null);
    }
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      json = undefined;
    }
    if (!response.ok) throw errorOf(response.status, json);
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const where = parsed.error.issues.slice(0, 3).map((i) => i.path.join('.') || '(body)').join(', ');
      throw new BackendError('bad-response', `The app's server answered in a shape this page does not know (${where}). Reload the page; if it stays, the app is being upgraded.`, response.status);
    }
    return parsed.data;
  }

  return {
    portfolio: () => call(PortfolioSummarySchema, HUBSPOT_API.portfolio),
    accountPage: (list, cursor, limit, group) => call(AccountPageResponseSchema, HUBSPOT_API.portfolio, { query: { list, cursor, limit: limit === undefined ? null : String(limit), group } }),
    whatIf: (settingsPatch) => call(WhatIfResponseSchema, HUBSPOT_API.whatIf, { method: 'POST', body: { settings: settingsPatch }, timeout: TIMEOUT_MS.compute }),
    settings: () => call(SettingsResponseSchema, HUBSPOT_API.settings),
    saveSettings: (write) => call(SettingsWriteResponseSchema, HUBSPOT_API.settings, { method: 'PATCH', body: { ...write } }),
    history: (cursor) => call(HistoryResponseSchema, HUBSPOT_API.history, { query: { cursor } }),
    restore: (entryId, state, baseVersion) => call(SettingsWriteResponseSchema, HUBSPOT_API.restore, { method: 'POST', body: { entryId, state, baseVersion } }),
  };
}

function errorOf(status: number, json: unknown): BackendError {
  const body = ApiErrorSchema.safeParse(json).data ?? null;
  const said = body?.error;
  switch (status) {
    case 400:
    case 422:
      return new BackendError('invalid', said ?? 'The server refused the values: see the fields marked.', status, body);
    case 401:
      return new BackendError('unauthorized', 'HubSpot could not vouch for this request, so the app refused it. Reload the page.', status, body);
    case 403: {
      const denied = AccessDeniedSchema.safeParse(json).data ?? null;
      return new BackendError('forbidden', said ?? 'You may not do this here.', status, body, denied);
    }
    case 404:
      return new BackendError('not-installed', 'The app is not installed in this HubSpot account (or was uninstalled). Install it again to use this page.', status, body);
    case 409:
    case 428:
      return new BackendError('conflict', said ?? 'The settings changed since this page loaded them.', status, body, null, VersionConflictSchema.safeParse(json).data ?? null);
    case 429:
      return new BackendError('busy', said ?? 'Too many previews at once for this account.', status, body);
    case 503:
      return new BackendError('not-ready', said ?? 'The portfolio summary is not ready yet.', status, body);
    default:
      return new BackendError('unavailable', said ?? `The app's server failed (HTTP ${status}). Try again in a moment.`, status, body);
  }
}
