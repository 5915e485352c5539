// The portal's account details (`GET /account-info/v3/details`, and its dated twin
// `/account-info/2026-03/details`), in HubSpot's shape: the app reads the company currency there.
import { Router, type Request, type Response } from 'express';
import { sendJson } from './http-errors.ts';
import { portalIdOf, storeOf } from './sandbox-context.ts';

function details(_req: Request, res: Response): void {
  const store = storeOf(res);
  sendJson(res, 200, {
    portalId: Number(portalIdOf(res)), accountType: 'STANDARD', timeZone: 'Europe/Berlin', companyCurrency: store.companyCurrency,
    additionalCurrencies: [], utcOffset: '+01:00', utcOffsetMilliseconds: 3_600_000, uiDomain: 'app-eu1.hubspot.com', dataHostingLocation: 'eu1',
  });
}

export function accountInfoRoutes(): Router {
  const r = Router();
  r.get(['/account-info/v3/details', '/account-info/2026-03/details'], details);
  return r;
}
