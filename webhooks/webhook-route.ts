// POST /webhooks/hubspot: verify the exact bytes, parse, mark durably, then 200. Nothing is
// written before the signature holds; 503 whenever Redis did not take the marks, so HubSpot retries.
// The door comes first (R10): headers that condemn the request are refused before its body is read,
// the bodies still arriving are held to a budget of bytes and requests, and a body that does not
// arrive in time is dropped. Every refusal closes the connection.
import express, { type NextFunction, type Request, type RequestHandler, type Response, type Router } from 'express';
import type { Queue } from 'bullmq';
import type { Config } from '../src/config.ts';
import { createLogBudget, type LogBudget } from '../src/log-budget.ts';
import type { Logger } from '../src/logger.ts';
import type { FlushJobData } from '../src/queues.ts';
import { addDeadLetter } from '../src/store/dead-letters.ts';
import { countWebhookStats } from '../src/store/webhook-stats.ts';
import { checkWebhookHeaders } from './door-check.ts';
import { ingestBatch, type IngestDeps } from './ingest-batch.ts';
import type { InstalledCheck } from './installed-portals.ts';
import { createUnverifiedBudget, type UnverifiedBudget } from './unverified-budget.ts';
import { verifyHubSpotRequest } from './verify-signature.ts';
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
  onOutcome?: (outcome: WebhookOutcome, events: number) => void;
  /** Shared by every request of this process; built from the config when not given. */
  budget?: UnverifiedBudget;
  /** Whether portals are installed (batched; may cache briefly). Without it every portal counts as installed. */
  installed?: InstalledCheck;
}

/** `shed`: refused for lack of room in the unverified budget, or dropped for a body that stalled. */
export type WebhookOutcome = 'accepted' | 'refused' | 'shed' | 'unavailable';

// Sent with every refusal: the connection is closed after the answer, so a refused client cannot
// keep it (and its unread body) open.
function refuse(res: Response, status: number): void {
  if (res.headersSent) return;
  res.set('Connection', 'close');
  if (status === 503) res.set('Retry-After', '1');
  res.status(status).end();
}

/** Header check, then a place in the unverified budget held until the request is answered. */
function door(deps: WebhookRouterDeps, log: Logger): RequestHandler {
  const { config } = deps;
  const budget = deps.budget ?? createUnverifiedBudget({
    maxBytes: config.WEBHOOK_UNVERIFIED_MAX_BYTES, maxRequests: config.WEBHOOK_UNVERIFIED_MAX_REQUESTS, evictAfterMs: config.WEBHOOK_BODY_TIMEOUT_MS / 5,
  });
  const secrets = [config.HUBSPOT_CLIENT_SECRET, config.HUBSPOT_CLIENT_SECRET_PREVIOUS].filter(Boolean);
  return (req, res, next) => {
    const verdict = secrets.length
      ? checkWebhookHeaders({
        signature: req.get('x-hubspot-signature-v3'), timestamp: req.get('x-hubspot-request-timestamp'), contentLength: req.get('content-length'),
      }, deps.now(), config.WEBHOOK_MAX_BODY_BYTES)
      : { ok: false as const, status: 401 as const, reason: 'no-secret' };
    if (!verdict.ok) {
      // debug: a flood of refusals must not become a flood of log lines; /metrics counts them.
      log.debug({ status: verdict.status, reason: verdict.reason }, 'webhook refused at the door');
      deps.onOutcome?.('refused', 0);
      refuse(res, verdict.status);
      return;
    }
    const drop = (why: string): void => {
      log.debug({ why }, 'webhook body dropped');
      deps.onOutcome?.('shed', 0);
      refuse(res, 503);
      req.destroy();
    };
    const place = budget.tryAcquire(verdict.bytes, () => drop('evicted'));
    if (!place) {
      deps.onOutcome?.('shed', 0);
      refuse(res, 503);
      return;
    }
    const timer = setTimeout(() => drop('body timeout'), config.WEBHOOK_BODY_TIMEOUT_MS);
    const done = (): void => {
      clearTimeout(timer);
      place.release();
    };
    // The body is in (or the request is gone): its place returns to the budget before verification.
    req.once('end', done);
    res.once('close', done);
    next();
  };
}

/** Mount before any global body parser: the signature needs the raw bytes. */
export function createWebhookRouter(deps: WebhookRouterDeps): Router {
  const router = express.Router();
  const log = deps.logger.child({ route: WEBHOOK_PATH });
  const raw = express.raw({ type: () => true, limit: deps.config.WEBHOOK_MAX_BODY_BYTES });
  // Forged bodies that get through the door are refused after verification: at most 60 lines a
  // minute of them per process (a wrong secret still shows at once); /metrics counts every one.
  const refusals = createLogBudget(60, deps.now);
  router.post(WEBHOOK_PATH, door(deps, log), raw, (req, res) => handleWebhook(deps, log, refusals, req, res));
  router.use(WEBHOOK_PATH, (err: unknown, _req: Request, res: Response, next: NextFunction) => {
    const status = (err as { status?: number }).status;
    if (!status || status >= 500) return next(err);
    log.debug({ status, type: (err as { type?: string }).type }, 'webhook body refused');
    deps.onOutcome?.('refused', 0);
    refuse(res, status);
  });
  return router;
}

async function handleWebhook(deps: WebhookRouterDeps, log: Logger, refusals: LogBudget, req: Request, res: Response): Promise<void> {
  const started = deps.now();
  // No body at all leaves req.body undefined: verify it as empty (and refuse it as unsigned).
  const rawBody: unknown = req.body ?? Buffer.alloc(0);
  if (!Buffer.isBuffer(rawBody)) {
    log.error({ status: 500 }, 'webhook body already parsed: mount the webhook router before body parsers');
    res.status(500).end();
    return;
  }
  const verdict = verifyHubSpotRequest(req, rawBody, deps.config, started);
  if (!verdict.ok) {
    const line = refusals.take();
    if (line) log.warn({ status: 401, reason: verdict.reason, bytes: rawBody.length, ...(line.skipped ? { notLogged: line.skipped } : {}) }, 'webhook refused');
    deps.onOutcome?.('refused', 0);
    refuse(res, 401);
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
    appId: deps.config.HUBSPOT_APP_ID, flushDelayMs: deps.config.FLUSH_DELAY_MS, installed: deps.installed,
  };
  try {
    const outcome = await ingestBatch(ingest, body);
    if (outcome.kind === 'invalid') {
      const { id } = await addDeadLetter(deps.redis, deps.prefix, { receivedAt: started, reason: 'schema', issues: outcome.issues, body });
      const statsCounted = await bestEffortStats(deps, { 'dead-lettered': 1 });
      return { status: 200, level: 'warn', message: 'webhook batch dead-lettered', fields: { deadLetterId: id, issues: outcome.issues.slice(0, 3), statsCounted } };
    }
    // One bucket for every type we do not handle: their names come from the sender and are unbounded.
    const unknownTypes = Object.values(outcome.unknownTypes).reduce((a, n) => a + n, 0);
    const statsCounted = await bestEffortStats(deps, { 'unknown-type': unknownTypes, 'dropped-own': outcome.droppedOwn, 'not-installed': outcome.notInstalled });
    const fields = {
      events: outcome.events, portals: outcome.portals.slice(0, 20), portalCount: outcome.portals.length,
      droppedOwn: outcome.droppedOwn, notInstalled: outcome.notInstalled, unknownTypes, statsCounted,
    };
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
async function bestEffortStats(deps: WebhookRouterDeps, counts: Parameters<typeof countWebhookStats>[2]): Promise<boolean> {
  return countWebhookStats(deps.redis, deps.prefix, counts).then(() => true, () => false);
}
