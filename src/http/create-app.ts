// The HTTP app: webhooks, OAuth, health, and the admin surfaces behind ADMIN_TOKEN. Each router is
// built by its own module; this file only mounts them in an order that matters: the webhook route
// reads the raw body itself, so no global body parser runs before it.
import express, { type Express, type Router } from 'express';
import type { Config } from '../config.ts';
import { requireAdmin } from './admin-auth.ts';

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

export function createApp(config: Pick<Config, 'ADMIN_TOKEN'>, routers: AppRouters): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', true);
  app.use(routers.health);
  app.use(routers.metrics);
  app.use(routers.webhooks);
  if (routers.hubspot) app.use(routers.hubspot);
  app.use(routers.oauth);
  const admin = requireAdmin(config.ADMIN_TOKEN);
  for (const { path, router } of routers.admin) app.use(path, admin, router);
  app.get('/', (_req, res) => {
    res.type('text/plain').send('Key accounts for HubSpot. Install: /oauth/install · Queues: /admin/queues\n');
  });
  return app;
}
