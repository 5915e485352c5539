// The admins' settings API: GET and PUT /api/settings?portal=ID. A PUT replaces the settings on
// purpose, validated whole (every problem named with its path, nothing saved on error), and names
// the version it was based on (If-Match; 428 without, 409 when stale). A saved change bumps the model
// version, is kept in the history as the operator's, and queues a full portfolio pass.
import type { Queue } from 'bullmq';
import { Router, type Request, type Response } from 'express';
import type { Logger } from '../logger.ts';
import { checkSettings } from '../portfolio-page/check-settings.ts';
import { jsonBody, jsonErrors } from '../portfolio-page/json-api.ts';
import { portalProblem, resolvePortal } from '../portfolio-page/resolve-portal.ts';
import { requestPass, type PassJobData } from '../queues.ts';
import type { PortalStore } from '../store/portal-store.ts';
import { OPERATOR } from '../store/settings-history.ts';
import { conflictMessage, type SettingsStore } from '../store/settings-store.ts';
import type { AppRouters } from './create-app.ts';
import { baseVersionOf, etagOf } from './if-match.ts';

export const SETTINGS_API_PATH = '/api/settings';

export interface SettingsRouteDeps {
  settings: Pick<SettingsStore, 'get' | 'write'>;
  passQueue: Queue<PassJobData>;
  portals: Pick<PortalStore, 'listInstalled'>;
  logger: Logger;
}

async function portalOf(deps: SettingsRouteDeps, req: Request, res: Response): Promise<string | null> {
  const choice = await resolvePortal(req.query.portal, deps.portals);
  if (choice.kind === 'portal') return choice.portalId;
  const { status, body } = portalProblem(choice);
  res.status(status).json(body);
  return null;
}

async function getSettings(deps: SettingsRouteDeps, req: Request, res: Response): Promise<void> {
  const portalId = await portalOf(deps, req, res);
  if (portalId === null) return;
  const stored = await deps.settings.get(portalId);
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('ETag', etagOf(stored.version));
  res.json({ portalId, version: stored.version, settings: stored.settings, ...(stored.problems.length ? { storedProblems: stored.problems } : {}) });
}

async function putSettings(deps: SettingsRouteDeps, req: Request, res: Response): Promise<void> {
  const portalId = await portalOf(deps, req, res);
  if (portalId === null) return;
  const checked = checkSettings(req.body);
  if (!checked.ok) return void res.status(400).json({ error: 'invalid settings', problems: checked.problems, issues: checked.issues });
  const base = baseVersionOf(req.get('if-match'));
  if (!base.ok) return void res.status(base.status).json({ error: base.error });
  const saved = await deps.settings.write(portalId, { kind: 'replace', baseVersion: base.version, by: OPERATOR, settings: req.body });
  if (!saved.ok) {
    if (saved.reason === 'conflict') return void res.status(409).json({ error: conflictMessage(saved.baseVersion, saved.currentVersion), baseVersion: saved.baseVersion, currentVersion: saved.currentVersion });
    if (saved.reason === 'invalid') return void res.status(400).json({ error: 'invalid settings', problems: saved.problems, issues: saved.issues });
    return void res.status(400).json({ error: 'nothing to restore' });
  }
  // An identical PUT changes nothing: no new version, no pass.
  const passJobId = saved.changed.length ? await requestPass(deps.passQueue, portalId, 'settings') : undefined;
  if (saved.changed.length) deps.logger.info({ portalId, version: saved.stored.version, passJobId, fields: saved.changed.length }, 'settings saved, pass queued');
  res.setHeader('ETag', etagOf(saved.stored.version));
  res.json({ portalId, version: saved.stored.version, settings: saved.stored.settings, passJobId: passJobId ?? null });
}

export function createSettingsRoutes(deps: SettingsRouteDeps): AppRouters['admin'] {
  const router = Router();
  router.get('/', (req, res) => getSettings(deps, req, res));
  router.put('/', jsonBody(), (req: Request, res: Response) => putSettings(deps, req, res));
  router.use(jsonErrors(deps.logger));
  return [{ path: SETTINGS_API_PATH, router }];
}
