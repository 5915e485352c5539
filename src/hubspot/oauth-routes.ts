// The install flow as an express Router: GET /oauth/install sends the browser to HubSpot with a
// signed one-time state (10 minutes; nothing stored until it is used, see oauth-state-store.ts);
// GET /oauth/callback is handled in oauth-callback.ts.
// Unexpected failures answer with a page of our own: express's default handler would print a stack.
import { Router, type Request, type Response } from 'express';
import type { Config } from '../config.ts';
import { createTokenCipher } from '../crypto/token-cipher.ts';
import type { Logger } from '../logger.ts';
import { createOAuthStateStore, type OAuthStateStore } from '../store/oauth-state-store.ts';
import { createPortalStore, type PortalStore } from '../store/portal-store.ts';
import { createTokenStore, type TokenStore } from '../store/token-store.ts';
import { createOAuthApi, type OAuthApi } from './oauth-api.ts';
import { handleOAuthCallback, START_AGAIN, type OAuthContext } from './oauth-callback.ts';
import { sendPage } from './oauth-pages.ts';
import { readAppScopes } from './app-scopes.ts';
import { authorizeUrl } from './oauth-urls.ts';
import type { RedisClient } from '../store/redis-client.ts';

export interface OAuthRouterDeps {
  config: Pick<
    Config,
    'HUBSPOT_CLIENT_ID' | 'HUBSPOT_CLIENT_SECRET' | 'HUBSPOT_APP_ID' | 'HUBSPOT_API_BASE' | 'HUBSPOT_AUTHORIZE_URL' | 'PUBLIC_BASE_URL' | 'TOKEN_ENCRYPTION_KEY'
  >;
  redis: RedisClient;
  prefix: string;
  logger: Logger;
  /** Provision the portal and queue its first full pass; awaited before the page is sent. */
  onInstalled: (portalId: string) => Promise<void>;
  /** Default: app.json's required and optional scopes. */
  scopes?: string[];
  optionalScopes?: string[];
  now?: () => number;
  /** Built from redis/prefix/config when not given. */
  oauth?: OAuthApi;
  states?: OAuthStateStore;
  tokens?: TokenStore;
  portals?: PortalStore;
}

function contextFrom(deps: OAuthRouterDeps): OAuthContext {
  const { config, redis, prefix } = deps;
  const now = deps.now ?? Date.now;
  return {
    config,
    logger: deps.logger,
    now,
    onInstalled: deps.onInstalled,
    states: deps.states ?? createOAuthStateStore({ redis, prefix, secret: config.HUBSPOT_CLIENT_SECRET, now }),
    oauth: deps.oauth ?? createOAuthApi({ config, now }),
    portals: deps.portals ?? createPortalStore({ redis, prefix, now }),
    tokens: deps.tokens ?? createTokenStore({ redis, prefix, cipher: createTokenCipher(config.TOKEN_ENCRYPTION_KEY) }),
  };
}

export function createOAuthRouter(deps: OAuthRouterDeps): Router {
  const { config, logger } = deps;
  const ctx = contextFrom(deps);
  const fromManifest = readAppScopes();
  const scopes = deps.scopes ?? fromManifest.required;
  const optionalScopes = deps.optionalScopes ?? fromManifest.optional;
  const router = Router();

  router.get('/oauth/install', async (_req: Request, res: Response) => {
    if (!config.HUBSPOT_CLIENT_ID || !config.HUBSPOT_CLIENT_SECRET) {
      sendPage(res, 503, { title: 'Not configured', paragraphs: ['This server has no HubSpot app credentials (HUBSPOT_CLIENT_ID, HUBSPOT_CLIENT_SECRET).'] });
      return;
    }
    try {
      const state = await ctx.states.issue();
      res.set('Cache-Control', 'no-store').redirect(302, authorizeUrl(config, state, scopes, optionalScopes));
    } catch (err) {
      logger.error({ err }, 'oauth install failed');
      sendPage(res, 503, { title: 'Try again in a moment', paragraphs: ['The installation could not start. Nothing was changed.'], link: START_AGAIN });
    }
  });

  router.get('/oauth/callback', async (req: Request, res: Response) => {
    try {
      await handleOAuthCallback(ctx, req, res);
    } catch (err) {
      logger.error({ err }, 'oauth callback failed');
      sendPage(res, 500, { title: 'Installation failed', paragraphs: ['Something went wrong on our side. Nothing is lost: start again.'], link: START_AGAIN });
    }
  });

  return router;
}
