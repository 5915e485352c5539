// The sandbox's HTTP app: every request logged by endpoint kind, delayed by the configured latency,
// then OAuth (no token) or the CRM (Bearer token, rate limit, faults, JSON body) routes. Unknown
// paths are a 404 and anything unexpected a 500, both in HubSpot's error shape.
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Logger } from '../logger.ts';
import { accountInfoRoutes } from './account-info-routes.ts';
import { associationsRoutes } from './associations-routes.ts';
import { callKind } from './call-kinds.ts';
import { crmBatchRoutes } from './crm-batch-routes.ts';
import { authenticate, bearerPortal, injectFaults, rateLimit } from './crm-middleware.ts';
import { crmObjectsRoutes } from './crm-objects-routes.ts';
import { hubspotFetchRoutes } from './hubspot-fetch-routes.ts';
import { sendError, sendFailure } from './http-errors.ts';
import { listsRoutes } from './lists-routes.ts';
import { oauthRoutes } from './oauth-routes.ts';
import { propertiesRoutes } from './properties-routes.ts';
import { portalIdOf, type SandboxContext } from './sandbox-context.ts';
import { SandboxError } from './sandbox-types.ts';
import { searchRoutes } from './search.ts';

/** A path fit for a log: token introspection paths carry the token itself. */
const safePath = (path: string): string => path.replace(/\/(access|refresh)-tokens\/[^/]+/, '/$1-tokens/[redacted]');

function logCalls(ctx: SandboxContext) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = performance.now();
    res.once('close', () => {
      ctx.calls.record({
        at: ctx.now(), method: req.method, path: safePath(req.path), kind: callKind(req.method, req.path),
        status: res.headersSent ? res.statusCode : 0, portalId: portalIdOf(res), durationMs: performance.now() - started,
      });
    });
    next();
  };
}

function latency(ctx: SandboxContext) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const ms = ctx.faultsFor(bearerPortal(ctx, req)).delayMs();
    if (ms > 0) setTimeout(next, ms);
    else next();
  };
}

function handleErrors(logger: Logger | undefined) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    if (res.headersSent) return;
    const type = (err as { type?: string }).type;
    if (type === 'entity.parse.failed') return sendError(res, 400, 'VALIDATION_ERROR', `Invalid input JSON: ${(err as Error).message}`);
    if (type === 'entity.too.large') return sendError(res, 413, 'VALIDATION_ERROR', 'Request body too large');
    if (!(err instanceof SandboxError)) logger?.error({ err, method: req.method, path: safePath(req.path) }, 'sandbox route failed');
    sendFailure(res, err);
  };
}

export function buildSandboxApp(ctx: SandboxContext, logger?: Logger): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(logCalls(ctx), latency(ctx));
  app.use(oauthRoutes(ctx));
  app.use(['/crm', '/account-info'], authenticate(ctx), rateLimit(ctx), injectFaults(ctx), express.json({ limit: '20mb' }));
  app.use(accountInfoRoutes(), crmBatchRoutes(), searchRoutes(), crmObjectsRoutes(ctx), associationsRoutes(ctx), propertiesRoutes(), listsRoutes(ctx));
  app.use(hubspotFetchRoutes(ctx));
  app.use((req: Request, res: Response) => sendError(res, 404, 'OBJECT_NOT_FOUND', `No sandbox endpoint for ${req.method} ${req.path}`));
  app.use(handleErrors(logger));
  return app;
}
