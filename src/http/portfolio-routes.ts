// The managers' portfolio page (GET /portfolio) and its what-if (POST /api/portfolio/what-if),
// both scored from the stored model inputs, never from HubSpot. Mounted behind the admin
// credentials: createApp's `admin` entries, as returned here.
import { Router, type ErrorRequestHandler, type Request, type Response } from 'express';
import type { Logger } from '../logger.ts';
import { checkSettings } from '../portfolio-page/check-settings.ts';
import { jsonBody, jsonErrors } from '../portfolio-page/json-api.ts';
import { loadStoredCompanies } from '../portfolio-page/load-stored-companies.ts';
import { oneAtATime, type Serial } from '../portfolio-page/one-at-a-time.ts';
import { GroupFilterSchema } from '../hubspot-pages/api-contract.ts';
import { badGroupPage, errorPage, noPortalPage, notReadYetPage, portalPickerPage, unknownPortalPage } from '../portfolio-page/message-pages.ts';
import { buildPortfolioView } from '../portfolio-page/portfolio-view.ts';
import { renderPortfolioPage } from '../portfolio-page/render-portfolio-page.ts';
import { portalProblem, resolvePortal } from '../portfolio-page/resolve-portal.ts';
import { scoreInSlices } from '../portfolio-page/score-in-slices.ts';
import { whatIfInSlices } from '../portfolio-page/what-if.ts';
import type { PortalStore } from '../store/portal-store.ts';
import type { PortfolioInputs } from '../store/portfolio-inputs.ts';
import type { SettingsStore } from '../store/settings-store.ts';
import type { AppRouters } from './create-app.ts';
import { SETTINGS_API_PATH } from './settings-routes.ts';

export const PORTFOLIO_PAGE_PATH = '/portfolio';
export const PORTFOLIO_API_PATH = '/api/portfolio';

export interface PortfolioRouteDeps {
  settings: Pick<SettingsStore, 'get'>;
  /** The stored model inputs of a portal (new PortfolioInputs(redis, prefix, portalId)). */
  inputs: (portalId: string) => PortfolioInputs;
  portals: Pick<PortalStore, 'listInstalled'>;
  logger: Logger;
  /** The scoring instant (asOf) of the page and the what-if. */
  now: () => number;
  /** Most dots drawn in the matrix (default 2,000; the counts always cover every company). */
  maxDots?: number;
}

const portalUrl = (path: string, portalId: string): string => `${path}?portal=${encodeURIComponent(portalId)}`;

async function page(deps: PortfolioRouteDeps, serial: Serial, req: Request, res: Response): Promise<void> {
  const choice = await resolvePortal(req.query.portal, deps.portals);
  res.type('html').setHeader('Cache-Control', 'no-store');
  if (choice.kind === 'choose') return void res.send(portalPickerPage(choice.portals, PORTFOLIO_PAGE_PATH));
  if (choice.kind === 'none') return void res.status(404).send(noPortalPage());
  if (choice.kind === 'unknown') return void res.status(404).send(unknownPortalPage(choice.portalId, choice.portals, PORTFOLIO_PAGE_PATH));
  if (choice.kind === 'invalid') return void res.status(400).send(unknownPortalPage(choice.given, await deps.portals.listInstalled(), PORTFOLIO_PAGE_PATH));
  const { portalId } = choice;
  // ?group=<top company id>: the same page with that group's companies on top.
  const group = req.query.group === undefined ? undefined : GroupFilterSchema.safeParse(req.query.group);
  if (group !== undefined && !group.success) return void res.status(400).send(badGroupPage(portalId, PORTFOLIO_PAGE_PATH));
  const view = await serial(async () => {
    const companies = await loadStoredCompanies(deps.inputs(portalId));
    if (companies.length === 0) return null;
    const { settings, version } = await deps.settings.get(portalId);
    const asOf = new Date(deps.now());
    return buildPortfolioView(await scoreInSlices(companies, settings, asOf), settings, { portalId, asOf, modelVersion: version, maxDots: deps.maxDots, group: group?.data });
  });
  if (view === null) return void res.send(notReadYetPage(portalId));
  res.send(renderPortfolioPage(view, {
    whatIf: portalUrl(`${PORTFOLIO_API_PATH}/what-if`, portalId),
    settings: portalUrl(SETTINGS_API_PATH, portalId),
  }));
}

async function whatIfRoute(deps: PortfolioRouteDeps, serial: Serial, req: Request, res: Response): Promise<void> {
  const choice = await resolvePortal(req.query.portal, deps.portals);
  if (choice.kind !== 'portal') {
    const { status, body } = portalProblem(choice);
    return void res.status(status).json(body);
  }
  const proposed = checkSettings(req.body);
  if (!proposed.ok) return void res.status(400).json({ error: 'invalid settings', problems: proposed.problems, issues: proposed.issues });
  const answer = await serial(async () => {
    const companies = await loadStoredCompanies(deps.inputs(choice.portalId));
    const current = await deps.settings.get(choice.portalId);
    const asOf = new Date(deps.now());
    const result = await whatIfInSlices(companies, current.settings, proposed.settings, asOf);
    return { portalId: choice.portalId, asOf: asOf.toISOString(), modelVersion: current.version, ...result };
  });
  res.setHeader('Cache-Control', 'no-store');
  res.json(answer);
}

export function createPortfolioRoutes(deps: PortfolioRouteDeps): AppRouters['admin'] {
  const serial = oneAtATime();
  const pageRouter = Router();
  pageRouter.get('/', (req, res) => page(deps, serial, req, res));
  pageRouter.use(((err, req, res, _next) => {
    deps.logger.error({ err, path: req.path }, 'portfolio page failed');
    res.status(500).type('html').send(errorPage());
  }) as ErrorRequestHandler);
  const apiRouter = Router();
  apiRouter.post('/what-if', jsonBody(), (req: Request, res: Response) => whatIfRoute(deps, serial, req, res));
  apiRouter.use(jsonErrors(deps.logger));
  return [
    { path: PORTFOLIO_PAGE_PATH, router: pageRouter },
    { path: PORTFOLIO_API_PATH, router: apiRouter },
  ];
}
