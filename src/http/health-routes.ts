// /healthz: the process answers, and on which Node (the project brings its own; see package.json). /readyz: Redis answers (so webhooks can be taken) and the queues
// are not stuck (a flush waiting for minutes means no worker is taking jobs).
import type { Queue } from 'bullmq';
import { Router } from 'express';
import type { RedisClient } from '../store/redis-client.ts';

export const STUCK_AFTER_MS = 5 * 60_000;

async function oldestWaitingMs(queues: readonly Queue[], now: number): Promise<number> {
  let oldest = 0;
  for (const q of queues) {
    const [job] = await q.getWaiting(0, 0);
    if (job) oldest = Math.max(oldest, now - job.timestamp - (job.opts.delay ?? 0));
  }
  return oldest;
}

export function createHealthRouter(deps: { redis: RedisClient; queues?: Queue[]; now?: () => number }): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', node: process.version });
  });
  router.get('/readyz', async (_req, res) => {
    try {
      await deps.redis.ping();
      const waitingMs = await oldestWaitingMs(deps.queues ?? [], (deps.now ?? Date.now)());
      if (waitingMs > STUCK_AFTER_MS) {
        res.status(503).json({ status: 'not ready', redis: 'ok', queues: `a job has waited ${Math.round(waitingMs / 1000)} s: are workers running?` });
        return;
      }
      res.json({ status: 'ready', redis: 'ok', queues: 'ok' });
    } catch {
      res.status(503).json({ status: 'not ready', redis: 'unreachable' });
    }
  });
  return router;
}
