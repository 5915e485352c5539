// OAuth as HubSpot answers it: an authorize page that approves at once for the sandbox portal
// and redirects back with a one-time code and the state; the token endpoint (form body) for the
// code and refresh grants, with HubSpot's error statuses (BAD_CLIENT_ID, BAD_AUTH_CODE,
// BAD_REFRESH_TOKEN, …), at /oauth/v3/token (the app's; it names the hub and the installing user)
// and at the deprecated /oauth/v1/token; v1 token introspection, refresh token info and revocation.
import express, { Router, type Request, type Response } from 'express';
import { sendError, sendJson } from './http-errors.ts';
import type { SandboxContext } from './sandbox-context.ts';

const USER = 'sandbox.user@example.com';
/** The sandbox's one user, who installs the app. */
export const SANDBOX_USER_ID = 71234567;
const USER_ID = SANDBOX_USER_ID;
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const scopesOf = (...lists: unknown[]): string[] => [...new Set(lists.flatMap((l) => str(l).split(/[\s+]+/)).filter(Boolean))];

function oauthError(res: Response, status: string, error: string, message: string): void {
  sendJson(res, 400, { error, error_description: message, status, message });
}

function sendPage(res: Response, status: number, text: string): void {
  res.status(status).type('html').send(`<!doctype html><title>Sandbox HubSpot</title><p>${text.replace(/[<>&]/g, '')}</p>`);
}

function authorize(ctx: SandboxContext, req: Request, res: Response): void {
  const { client_id, redirect_uri, scope, optional_scope, state, portal_id } = req.query;
  if (str(client_id) !== ctx.clientId) return sendPage(res, 400, 'Authorization failed: unknown client_id.');
  const redirect = str(redirect_uri);
  if (!redirect || (ctx.redirectUris.length > 0 && !ctx.redirectUris.includes(redirect))) {
    return sendPage(res, 400, 'Authorization failed: redirect_uri does not match the app.');
  }
  const portalId = str(portal_id) || ctx.defaultPortalId;
  if (!ctx.portal(portalId)) return sendPage(res, 400, `Authorization failed: no sandbox portal ${portalId}.`);
  const code = ctx.oauth.issueCode(portalId, scopesOf(scope, optional_scope), redirect);
  const url = new URL(redirect);
  url.searchParams.set('code', code);
  if (str(state)) url.searchParams.set('state', str(state));
  res.redirect(302, url.toString());
}

function token(ctx: SandboxContext, req: Request, res: Response, version: 'v1' | 'v3'): void {
  const body = (req.body ?? {}) as Record<string, unknown>;
  if (str(body.client_id) !== ctx.clientId || str(body.client_secret) !== ctx.clientSecret) {
    return oauthError(res, 'BAD_CLIENT_ID', 'invalid_client', 'missing or unknown client id');
  }
  let issued;
  if (body.grant_type === 'authorization_code') {
    issued = ctx.oauth.redeemCode(str(body.code), str(body.redirect_uri));
    if (!issued) return oauthError(res, 'BAD_AUTH_CODE', 'invalid_grant', 'missing or unknown auth code');
  } else if (body.grant_type === 'refresh_token') {
    issued = ctx.oauth.refreshAccess(str(body.refresh_token));
    if (!issued) return oauthError(res, 'BAD_REFRESH_TOKEN', 'invalid_grant', 'refresh token is invalid, expired or revoked');
  } else {
    return oauthError(res, 'BAD_GRANT_TYPE', 'unsupported_grant_type', 'grant_type must be authorization_code or refresh_token');
  }
  sendJson(res, 200, {
    token_type: 'bearer', refresh_token: issued.refreshToken, access_token: issued.accessToken,
    hub_id: Number(issued.portalId), ...(version === 'v3' ? { user_id: USER_ID } : {}), scopes: issued.scopes, expires_in: issued.expiresIn,
  });
}

function accessTokenInfo(ctx: SandboxContext, req: Request, res: Response): void {
  const t = String(req.params.token ?? '');
  const grant = ctx.oauth.lookup(t);
  if (!grant) return sendError(res, 404, 'OBJECT_NOT_FOUND', 'The access token was not found.');
  const expiresIn = Math.floor((grant.expiresAt - ctx.now()) / 1000);
  if (expiresIn <= 0) return sendError(res, 401, 'EXPIRED_AUTHENTICATION', 'The access token has expired.');
  const signed = {
    expiresAt: grant.expiresAt, scopes: '', hubId: Number(grant.portalId), userId: USER_ID, appId: Number(ctx.appId), signature: '',
    scopeToScopeGroupPks: '', newSignature: '', hublet: 'na1', trialScopes: '', trialScopeToScopeGroupPks: '', isUserLevel: false,
  };
  sendJson(res, 200, {
    token: t, user: USER, hub_domain: `sandbox-${grant.portalId}.example`, scopes: grant.scopes, signed_access_token: signed,
    hub_id: Number(grant.portalId), app_id: Number(ctx.appId), expires_in: expiresIn, user_id: USER_ID, token_type: 'access',
  });
}

function refreshTokenInfo(ctx: SandboxContext, req: Request, res: Response): void {
  const t = String(req.params.token ?? '');
  const issued = ctx.oauth.refreshInfo(t);
  if (!issued) return sendError(res, 404, 'OBJECT_NOT_FOUND', 'The refresh token was not found.');
  sendJson(res, 200, {
    token: t, user: USER, hub_domain: `sandbox-${issued.portalId}.example`, scopes: issued.scopes,
    hub_id: Number(issued.portalId), client_id: ctx.clientId, user_id: USER_ID, token_type: 'refresh',
  });
}

export function oauthRoutes(ctx: SandboxContext): Router {
  const r = Router();
  r.get('/oauth/authorize', (req, res) => authorize(ctx, req, res));
  r.post('/oauth/v3/token', express.urlencoded({ extended: false }), (req, res) => token(ctx, req, res, 'v3'));
  r.post('/oauth/v1/token', express.urlencoded({ extended: false }), (req, res) => token(ctx, req, res, 'v1'));
  r.get('/oauth/v1/access-tokens/:token', (req, res) => accessTokenInfo(ctx, req, res));
  r.get('/oauth/v1/refresh-tokens/:token', (req, res) => refreshTokenInfo(ctx, req, res));
  r.delete('/oauth/v1/refresh-tokens/:token', (req, res) => {
    ctx.oauth.revokeRefreshToken(String(req.params.token ?? ''));
    res.status(204).end();
  });
  return r;
}
