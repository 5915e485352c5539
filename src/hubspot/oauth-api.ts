// HubSpot's OAuth token endpoint for the code exchange and the refresh, called directly: SDK 14's
// tokensApi still posts to /oauth/v1/token (deprecated, gone on 2027-02-16) and its response model
// drops hub_id and user_id. POST /oauth/v3/token takes every parameter in the form body, never in
// the URL where a secret could reach a log, and answers with the portal (hub_id), the user who
// installed (user_id) and the granted scopes, so no second call asks whose token it is.
// Every error goes through toAppError; a refused refresh becomes UnauthorizedError(revoked = true).
import { z } from 'zod';
import type { Config } from '../config.ts';
import { PermanentError } from '../errors.ts';
import { DEFAULT_REQUEST_TIMEOUT_MS, RequestTimeoutError } from './sdk-client.ts';
import { toAppError } from './to-app-error.ts';

export const TOKEN_PATH = '/oauth/v3/token';

const Id = z.coerce.number().int().positive();
const Scopes = z.union([z.array(z.string()), z.string().transform((s) => s.split(/\s+/).filter(Boolean))]);

/** The token answer; snake_case on the wire (HubSpot's reference pages also show it camelCased). */
const TokenResponseSchema = z.preprocess(
  (raw) => {
    const b = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
    return {
      accessToken: b.access_token ?? b.accessToken, refreshToken: b.refresh_token ?? b.refreshToken,
      expiresIn: b.expires_in ?? b.expiresIn, hubId: b.hub_id ?? b.hubId, userId: b.user_id ?? b.userId ?? undefined,
      scopes: b.scopes ?? b.scope ?? [],
    };
  },
  z.object({
    accessToken: z.string().min(1),
    refreshToken: z.string().min(1),
    expiresIn: z.coerce.number().positive(),
    hubId: Id,
    userId: Id.optional(),
    scopes: Scopes,
  }),
);

export interface TokenGrant {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  /** The portal the token is for. */
  hubId: number;
  /** The user who installed the app (absent if HubSpot leaves it out). */
  userId?: number;
  scopes: string[];
}

export interface OAuthApi {
  exchangeCode(code: string, redirectUri: string): Promise<TokenGrant>;
  refresh(refreshToken: string): Promise<TokenGrant>;
}

type OAuthConfig = Pick<Config, 'HUBSPOT_API_BASE' | 'HUBSPOT_CLIENT_ID' | 'HUBSPOT_CLIENT_SECRET'> & Partial<Pick<Config, 'HUBSPOT_TIMEOUT_MS'>>;

/** A non-2xx answer, in the shape toAppError reads (`code`, `body`, `headers`). */
class TokenEndpointError extends Error {
  override name = 'TokenEndpointError';
  constructor(readonly code: number, readonly body: unknown, readonly headers: Record<string, string>) {
    super(`token endpoint answered ${code}`);
  }
}

function credentials(config: OAuthConfig): { client_id: string; client_secret: string } {
  if (!config.HUBSPOT_CLIENT_ID || !config.HUBSPOT_CLIENT_SECRET) {
    throw new PermanentError('HUBSPOT_CLIENT_ID and HUBSPOT_CLIENT_SECRET are required for OAuth');
  }
  return { client_id: config.HUBSPOT_CLIENT_ID, client_secret: config.HUBSPOT_CLIENT_SECRET };
}

export function createOAuthApi(deps: { config: OAuthConfig; now?: () => number }): OAuthApi {
  const { config } = deps;
  const now = deps.now ?? Date.now;
  const url = `${config.HUBSPOT_API_BASE.replace(/\/+$/, '')}${TOKEN_PATH}`;
  const timeoutMs = config.HUBSPOT_TIMEOUT_MS ?? DEFAULT_REQUEST_TIMEOUT_MS;

  async function post(form: Record<string, string>): Promise<unknown> {
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams(form).toString(),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      if (err instanceof Error && err.name === 'TimeoutError') throw new RequestTimeoutError(`no answer from HubSpot's token endpoint within ${timeoutMs} ms`);
      throw err;
    }
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // an HTML error page or an empty body: toAppError reads it as text
    }
    if (!res.ok) throw new TokenEndpointError(res.status, body, Object.fromEntries(res.headers));
    return body;
  }

  async function grant(form: Record<string, string>): Promise<TokenGrant> {
    let body: unknown;
    try {
      body = await post({ ...form, ...credentials(config) });
    } catch (err) {
      throw toAppError(err, now());
    }
    const parsed = TokenResponseSchema.safeParse(body);
    if (!parsed.success) throw new PermanentError('unexpected token response from HubSpot');
    return parsed.data;
  }

  return {
    exchangeCode: (code, redirectUri) => grant({ grant_type: 'authorization_code', code, redirect_uri: redirectUri }),
    refresh: (refreshToken) => grant({ grant_type: 'refresh_token', refresh_token: refreshToken }),
  };
}
