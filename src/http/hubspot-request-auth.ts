// The door of every /api/hubspot route: the request must carry HubSpot's signature v3 over the URL
// we published (with its query) and the exact body bytes, checked by the same verifier as the
// webhook route (current and previous client secret, 5-minute window). Only then are the portal and
// the user read, and only from the query parameters HubSpot's proxy appends inside what it signs.
// Nothing is read from Redis before the signature holds; ADMIN_TOKEN opens nothing here.
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import { verifyHubSpotRequest } from '../hubspot/verify-signature.ts';
import type { PortalStore } from '../store/portal-store.ts';

export interface HubSpotCaller {
  portalId: string;
  userId: string;
  userEmail: string | null;
  appId: string;
}

export interface HubSpotAuthDeps {
  config: Pick<Config, 'PUBLIC_BASE_URL' | 'HUBSPOT_CLIENT_SECRET' | 'HUBSPOT_CLIENT_SECRET_PREVIOUS' | 'HUBSPOT_APP_ID'>;
  portals: Pick<PortalStore, 'isInstalled'>;
  logger: Logger;
  now: () => number;
}

/**
 * Settings are a few kilobytes; the largest valid ones (500 industries of 100 characters) stay
 * under this. Each history entry keeps a whole document, so this also bounds a portal's history.
 */
export const MAX_HUBSPOT_BODY_BYTES = 128 * 1024;

const ID = /^\d{1,20}$/;
// A HubSpot login email: bounded, no whitespace or control characters (it is logged and stored).
const EMAIL = /^[^\s@\u0000-\u001f\u007f-\u009f]{1,200}@[^\s@\u0000-\u001f\u007f-\u009f]{1,200}$/; // eslint-disable-line no-control-regex

type CallerResult = { ok: true; caller: HubSpotCaller } | { ok: false; problem: string };

/**
 * The caller from the signed query. Each parameter must appear once: the extension chooses the
 * URL it fetches, so a `portalId` it put there itself would sit beside the one HubSpot appends.
 */
export function callerFromQuery(originalUrl: string, appId: string | undefined): CallerResult {
  const query = new URL(originalUrl, 'http://local').searchParams;
  const one = (name: string): string | null | 'ambiguous' => {
    const all = query.getAll(name);
    return all.length > 1 ? 'ambiguous' : (all[0] ?? null);
  };
  const portalId = one('portalId');
  const userId = one('userId');
  const userEmail = one('userEmail');
  const caller = one('appId');
  for (const [name, value] of [['portalId', portalId], ['userId', userId], ['userEmail', userEmail], ['appId', caller]] as const) {
    if (value === 'ambiguous') return { ok: false, problem: `${name} appears more than once` };
  }
  if (!portalId || !ID.test(portalId)) return { ok: false, problem: 'no valid portalId' };
  if (!userId || !ID.test(userId)) return { ok: false, problem: 'no valid userId' };
  if (!caller || !ID.test(caller)) return { ok: false, problem: 'no valid appId' };
  if (appId && caller !== appId) return { ok: false, problem: 'signed for another app' };
  if (userEmail !== null && !EMAIL.test(userEmail)) return { ok: false, problem: 'userEmail is not an email address' };
  return { ok: true, caller: { portalId, userId, userEmail, appId: caller } };
}

export function callerOf(res: Response): HubSpotCaller {
  const caller = (res.locals as { hubspotCaller?: HubSpotCaller }).hubspotCaller;
  if (!caller) throw new Error('hubspot caller missing: mount hubspotRequestAuth first');
  return caller;
}

function refuse(res: Response, status: number, error: string): void {
  res.status(status).setHeader('Cache-Control', 'no-store');
  res.json({ error });
}

export function hubspotRequestAuth(deps: HubSpotAuthDeps): RequestHandler[] {
  const log = deps.logger.child({ route: '/api/hubspot' });
  const raw = express.raw({ type: () => true, limit: MAX_HUBSPOT_BODY_BYTES });
  const check = async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const verdict = verifyHubSpotRequest(req, rawBody, deps.config, deps.now());
    if (!verdict.ok) {
      log.warn({ status: 401, reason: verdict.reason, method: req.method, path: req.path }, 'hubspot request refused');
      return refuse(res, 401, 'this request is not signed by HubSpot (or its signature is stale); open the app inside HubSpot');
    }
    const caller = callerFromQuery(req.originalUrl, deps.config.HUBSPOT_APP_ID);
    if (!caller.ok) {
      log.warn({ status: 401, problem: caller.problem, path: req.path }, 'hubspot request refused');
      return refuse(res, 401, `the signed request does not say who is asking: ${caller.problem}`);
    }
    const { portalId } = caller.caller;
    if (!(await deps.portals.isInstalled(portalId))) {
      log.info({ status: 404, portalId, path: req.path }, 'hubspot request for a portal that has not installed');
      return refuse(res, 404, `HubSpot account ${portalId} has not installed the app (or has uninstalled it); install it again to use this page`);
    }
    if (rawBody.length === 0) req.body = undefined;
    else {
      try {
        req.body = JSON.parse(rawBody.toString('utf8'));
      } catch (err) {
        return void res.status(400).json({ error: 'the body is not valid JSON', problems: [`(body): ${(err as Error).message}`] });
      }
    }
    (res.locals as { hubspotCaller?: HubSpotCaller }).hubspotCaller = caller.caller;
    next();
  };
  return [raw, (req, res, next) => void check(req, res, next).catch(next)];
}
