// The HTTP app: webhooks, OAuth, health, and the operator surfaces behind ADMIN_TOKEN (/metrics
// also takes METRICS_TOKEN). Each router is built by its own module; this file only mounts them in
// an order that matters: the webhook route reads the raw body itself, so no global body parser runs
// before it, and every operator route passes the token check, the no-framing header and, for
// anything that changes state, the same-origin check.
import express, { type Express, type Router } from 'express';
import type { Config } from '../config.ts';
import { noFraming, requireAdmin, requireToken, sameOriginOnly } from './admin-auth.ts';

export interface AppRouters {
  webhooks: Router;
  oauth: Router;
  health: Router;
  metrics: Router;
  /** /api/hubspot: HubSpot-signed calls from the app's pages; reads its own raw body, takes no admin credentials. */
  hubspot?: Router;
  /** Mounted under /admin and /api behind the admin credentials. */
  admin: { path: string; router: Router }[];
}

export type AppConfig = Pick<Config, 'ADMIN_TOKEN'> & Partial<Pick<Config, 'METRICS_TOKEN' | 'PUBLIC_BASE_URL'>>;

export function createApp(config: AppConfig, routers: AppRouters): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', true);
  app.use(routers.health);
  // Prometheus sends the token as a bearer (authorization.credentials_file in its scrape config).
  app.use('/metrics', requireToken([config.METRICS_TOKEN, config.ADMIN_TOKEN], 'kam metrics', '/metrics is disabled: set METRICS_TOKEN or ADMIN_TOKEN to enable it'));
  app.use(routers.metrics);
  app.use(routers.webhooks);
  if (routers.hubspot) app.use(routers.hubspot);
  app.use(routers.oauth);
  const publicOrigin = new URL(config.PUBLIC_BASE_URL ?? 'http://localhost:3000').origin;
  const admin = [noFraming, requireAdmin(config.ADMIN_TOKEN), sameOriginOnly(publicOrigin)];
  for (const { path, router } of routers.admin) app.use(path, ...admin, router);
  app.get('/', (_req, res) => {
    res.type('text/plain').send('Key accounts for HubSpot. Install: /oauth/install · Queues: /admin/queues\n');
  });
  return app;
}
