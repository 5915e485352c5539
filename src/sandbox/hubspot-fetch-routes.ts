// The parts of HubSpot the app's own pages depend on:
// - settings/v3 users, teams and roles (Bearer token; the optional scopes settings.users.read and
//   settings.users.teams.read, 403 MISSING_SCOPES without them), so the app can tell super admins;
// - POST /sandbox/hubspot-fetch, which plays HubSpot's proxy for hubspot.fetch: given the URL an
//   extension fetches and the portal and user it runs for, it appends portalId, userId, userEmail
//   and appId to the query, signs method, URL, body and timestamp with the app's client secret
//   (signature v3) and forwards the request, answering with the app's status and body (or, with
//   signOnly, answers the signed request for a script to send). It forwards only to this machine
//   (loopback), like a sandbox should.
import express, { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { signProxyRequest } from '../hubspot/proxy-request.ts';
import { authenticate, rateLimit } from './crm-middleware.ts';
import { sendError, sendJson } from './http-errors.ts';
import { SANDBOX_ROLES, SANDBOX_USERS, sandboxTeams } from './portal-users.ts';
import { accessTokenOf, type SandboxContext } from './sandbox-context.ts';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
/** hubspot.fetch's longest timeout. */
const FETCH_TIMEOUT_MS = 15_000;

const FetchRequestSchema = z.object({
  url: z.url(),
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).default('GET'),
  /** The JSON body the extension sends, if any. */
  body: z.unknown().optional(),
  portalId: z.string().regex(/^\d{1,20}$/),
  userId: z.string().regex(/^\d{1,20}$/),
  /** The only header an extension may add. */
  authorization: z.string().max(4096).optional(),
  /** Answer the signed request ({url, method, headers, body}) instead of sending it: for scripts and tests. */
  signOnly: z.boolean().default(false),
});

function requireScope(ctx: SandboxContext, res: Response, scope: string): boolean {
  const grant = ctx.oauth.lookup(accessTokenOf(res) ?? '');
  if (grant?.scopes.includes(scope)) return true;
  sendError(res, 403, 'MISSING_SCOPES', "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.", {
    errors: [{ message: 'One or more of the following scopes are required.', context: { requiredGranularScopes: [scope] } }],
  });
  return false;
}

const publicUser = (u: (typeof SANDBOX_USERS)[number]) => ({ ...u, roleIds: u.roleId ? [u.roleId] : [], sendWelcomeEmail: false });

function usersRoutes(ctx: SandboxContext): Router {
  const router = Router();
  router.use('/settings/v3/users', authenticate(ctx), rateLimit(ctx));
  router.get('/settings/v3/users/teams', (_req, res) => {
    if (!requireScope(ctx, res, 'settings.users.teams.read')) return;
    sendJson(res, 200, { results: sandboxTeams() });
  });
  router.get('/settings/v3/users/roles', (_req, res) => {
    if (!requireScope(ctx, res, 'settings.users.read')) return;
    sendJson(res, 200, { results: SANDBOX_ROLES });
  });
  router.get('/settings/v3/users', (req, res) => {
    if (!requireScope(ctx, res, 'settings.users.read')) return;
    const limit = Math.min(100, Math.max(1, Number(req.query.limit ?? 100) || 100));
    const start = Number(req.query.after ?? 0) || 0;
    const page = SANDBOX_USERS.slice(start, start + limit).map(publicUser);
    const next = start + limit < SANDBOX_USERS.length ? { paging: { next: { after: String(start + limit) } } } : {};
    sendJson(res, 200, { results: page, ...next });
  });
  router.get('/settings/v3/users/:userId', (req, res) => {
    if (!requireScope(ctx, res, 'settings.users.read')) return;
    const byEmail = req.query.idProperty === 'EMAIL';
    const user = SANDBOX_USERS.find((u) => (byEmail ? u.email === req.params.userId : u.id === req.params.userId));
    if (!user) return sendError(res, 404, 'OBJECT_NOT_FOUND', `User ${req.params.userId} not found`);
    sendJson(res, 200, publicUser(user));
  });
  return router;
}

async function forward(ctx: SandboxContext, req: Request, res: Response): Promise<void> {
  const parsed = FetchRequestSchema.safeParse(req.body);
  if (!parsed.success) return sendError(res, 400, 'VALIDATION_ERROR', `send {url, method, body, portalId, userId}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const { url, method, portalId, userId, authorization } = parsed.data;
  const target = new URL(url);
  if (!LOOPBACK.has(target.hostname) || !/^https?:$/.test(target.protocol)) return sendError(res, 400, 'VALIDATION_ERROR', 'the sandbox forwards only to this machine (127.0.0.1, localhost)');
  if (!ctx.portal(portalId)) return sendError(res, 404, 'OBJECT_NOT_FOUND', `no sandbox portal ${portalId}`);
  const user = SANDBOX_USERS.find((u) => u.id === userId);
  if (!user) return sendError(res, 404, 'OBJECT_NOT_FOUND', `no user ${userId} in sandbox portal ${portalId}`);
  const body = parsed.data.body === undefined || method === 'GET' ? undefined : JSON.stringify(parsed.data.body);
  const signed = signProxyRequest({
    secret: ctx.clientSecret, method, url, body, now: ctx.now(),
    caller: { portalId, userId, userEmail: user.email, appId: ctx.appId },
  });
  if (parsed.data.signOnly) return sendJson(res, 200, { url: signed.url, method, headers: signed.headers, body: body ?? null });
  let answer: globalThis.Response;
  try {
    answer = await fetch(signed.url, {
      method, body, signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
      headers: { ...signed.headers, ...(body ? { 'content-type': 'application/json' } : {}), ...(authorization ? { authorization } : {}) },
    });
  } catch (err) {
    return sendError(res, 502, 'BAD_GATEWAY', `the app did not answer: ${(err as Error).message}`);
  }
  res.status(answer.status).set('content-type', answer.headers.get('content-type') ?? 'application/octet-stream').send(Buffer.from(await answer.arrayBuffer()));
}

export function hubspotFetchRoutes(ctx: SandboxContext): Router {
  const router = usersRoutes(ctx);
  router.post('/sandbox/hubspot-fetch', express.json({ limit: '1mb' }), (req, res, next) => void forward(ctx, req, res).catch(next));
  return router;
}
