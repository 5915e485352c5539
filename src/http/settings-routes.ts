// The admins' settings API: GET and PUT /api/settings?portal=ID. A PUT is validated whole (every
// problem named with its path, nothing saved on error); a saved change bumps the model version and
// queues a full portfolio pass, so HubSpot shows the new figures without waiting for the nightly one.
import type { Queue } from 'bullmq';
import { Router, type Request, type Response } from 'express';
import type { Logger } from '../logger.ts';
import { checkSettings } from '../portfolio-page/check-settings.ts';
import { jsonBody, jsonErrors } from '../portfolio-page/json-api.ts';
import { portalProblem, resolvePortal } from '../portfolio-page/resolve-portal.ts';
import { requestPass, type PassJobData } from '../queues.ts';
import type { PortalStore } from '../store/portal-store.ts';
import type { SettingsStore } from '../store/settings-store.ts';
import type { AppRouters } from './create-app.ts';

export const SETTINGS_API_PATH = '/api/settings';

export interface SettingsRouteDeps {
  settings: Pick<SettingsStore, 'get' | 'save'>;
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
  res.json({ portalId, version: stored.version, settings: stored.settings });
}

async function putSettings(deps: SettingsRouteDeps, req: Request, res: Response): Promise<void> {
  const portalId = await portalOf(deps, req, res);
  if (portalId === null) return;
  const checked = checkSettings(req.body);
  if (!checked.ok) return void res.status(400).json({ error: 'invalid settings', problems: checked.problems, issues: checked.issues });
  const saved = await deps.settings.save(portalId, req.body);
  if (!saved.ok) return void res.status(400).json({ error: 'invalid settings', problems: saved.problems });
  const passJobId = await requestPass(deps.passQueue, portalId, 'settings');
  deps.logger.info({ portalId, version: saved.stored.version, passJobId }, 'settings saved, pass queued');
  res.json({ portalId, version: saved.stored.version, settings: saved.stored.settings, passJobId: passJobId ?? null });
}

export function createSettingsRoutes(deps: SettingsRouteDeps): AppRouters['admin'] {
  const router = Router();
  router.get('/', (req, res) => getSettings(deps, req, res));
  router.put('/', jsonBody(), (req: Request, res: Response) => putSettings(deps, req, res));
  router.use(jsonErrors(deps.logger));
  return [{ path: SETTINGS_API_PATH, router }];
}
