// The install flow: GET /oauth/install sends the browser to HubSpot with a one-time state;
// GET /oauth/callback checks and consumes the state, exchanges the code, learns the portal from the
// token, stores the tokens encrypted, marks the portal installed and hands it to `onInstalled`
// (provisioning and the first full pass come from the jobs module), then says what happens next.
import { Router, type Request, type Response } from 'express';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { Config } from '../config.ts';
import { createTokenCipher } from '../crypto/token-cipher.ts';
import { PermanentError, UnauthorizedError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { createOAuthStateStore, type OAuthStateStore } from '../store/oauth-state-store.ts';
import { createPortalStore, type PortalStore } from '../store/portal-store.ts';
import { createTokenStore, type TokenStore } from '../store/token-store.ts';
import { createOAuthApi, type OAuthApi } from './oauth-api.ts';
import { sendPage } from './oauth-pages.ts';

/** Must match the app's configured scopes (app manifest). */
export const DEFAULT_SCOPES = [
  'oauth',
  'crm.objects.companies.read',
  'crm.objects.companies.write',
  'crm.objects.deals.read',
  'crm.schemas.companies.read',
  'crm.schemas.companies.write',
  'crm.schemas.deals.read',
  'crm.schemas.deals.write',
];

type OAuthConfig = Pick<
  Config,
  'HUBSPOT_CLIENT_ID' | 'HUBSPOT_CLIENT_SECRET' | 'HUBSPOT_APP_ID' | 'HUBSPOT_API_BASE' | 'HUBSPOT_AUTHORIZE_URL' | 'PUBLIC_BASE_URL' | 'TOKEN_ENCRYPTION_KEY'
>;

export interface OAuthRouterDeps {
  config: OAuthConfig;
  redis: Redis;
  prefix: string;
  logger: Logger;
  /** Provision the portal and queue its first full pass; awaited before the page is sent. */
  onInstalled: (portalId: string) => Promise<void>;
  scopes?: string[];
  optionalScopes?: string[];
  now?: () => number;
  oauth?: OAuthApi;
  states?: OAuthStateStore;
  tokens?: TokenStore;
  portals?: PortalStore;
}

const CallbackQuerySchema = z.object({
  code: z.string().min(1).max(4096).optional(),
  state: z.string().min(1).max(200).optional(),
  error: z.string().max(200).optional(),
});

export const redirectUri = (config: Pick<Config, 'PUBLIC_BASE_URL'>): string => `${config.PUBLIC_BASE_URL.replace(/\/+$/, '')}/oauth/callback`;

export function authorizeUrl(config: OAuthConfig, state: string, scopes: string[], optionalScopes: string[]): string {
  const url = new URL(config.HUBSPOT_AUTHORIZE_URL);
  url.searchParams.set('client_id', config.HUBSPOT_CLIENT_ID ?? '');
  url.searchParams.set('redirect_uri', redirectUri(config));
  url.searchParams.set('scope', scopes.join(' '));
  if (optionalScopes.length > 0) url.searchParams.set('optional_scope', optionalScopes.join(' '));
  url.searchParams.set('state', state);
  return url.toString();
}

const START_AGAIN = { href: '/oauth/install', text: 'Start the installation again' };

export function createOAuthRouter(deps: OAuthRouterDeps): Router {
  const { config, logger } = deps;
  const now = deps.now ?? Date.now;
  const states = deps.states ?? createOAuthStateStore({ redis: deps.redis, prefix: deps.prefix });
  const oauth = deps.oauth ?? createOAuthApi({ config, now });
  const portals = deps.portals ?? createPortalStore({ redis: deps.redis, prefix: deps.prefix, now });
  const tokens = deps.tokens ?? createTokenStore({ redis: deps.redis, prefix: deps.prefix, cipher: createTokenCipher(config.TOKEN_ENCRYPTION_KEY) });
  const router = Router();

  router.get('/oauth/install', async (_req: Request, res: Response) => {
    if (!config.HUBSPOT_CLIENT_ID || !config.HUBSPOT_CLIENT_SECRET) {
      sendPage(res, 503, { title: 'Not configured', paragraphs: ['This server has no HubSpot app credentials (HUBSPOT_CLIENT_ID, HUBSPOT_CLIENT_SECRET).'] });
      return;
    }
    try {
      const state = await states.issue();
      res.set('Cache-Control', 'no-store').redirect(302, authorizeUrl(config, state, deps.scopes ?? DEFAULT_SCOPES, deps.optionalScopes ?? []));
    } catch (err) {
      logger.error({ err }, 'oauth install failed');
      sendPage(res, 503, { title: 'Try again in a moment', paragraphs: ['The installation could not start. Nothing was changed.'], link: START_AGAIN });
    }
  });

  router.get('/oauth/callback', async (req: Request, res: Response) => {
    try {
      await handleCallback(req, res);
    } catch (err) {
      logger.error({ err }, 'oauth callback failed');
      sendPage(res, 500, { title: 'Installation failed', paragraphs: ['Something went wrong on our side. Nothing is lost: start again.'], link: START_AGAIN });
    }
  });

  async function handleCallback(req: Request, res: Response): Promise<void> {
    const query = CallbackQuerySchema.safeParse(req.query);
    const q = query.success ? query.data : {};
    const stateOk = !!q.state && (await states.consume(q.state));
    if (q.error) {
      sendPage(res, 400, { title: 'Installation cancelled', paragraphs: ['HubSpot did not authorize the app, so nothing was installed.'], link: START_AGAIN });
      return;
    }
    if (!stateOk || !q.code) {
      logger.warn({ hasState: !!q.state, hasCode: !!q.code }, 'oauth callback refused: bad or reused state');
      sendPage(res, 400, { title: 'This link is no longer valid', paragraphs: ['The installation link expired or was already used.'], link: START_AGAIN });
      return;
    }
    const portalId = await exchange(q.code, res);
    if (!portalId) return;
    try {
      await deps.onInstalled(portalId);
    } catch (err) {
      logger.error({ err, portalId }, 'post-install setup failed');
      sendPage(res, 500, { title: 'Installed, but setup did not start', paragraphs: [`The app is connected to HubSpot account ${portalId}, but its first run could not be queued.`, 'Open the installation link again to retry; it is safe to repeat.'], link: START_AGAIN });
      return;
    }
    sendPage(res, 200, installedPage(portalId));
  }

  /** Code → tokens → portal id; stores them. Sends the error page itself and returns null on failure. */
  async function exchange(code: string, res: Response): Promise<string | null> {
    let grant, info;
    try {
      grant = await oauth.exchangeCode(code, redirectUri(config));
      info = await oauth.tokenInfo(grant.accessToken);
    } catch (err) {
      const refused = err instanceof PermanentError || err instanceof UnauthorizedError;
      logger.warn({ err }, 'oauth code exchange failed');
      sendPage(res, refused ? 400 : 502, {
        title: refused ? 'HubSpot refused the authorization' : 'HubSpot did not answer',
        paragraphs: [refused ? 'The authorization code was not accepted (it may have been used already).' : 'HubSpot could not be reached. Nothing was installed.'],
        link: START_AGAIN,
      });
      return null;
    }
    if (config.HUBSPOT_APP_ID && info.appId !== undefined && String(info.appId) !== config.HUBSPOT_APP_ID) {
      logger.warn({ appId: info.appId }, 'oauth token issued to another app');
      sendPage(res, 400, { title: 'Wrong app', paragraphs: ['The authorization belongs to a different HubSpot app.'], link: START_AGAIN });
      return null;
    }
    const portalId = String(info.hubId);
    await tokens.save(portalId, { accessToken: grant.accessToken, refreshToken: grant.refreshToken, expiresAt: now() + grant.expiresIn * 1000 });
    await portals.markInstalled(portalId, { scopes: info.scopes });
    logger.info({ portalId, scopes: info.scopes.length }, 'portal installed');
    return portalId;
  }

  return router;
}

function installedPage(portalId: string) {
  return {
    title: 'Key-account management is installed',
    paragraphs: [
      `The app is now connected to HubSpot account ${portalId}.`,
      'What happens next: it adds two property groups to your companies ("Key account inputs" and "Key account management"), then scores every company and writes the figures back. On a large account the first pass takes a few minutes.',
      'After that, changes to companies and deals are picked up within seconds. You can close this window.',
    ],
  };
}
