// In front of every CRM route, in HubSpot's order: a Bearer token that is known and not expired
// (401 otherwise, with HubSpot's bodies), the portal's rate limit (429), then an injected fault if
// the dice say so (a portal's own fault settings when it has them). The app's own token makes its
// writes INTEGRATION changes from its app id; a private app's token (what people use by hand) makes
// them changes from that other app.
import type { NextFunction, Request, Response } from 'express';
import { sendError, sendJson } from './http-errors.ts';
import { rateLimitBody } from './rate-limit.ts';
import { portalIdOf, setCaller, type SandboxContext } from './sandbox-context.ts';

const NO_CREDENTIALS =
  'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview';

function sendExpired(ctx: SandboxContext, res: Response, expiresAt: number): void {
  const minutes = Math.max(0, Math.floor((ctx.now() - expiresAt) / 60_000));
  sendError(res, 401, 'EXPIRED_AUTHENTICATION', `The OAuth token used to make this call expired ${minutes} minute(s) ago.`, {
    context: { 'expire time': [new Date(expiresAt).toISOString()] },
  });
}

const bearerToken = (req: Request): string | undefined => /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];

export function authenticate(ctx: SandboxContext) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const token = bearerToken(req);
    const grant = token ? ctx.oauth.lookup(token) : undefined;
    const store = grant ? ctx.portal(grant.portalId) : undefined;
    if (!token || !grant || !store) return sendError(res, 401, 'INVALID_AUTHENTICATION', NO_CREDENTIALS);
    if (grant.expiresAt <= ctx.now()) return sendExpired(ctx, res, grant.expiresAt);
    setCaller(res, { portalId: grant.portalId, store, source: { changeSource: 'INTEGRATION', sourceId: grant.privateAppId ?? ctx.appId }, accessToken: token });
    next();
  };
}

export function rateLimit(ctx: SandboxContext) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const bucket = req.method === 'POST' && req.path.endsWith('/search') ? 'search' : 'api';
    const decision = ctx.rateLimit.take(String(res.locals.portalId), bucket);
    res.set(decision.headers);
    if (!decision.allowed) return sendJson(res, 429, decision.body, decision.headers);
    next();
  };
}

const SERVER_ERROR_STATUSES = [500, 502, 503, 504];

/** The portal a request's Bearer token belongs to (before authentication has run), if any. */
export function bearerPortal(ctx: SandboxContext, req: Request): string | undefined {
  const token = bearerToken(req);
  return token ? ctx.oauth.lookup(token)?.portalId : undefined;
}

export function injectFaults(ctx: SandboxContext) {
  return (_req: Request, res: Response, next: NextFunction): void => {
    const faults = ctx.faultsFor(portalIdOf(res));
    const fault = faults.draw();
    if (!fault) return next();
    const s = faults.settings;
    if (fault === 'serverError') {
      const status = SERVER_ERROR_STATUSES[(faults.counts.serverError - 1) % SERVER_ERROR_STATUSES.length] ?? 500;
      return sendError(res, status, 'INTERNAL_ERROR', 'internal error (injected by the sandbox)');
    }
    if (fault === 'rateLimit') {
      const body = rateLimitBody('api');
      return sendJson(res, 429, body, { 'retry-after': String(s.retryAfterSeconds), 'x-hubspot-correlation-id': String(body.correlationId) });
    }
    if (fault === 'tokenExpiry') {
      const token = String(res.locals.accessToken);
      ctx.oauth.expire(token);
      return sendExpired(ctx, res, ctx.oauth.lookup(token)?.expiresAt ?? ctx.now());
    }
    hang(ctx, res, s.hangMs);
  };
}

/** Never answers; the socket is dropped after `hangMs` (if set) or when the sandbox closes. */
function hang(ctx: SandboxContext, res: Response, hangMs: number): void {
  ctx.hanging.add(res);
  res.on('close', () => ctx.hanging.delete(res));
  if (hangMs > 0) {
    const timer = setTimeout(() => res.socket?.destroy(), hangMs);
    res.on('close', () => clearTimeout(timer));
  }
}
