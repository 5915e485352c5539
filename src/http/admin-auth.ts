// Operator routes (queue dashboard, portfolio page, settings API, /metrics) need a token: as a
// bearer token for scripts and Prometheus, or as the password of HTTP basic auth for a browser.
// Compared in constant time. Without a token configured, the routes are closed, never open.
//
// A browser keeps basic-auth credentials and sends them with any request to this origin, including
// one another site makes it send (CSRF: a cross-site form POST to bull-board created jobs). So a
// state-changing admin request is refused unless the browser says it came from this origin, and no
// other site may frame an admin page (clickjacking).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

function presented(req: Request): string | null {
  const header = req.headers.authorization ?? '';
  if (header.startsWith('Bearer ')) return header.slice(7).trim();
  if (header.startsWith('Basic ')) {
    const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon >= 0 ? decoded.slice(colon + 1) : null;
  }
  return null;
}

/** Accepts any of the configured tokens (unset ones are ignored); `realm` names the surface. */
export function requireToken(tokens: readonly (string | undefined)[], realm: string, closedMessage: string): RequestHandler {
  const expected = tokens.filter((t): t is string => !!t).map(digest);
  return (req: Request, res: Response, next: NextFunction) => {
    if (!expected.length) {
      res.status(503).type('text/plain').send(`${closedMessage}\n`);
      return;
    }
    const given = presented(req);
    // Hashing both sides gives equal lengths, so timingSafeEqual never leaks a token's length; every
    // token is compared, so the timing does not tell which one matched either.
    const givenDigest = given === null ? null : digest(given);
    const ok = givenDigest !== null && expected.map((e) => timingSafeEqual(givenDigest, e)).includes(true);
    if (ok) {
      next();
      return;
    }
    res.setHeader('WWW-Authenticate', `Basic realm="${realm}", charset="UTF-8"`);
    res.status(401).type('text/plain').send('credentials required\n');
  };
}

export function requireAdmin(adminToken: string | undefined): RequestHandler {
  return requireToken([adminToken], 'kam admin', 'admin routes are disabled: set ADMIN_TOKEN to enable them');
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses (403) a state-changing request that a browser made for another site: `Sec-Fetch-Site`
 * other than same-origin, or an `Origin` that is neither ours (`publicOrigin`) nor the Host the
 * request was sent to. Scripts send neither header and are not affected (they hold the token
 * themselves; CSRF needs a browser that holds it).
 */
export function sameOriginOnly(publicOrigin: string): RequestHandler {
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const site = req.get('sec-fetch-site');
    const origin = req.get('origin');
    const own = new Set([publicOrigin, `${req.protocol}://${req.get('host') ?? ''}`]);
    if ((site && site !== 'same-origin') || (origin && !own.has(origin))) {
      res.status(403).type('text/plain').send('refused: this request came from another site\n');
      return;
    }
    next();
  };
}

/** No site may frame an operator page (CSP for current browsers, X-Frame-Options for older ones). */
export const noFraming: RequestHandler = (_req, res, next) => {
  res.set('Content-Security-Policy', "frame-ancestors 'none'");
  res.set('X-Frame-Options', 'DENY');
  next();
};
