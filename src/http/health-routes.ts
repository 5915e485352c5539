// /healthz: the process answers. /readyz: Redis answers, so webhooks can be taken.
import { Router } from 'express';
import type { Redis } from 'ioredis';

export function createHealthRouter(deps: { redis: Redis }): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    try {
      await deps.redis.ping();
      res.json({ status: 'ready', redis: 'ok' });
    } catch {
      res.status(503).json({ status: 'not ready', redis: 'unreachable' });
    }
  });
  return router;
}
