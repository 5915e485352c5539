// The app home page (HubSpot's `page` component): the portfolio overview, and one paged route per
// account list. The generated entrypoint mounts KeyAccountsPages with our backend's URL and
// hubspot.fetch; route components take no props, so the client reaches them through a context.
import { useMemo, type ReactElement } from 'react';
import { EmptyState, Text } from '@hubspot/ui-extensions';
import { h } from './element.ts';
import { createPageRouter, PageRoutes } from '@hubspot/ui-extensions/pages';
import { AccountListRoute } from './account-list-page.ts';
import { createBackendClient, type BackendProps } from './backend-client.ts';
import { PortfolioOverview } from './portfolio-overview.ts';
import { BackendContext, DEFAULT_POLL_MS } from './use-backend.ts';

function NotFound(): ReactElement {
  return h(EmptyState, { title: 'No such page', imageName: 'cone' }, h(Text, null, 'This page of the app does not exist. Open the app home page again.'));
}

const Router = createPageRouter(
  h(PageRoutes, null,
    h(PageRoutes.IndexRoute, { component: PortfolioOverview, id: 'portfolio' }),
    h(PageRoutes.Route, { path: '/accounts', component: AccountListRoute, id: 'accounts' }),
    h(PageRoutes.AnyRoute, { component: NotFound })),
);

export function KeyAccountsPages({ backend, fetch, pollMs = DEFAULT_POLL_MS }: BackendProps & { pollMs?: number }): ReactElement {
  const services = useMemo(() => ({ client: createBackendClient(backend, fetch), pollMs }), [backend, fetch, pollMs]);
  return h(BackendContext.Provider, { value: services }, h(Router, null));
}
