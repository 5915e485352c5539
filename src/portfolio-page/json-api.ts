// The JSON side of the admin API (what-if, settings): a body parser that reads JSON whatever the
// content type (curl -d sends form encoding by default), and an error handler that answers JSON
// and logs once, at this boundary.
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import type { Logger } from '../logger.ts';

export const MAX_SETTINGS_BYTES = '256kb';

const EMPTY = Symbol('empty body');
type Marked = { [EMPTY]?: boolean; body?: unknown };

/**
 * Parses JSON whatever the content type. An empty body stays undefined: the parser would make it
 * `{}`, and `{}` is valid settings (all defaults), so an empty PUT would silently reset a portal.
 */
export function jsonBody(): RequestHandler[] {
  return [
    express.json({
      limit: MAX_SETTINGS_BYTES, type: () => true, strict: false,
      verify: (req, _res, buf) => {
        if (buf.length === 0) (req as Marked)[EMPTY] = true;
      },
    }),
    (req, _res, next) => {
      if ((req as Marked)[EMPTY]) req.body = undefined;
      next();
    },
  ];
}

export function jsonErrors(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    const e = err as { type?: string; message?: string; status?: number };
    if (e.type === 'entity.parse.failed') {
      res.status(400).json({ error: 'the body is not valid JSON', problems: [`(body): ${e.message ?? 'not JSON'}`] });
      return;
    }
    if (e.type === 'entity.too.large') {
      res.status(413).json({ error: `the body is larger than ${MAX_SETTINGS_BYTES}` });
      return;
    }
    // The body parser's other refusals are the client's doing (a body that is not the gzip or
    // deflate it says it is, an unsupported charset or encoding): its status, never a 500 and an error log.
    if (e.status !== undefined && e.status >= 400 && e.status < 500) {
      res.status(e.status).json({ error: 'the body could not be read', problems: [`(body): ${e.message ?? 'unreadable'}`] });
      return;
    }
    logger.error({ err, method: req.method, path: req.path }, 'admin api request failed');
    res.status(500).json({ error: 'internal error; see the server log' });
  };
}
