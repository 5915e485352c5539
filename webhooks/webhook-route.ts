// POST /webhooks/hubspot: verify the exact bytes, parse, mark durably, then 200. Nothing is
// written before the signature holds; 503 whenever Redis did not take the marks, so HubSpot retries.
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { Queue } from 'bullmq';
import type { Config } from '../src/config.ts';
import type { Logger } from '../src/logger.ts';
import type { FlushJobData } from '../src/queues.ts';
import { addDeadLetter } from '../src/store/dead-letters.ts';
import { countWebhookStats } from '../src/store/webhook-stats.ts';
import { ingestBatch, type IngestDeps } from './ingest-batch.ts';
import { signedUri, verifySignature } from './verify-signature.ts';
import type { RedisClient } from '../src/store/redis-client.ts';

export const WEBHOOK_PATH = '/webhooks/hubspot';

export interface WebhookRouterDeps {
  config: Config;
  /** A producer connection (see createProducerRedis): no offline queue, short command timeout. */
  redis: RedisClient;
  prefix: string;
  flushQueue: Queue<FlushJobData>;
  logger: Logger;
  now: () => number;
  /** In-process counters for /metrics; refusals never touch Redis (R1: a forged request writes nothing). */
  onOutcome?: (outcome: 'accepted' | 'refused' | 'unavailable', events: number) => void;
}

/** Mount before any global body parser: the signature needs the raw bytes. */
export function createWebhookRouter(deps: WebhookRouterDeps): Router {
  const router = express.Router();
  const log = deps.logger.child({ route: WEBHOOK_PATH });
  const raw = express.raw({ type: () => true, limit: deps.config.WEBHOOK_MAX_BODY_BYTES });
  router.post(WEBHOOK_PATH, raw, (req, res) => handleWebhook(deps, log, req, res));
  router.use(WEBHOOK_PATH, (err: unknown, _req: Request, res: Response, next: NextFunction) => {
    const status = (err as { status?: number }).status;
    if (!status || status >= 500) return next(err);
    log.warn({ status, type: (err as { type?: string }).type }, 'webhook body refused');
    res.status(status).end();
  });
  return router;
}

async function handleWebhook(deps: WebhookRouterDeps, log: Logger, req: Request, res: Response): Promise<void> {
  const started = deps.now();
  // No body at all leaves req.body undefined: verify it as empty (and refuse it as unsigned).
  const rawBody: unknown = req.body ?? Buffer.alloc(0);
  if (!Buffer.isBuffer(rawBody)) {
    log.error({ status: 500 }, 'webhook body already parsed: mount the webhook router before body parsers');
    res.status(500).end();
    return;
  }
  const verdict = verifySignature(
    {
      method: req.method,
      uri: signedUri(deps.config.PUBLIC_BASE_URL, req.originalUrl),
      rawBody,
      signature: req.get('x-hubspot-signature-v3'),
      timestamp: req.get('x-hubspot-request-timestamp'),
    },
    [deps.config.HUBSPOT_CLIENT_SECRET, deps.config.HUBSPOT_CLIENT_SECRET_PREVIOUS],
    started,
  );
  if (!verdict.ok) {
    log.warn({ status: 401, reason: verdict.reason, bytes: rawBody.length }, 'webhook refused');
    deps.onOutcome?.('refused', 0);
    res.status(401).end();
    return;
  }
  const result = await acceptBatch(deps, rawBody.toString('utf8'), started);
  const fields = { ...result.fields, status: result.status, ms: deps.now() - started };
  log[result.level](fields, result.message);
  deps.onOutcome?.(result.status === 200 ? 'accepted' : 'unavailable', Number(result.fields.events ?? 0));
  res.status(result.status).end();
}

interface Accepted {
  status: 200 | 503;
  level: 'debug' | 'warn' | 'error';
  message: string;
  fields: Record<string, unknown>;
}

async function acceptBatch(deps: WebhookRouterDeps, body: string, started: number): Promise<Accepted> {
  const ingest: IngestDeps = {
    redis: deps.redis, prefix: deps.prefix, flushQueue: deps.flushQueue,
    appId: deps.config.HUBSPOT_APP_ID, flushDelayMs: deps.config.FLUSH_DELAY_MS,
  };
  try {
    const outcome = await ingestBatch(ingest, body);
    if (outcome.kind === 'invalid') {
      const { id } = await addDeadLetter(deps.redis, deps.prefix, { receivedAt: started, reason: 'schema', issues: outcome.issues, body });
      const statsCounted = await bestEffortStats(deps, { 'dead-lettered': 1 });
      return { status: 200, level: 'warn', message: 'webhook batch dead-lettered', fields: { deadLetterId: id, issues: outcome.issues.slice(0, 3), statsCounted } };
    }
    const unknown = Object.fromEntries(Object.entries(outcome.unknownTypes).map(([t, n]) => [`unknown:${t}`, n]));
    const statsCounted = await bestEffortStats(deps, { ...unknown, 'dropped-own': outcome.droppedOwn });
    const fields = { events: outcome.events, portals: outcome.portals, droppedOwn: outcome.droppedOwn, statsCounted };
    if (!outcome.flushErrors.length) return { status: 200, level: 'debug', message: 'webhook accepted', fields };
    // The marks are durable and the portals are in dirtyPortals: the sweeper will queue the flush.
    const err = outcome.flushErrors[0]?.err;
    const flushFailed = outcome.flushErrors.map((f) => f.portalId);
    return { status: 200, level: 'warn', message: 'webhook accepted, flush left to the sweeper', fields: { ...fields, flushFailed, err } };
  } catch (err) {
    return { status: 503, level: 'error', message: 'webhook not stored', fields: { err } };
  }
}

// Counters must never turn an accepted batch into a 503: the marks are already durable.
async function bestEffortStats(deps: WebhookRouterDeps, counts: Record<string, number>): Promise<boolean> {
  return countWebhookStats(deps.redis, deps.prefix, counts).then(() => true, () => false);
}
