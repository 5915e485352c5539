// The backend of the app home page and the app settings page, which HubSpot calls for them through
// hubspot.fetch: GET /api/hubspot/portfolio, POST /api/hubspot/what-if, GET and PATCH
// /api/hubspot/settings, GET /api/hubspot/settings/history, POST /api/hubspot/settings/restore.
// Every route is behind hubspotRequestAuth (HubSpot's signature; the portal and the user only from
// the signed query), then the portal admin's access rules; answers follow api-contract.ts.
import type { Queue } from 'bullmq';
import { Router, type ErrorRequestHandler, type Request, type Response } from 'express';
import mergePatch from 'json-merge-patch';
import type { Config } from '../config.ts';
import { parseSettings } from '../model/settings.ts';
import { requestPass, type PassJobData } from '../queues.ts';
import { conflictMessage, type SettingsStore, type StoredSettings, type WriteResult } from '../store/settings-store.ts';
import type { PortalAccess } from '../store/portal-access.ts';
import { documentBefore, type Actor } from '../store/settings-history.ts';
import {
  AccountListSchema, GroupFilterSchema, HUBSPOT_API, MAX_PAGE_SIZE, RestoreRequestSchema, SettingsPatchSchema, WhatIfRequestSchema,
  type AccessDenied, type PassProgress, type ProfitTarget,
} from '../hubspot-pages/api-contract.ts';
import { decideAccess, optionalFeatures, whomToAsk, type AccessDecision } from '../hubspot-pages/access-policy.ts';
import { accountPage, computingSummary, decodeCursor, portfolioSummary } from '../hubspot-pages/portfolio-pages.ts';
import { profitTargetOf } from '../hubspot-pages/portfolio-snapshot.ts';
import { historyEntryView, settingsView } from '../hubspot-pages/settings-view.ts';
import type { SnapshotCache } from '../hubspot-pages/snapshot-cache.ts';
import type { UserDirectory } from '../hubspot-pages/user-directory.ts';
import type { WhatIfRunner } from '../hubspot-pages/what-if-runner.ts';
import { callerOf, hubspotRequestAuth, MAX_HUBSPOT_BODY_BYTES, type HubSpotAuthDeps, type HubSpotCaller } from './hubspot-request-auth.ts';
import { baseVersionOf, etagOf } from './if-match.ts';

export interface HubSpotRouteDeps extends HubSpotAuthDeps {
  config: HubSpotAuthDeps['config'] & Pick<Config, 'HUBSPOT_AUTHORIZE_URL'>;
  settings: Pick<SettingsStore, 'get' | 'write' | 'history' | 'notePass'>;
  snapshots: SnapshotCache;
  whatIf: WhatIfRunner;
  directory: UserDirectory;
  passQueue: Queue<PassJobData>;
  /** The user who installed the app in the portal, where the install recorded it. */
  installerOf: (portalId: string) => Promise<string | null>;
  /** How long a first load waits for the portfolio to be scored before answering 'computing' (default 5 s). */
  firstLoadWaitMs?: number;
}

/** HubSpot's app host (app.hubspot.com), where company records open. */
const appOriginOf = (config: Pick<Config, 'HUBSPOT_AUTHORIZE_URL'>): string => new URL(config.HUBSPOT_AUTHORIZE_URL).origin;

interface Ctx {
  caller: HubSpotCaller;
  stored: StoredSettings;
  installerId: string | null;
  decision: AccessDecision;
}

async function context(deps: HubSpotRouteDeps, res: Response): Promise<Ctx> {
  const caller = callerOf(res);
  const [stored, installerId] = await Promise.all([deps.settings.get(caller.portalId), deps.installerOf(caller.portalId)]);
  const decision = await decideAccess({ portalId: caller.portalId, userId: caller.userId, access: stored.access, installerId }, deps.directory);
  return { caller, stored, installerId, decision };
}

/** 403 saying whom to ask; true when the caller may go on. */
async function allowed(deps: HubSpotRouteDeps, ctx: Ctx, res: Response, need: 'view' | 'edit'): Promise<boolean> {
  if (need === 'view' ? ctx.decision.canView : ctx.decision.canEdit) return true;
  const askWhom = await whomToAsk({ portalId: ctx.caller.portalId, userId: ctx.caller.userId, access: ctx.stored.access, installerId: ctx.installerId }, deps.directory);
  const superAdminsMay = ctx.stored.access.superAdmins && (await deps.directory.granted(ctx.caller.portalId)).users;
  const who = [...askWhom.map((p) => p.name ?? p.email ?? `HubSpot user ${p.userId}`), ...(superAdminsMay ? ['a super admin of this HubSpot account'] : [])];
  const what = need === 'view' ? 'You may not see the key-account portfolio of this HubSpot account' : 'You may not change the key-account settings of this HubSpot account';
  // No one to ask: the install predates recording its user and super admins cannot be recognised.
  const reinstall = `${deps.config.PUBLIC_BASE_URL.replace(/\/+$/, '')}/oauth/install`;
  const body: AccessDenied = {
    error: who.length
      ? `${what}; ask ${who.join(', ')} to add you on the app's settings page.`
      : `${what}, and no one is set up to manage the app here yet: a HubSpot super admin can install it again from ${reinstall} and then add users on its settings page.`,
    reason: need === 'view' ? 'not-a-viewer' : 'not-an-editor',
    askWhom,
    superAdminsMay,
  };
  res.status(403).json(body);
  return false;
}

const noStore = (res: Response): Response => res.setHeader('Cache-Control', 'no-store');

async function getPortfolio(deps: HubSpotRouteDeps, req: Request, res: Response): Promise<void> {
  const ctx = await context(deps, res);
  if (!(await allowed(deps, ctx, res, 'view'))) return;
  const { portalId } = ctx.caller;
  const appOrigin = appOriginOf(deps.config);
  const q = new URL(req.originalUrl, 'http://local').searchParams;
  const listParam = q.get('list');
  noStore(res);
  if (listParam === null && q.get('group') === null) {
    const snapshot = await deps.snapshots.get(portalId, ctx.stored.version, deps.firstLoadWaitMs ?? 5000);
    res.json(snapshot ? portfolioSummary(snapshot, ctx.stored.version, appOrigin, null) : computingSummary(portalId, ctx.stored.version, null, profitTargetOf(ctx.stored.settings)));
    return;
  }
  // A group alone asks for all of its companies.
  const list = AccountListSchema.safeParse(listParam ?? 'all');
  const cursorText = q.get('cursor');
  const cursor = cursorText === null ? undefined : decodeCursor(cursorText);
  const limitText = q.get('limit');
  const limit = limitText === null ? undefined : Number(limitText);
  const groupText = q.get('group');
  const group = groupText === null ? undefined : GroupFilterSchema.safeParse(groupText);
  const problems = [
    ...(list.success ? [] : [`list: one of ${AccountListSchema.options.join(', ')}`]),
    ...(cursor === null ? ['cursor: not a cursor this server gave'] : []),
    ...(limit !== undefined && !(Number.isInteger(limit) && limit >= 1 && limit <= MAX_PAGE_SIZE) ? [`limit: a whole number from 1 to ${MAX_PAGE_SIZE}`] : []),
    ...(group !== undefined && !group.success ? ['group: a company id (1 to 20 digits), the top company of the group'] : []),
  ];
  if (!list.success || cursor === null || problems.length) return void res.status(400).json({ error: 'bad page request', problems });
  const snapshot = await deps.snapshots.get(portalId, ctx.stored.version, deps.firstLoadWaitMs ?? 5000);
  if (!snapshot) return void res.status(503).setHeader('Retry-After', '2').json({ error: 'the portfolio is still being scored; try again in a moment', retryAfterSeconds: 2 });
  res.json({ portalId, asOf: snapshot.asOf, page: accountPage(snapshot, list.data, appOrigin, { cursor, limit, group: group?.data }) });
}

function invalid(res: Response, problems: string[], issues?: Array<{ path: string; message: string }>): void {
  res.status(400).json({ error: 'invalid settings', problems, ...(issues ? { issues } : {}) });
}

async function postWhatIf(deps: HubSpotRouteDeps, req: Request, res: Response): Promise<void> {
  const ctx = await context(deps, res);
  if (!(await allowed(deps, ctx, res, 'view'))) return;
  const body = WhatIfRequestSchema.safeParse(req.body);
  if (!body.success) return invalid(res, ['(body): send {"settings": {…}}, the proposed change as a JSON merge patch over the current settings']);
  const proposed = parseSettings(mergePatch.apply(structuredClone(ctx.stored.settings), body.data.settings));
  if (!proposed.ok) return invalid(res, proposed.problems.map((p) => `settings.${p}`));
  const outcome = await deps.whatIf.run(ctx.caller.portalId, ctx.stored, proposed.settings);
  noStore(res);
  if (!outcome.ok) return void res.status(429).setHeader('Retry-After', String(outcome.retryAfterSeconds)).json({ error: `${outcome.reason}; try again in ${outcome.retryAfterSeconds} s`, retryAfterSeconds: outcome.retryAfterSeconds });
  res.json(outcome.result);
}

/** The pass the last settings save queued, as the settings page shows it. */
async function passProgress(deps: HubSpotRouteDeps, jobId: string | null): Promise<PassProgress | null> {
  if (!jobId) return null;
  const job = await deps.passQueue.getJob(jobId);
  if (!job) return { jobId, state: 'completed', phase: null, companies: null, written: null, settingsVersion: null };
  const state = await job.getState();
  const p = (typeof job.progress === 'object' && job.progress ? job.progress : {}) as { phase?: PassProgress['phase']; companies?: number; written?: number };
  const known = ['waiting', 'active', 'completed', 'failed', 'delayed'] as const;
  return {
    jobId, state: (known as readonly string[]).includes(state) ? (state as PassProgress['state']) : 'unknown',
    phase: p.phase ?? null, companies: p.companies ?? null, written: p.written ?? null, settingsVersion: null,
  };
}

async function settingsAnswer(deps: HubSpotRouteDeps, ctx: Ctx, stored: StoredSettings, passJobId: string | null) {
  const { portalId, userId, userEmail } = ctx.caller;
  const granted = await deps.directory.granted(portalId);
  // Built if need be (briefly waited for): 'auto' has no number without a scored portfolio.
  const snapshot = await deps.snapshots.get(portalId, stored.version, 2000);
  // 'auto' is a portfolio figure: the number from the last scoring when its settings are these.
  const profitTarget: ProfitTarget = snapshot && snapshot.settingsVersion === stored.version ? snapshot.profitTarget : profitTargetOf(stored.settings);
  const installer = ctx.installerId ? await deps.directory.user(portalId, ctx.installerId) : null;
  return settingsView({
    portalId, stored, profitTarget,
    installer: ctx.installerId ? { userId: ctx.installerId, email: installer?.email ?? null, name: installer?.name ?? null } : null,
    you: { userId, email: userEmail, ...ctx.decision },
    optionalFeatures: optionalFeatures(granted, `${deps.config.PUBLIC_BASE_URL.replace(/\/+$/, '')}/oauth/install`),
    directory: ctx.decision.canEdit ? await deps.directory.directory(portalId) : null,
    pass: await passProgress(deps, passJobId),
  });
}

async function getSettings(deps: HubSpotRouteDeps, res: Response): Promise<void> {
  const ctx = await context(deps, res);
  if (!(await allowed(deps, ctx, res, 'view'))) return;
  noStore(res).setHeader('ETag', etagOf(ctx.stored.version));
  res.json(await settingsAnswer(deps, ctx, ctx.stored, ctx.stored.passJobId));
}

async function answerWrite(deps: HubSpotRouteDeps, ctx: Ctx, res: Response, result: WriteResult): Promise<void> {
  if (!result.ok) {
    if (result.reason === 'conflict') return void res.status(409).json({ error: conflictMessage(result.baseVersion, result.currentVersion), baseVersion: result.baseVersion, currentVersion: result.currentVersion });
    if (result.reason === 'no-such-entry') return void res.status(404).json({ error: `no settings change ${result.entryId} is kept for this HubSpot account` });
    return invalid(res, result.problems, result.issues);
  }
  const { portalId } = ctx.caller;
  const modelChanged = result.changed.some((c) => c.path.startsWith('settings.'));
  const passJobId = modelChanged ? ((await requestPass(deps.passQueue, portalId, 'settings')) ?? null) : null;
  if (passJobId) await deps.settings.notePass(portalId, passJobId);
  if (result.changed.length) deps.logger.info({ portalId, userId: ctx.caller.userId, version: result.stored.version, fields: result.changed.length, passJobId }, 'settings changed from hubspot');
  const decision = await decideAccess({ portalId, userId: ctx.caller.userId, access: result.stored.access, installerId: ctx.installerId }, deps.directory);
  noStore(res).setHeader('ETag', etagOf(result.stored.version));
  res.json({
    ...(await settingsAnswer(deps, { ...ctx, decision }, result.stored, passJobId ?? result.stored.passJobId)),
    changed: result.changed.map((c) => c.path),
    passJobId,
  });
}

const actorOf = (caller: HubSpotCaller): Actor => ({ type: 'hubspot-user', userId: caller.userId, email: caller.userEmail });

/** Would the caller still be an editor under this access? (An admin must not lock themselves out.) */
async function keepsEditing(deps: HubSpotRouteDeps, ctx: Ctx, access: unknown): Promise<boolean> {
  const proposed = mergePatch.apply(structuredClone(ctx.stored.access), access) as PortalAccess;
  if (!proposed || typeof proposed !== 'object' || !proposed.editors || !proposed.viewers) return true; // invalid: the store names the problems
  return (await decideAccess({ portalId: ctx.caller.portalId, userId: ctx.caller.userId, access: proposed, installerId: ctx.installerId }, deps.directory)).canEdit;
}

async function patchSettings(deps: HubSpotRouteDeps, req: Request, res: Response): Promise<void> {
  const ctx = await context(deps, res);
  if (!(await allowed(deps, ctx, res, 'edit'))) return;
  const body = SettingsPatchSchema.strict().safeParse(req.body);
  if (!body.success) {
    return invalid(res, ['(body): send {"settings": {…}, "access": {…}}: JSON merge patches of the settings and of who may see and change them (and baseVersion unless If-Match is sent)']);
  }
  const base = baseVersionOf(req.get('if-match'), body.data.baseVersion);
  if (!base.ok) return void res.status(base.status).json({ error: base.error });
  if (body.data.access !== undefined && !(await keepsEditing(deps, ctx, body.data.access))) {
    const denied: AccessDenied = { error: 'this change would take away your own right to change the settings; ask another editor to make it', reason: 'would-lock-yourself-out', askWhom: [], superAdminsMay: false };
    return void res.status(403).json(denied);
  }
  const result = await deps.settings.write(ctx.caller.portalId, { kind: 'patch', baseVersion: base.version, by: actorOf(ctx.caller), settings: body.data.settings, access: body.data.access });
  await answerWrite(deps, ctx, res, result);
}

async function getHistory(deps: HubSpotRouteDeps, req: Request, res: Response): Promise<void> {
  const ctx = await context(deps, res);
  if (!(await allowed(deps, ctx, res, 'view'))) return;
  const q = new URL(req.originalUrl, 'http://local').searchParams;
  const before = q.get('cursor');
  const limit = Number(q.get('limit') ?? 20);
  if ((before !== null && !/^\d{1,15}$/.test(before)) || !Number.isInteger(limit) || limit < 1 || limit > 100) {
    return void res.status(400).json({ error: 'bad history request', problems: ['cursor: a nextCursor this server gave', 'limit: a whole number from 1 to 100'] });
  }
  const all = await deps.settings.history(ctx.caller.portalId);
  const older = before === null ? all : all.filter((e) => e.version < Number(before));
  const entries = older.slice(0, limit);
  noStore(res).json({
    portalId: ctx.caller.portalId, version: ctx.stored.version, entries: entries.map(historyEntryView),
    nextCursor: older.length > limit ? String(entries[entries.length - 1]!.version) : null, kept: 100,
  });
}

async function postRestore(deps: HubSpotRouteDeps, req: Request, res: Response): Promise<void> {
  const ctx = await context(deps, res);
  if (!(await allowed(deps, ctx, res, 'edit'))) return;
  const body = RestoreRequestSchema.strict().safeParse(req.body);
  if (!body.success) return invalid(res, ['(body): send {"entryId": "<id from the history>", "state": "after" | "before", "baseVersion": <version>}']);
  const base = baseVersionOf(req.get('if-match'), body.data.baseVersion);
  if (!base.ok) return void res.status(base.status).json({ error: base.error });
  const entry = (await deps.settings.history(ctx.caller.portalId)).find((e) => e.id === body.data.entryId);
  const target = entry && (body.data.state === 'after' ? entry.after : documentBefore(entry));
  if (target && !(await keepsEditing(deps, ctx, target.access))) {
    const denied: AccessDenied = { error: 'restoring this would take away your own right to change the settings; ask another editor to do it', reason: 'would-lock-yourself-out', askWhom: [], superAdminsMay: false };
    return void res.status(403).json(denied);
  }
  const result = await deps.settings.write(ctx.caller.portalId, { kind: 'restore', baseVersion: base.version, by: actorOf(ctx.caller), entryId: body.data.entryId, state: body.data.state });
  await answerWrite(deps, ctx, res, result);
}

export function createHubSpotRoutes(deps: HubSpotRouteDeps): Router {
  const router = Router();
  const auth = hubspotRequestAuth(deps);
  const run = (handler: (req: Request, res: Response) => Promise<void>) => (req: Request, res: Response, next: (err?: unknown) => void) => void handler(req, res).catch(next);
  router.get(HUBSPOT_API.portfolio, auth, run((req, res) => getPortfolio(deps, req, res)));
  router.post(HUBSPOT_API.whatIf, auth, run((req, res) => postWhatIf(deps, req, res)));
  router.get(HUBSPOT_API.settings, auth, run((_req, res) => getSettings(deps, res)));
  router.patch(HUBSPOT_API.settings, auth, run((req, res) => patchSettings(deps, req, res)));
  router.get(HUBSPOT_API.history, auth, run((req, res) => getHistory(deps, req, res)));
  router.post(HUBSPOT_API.restore, auth, run((req, res) => postRestore(deps, req, res)));
  // Any other method or path under /api/hubspot is refused the same way, before anything is read.
  router.all(/^\/api\/hubspot(\/.*)?$/, auth, (_req: Request, res: Response) => void res.status(404).json({ error: 'no such route' }));
  router.use('/api/hubspot', ((err, req, res, _next) => {
    const e = err as { type?: string; status?: number };
    if (e.type === 'entity.too.large') return void res.status(413).json({ error: `the body is larger than ${MAX_HUBSPOT_BODY_BYTES / 1024} KB` });
    deps.logger.error({ err, method: req.method, path: req.path }, 'hubspot route failed');
    res.status(500).json({ error: 'internal error; see the server log' });
  }) as ErrorRequestHandler);
  return router;
}
