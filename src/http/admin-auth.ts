// Admin routes (queue dashboard, portfolio page, settings API) need ADMIN_TOKEN: as a bearer token
// for scripts, or as the password of HTTP basic auth for a browser. Compared in constant time.
// Without ADMIN_TOKEN configured, admin routes are closed, never open.
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

export function requireAdmin(adminToken: string | undefined): RequestHandler {
  const expected = adminToken ? digest(adminToken) : null;
  return (req: Request, res: Response, next: NextFunction) => {
    if (!expected) {
      res.status(503).type('text/plain').send('admin routes are disabled: set ADMIN_TOKEN to enable them\n');
      return;
    }
    const given = presented(req);
    // Hashing both sides gives equal lengths, so timingSafeEqual never leaks the token's length.
    if (given !== null && timingSafeEqual(digest(given), expected)) {
      next();
      return;
    }
    res.setHeader('WWW-Authenticate', 'Basic realm="kam admin", charset="UTF-8"');
    res.status(401).type('text/plain').send('admin credentials required\n');
  };
}
