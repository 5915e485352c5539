// GET /oauth/callback: check and consume the one-time state, exchange the code (the answer names
// the portal and the installing user), store the tokens encrypted, mark the portal installed, await `onInstalled`
// (provisioning and the first full pass, from the jobs module), then say what happens next.
import type { Request, Response } from 'express';
import { z } from 'zod';
import type { Config } from '../config.ts';
import { PermanentError, UnauthorizedError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { OAuthStateStore } from '../store/oauth-state-store.ts';
import type { PortalStore } from '../store/portal-store.ts';
import type { TokenStore } from '../store/token-store.ts';
import type { OAuthApi } from './oauth-api.ts';
import { sendPage, type Page } from './oauth-pages.ts';
import { redirectUri } from './oauth-urls.ts';

export interface OAuthContext {
  config: Pick<Config, 'HUBSPOT_APP_ID' | 'PUBLIC_BASE_URL'>;
  logger: Logger;
  now: () => number;
  states: OAuthStateStore;
  oauth: OAuthApi;
  tokens: TokenStore;
  portals: PortalStore;
  onInstalled: (portalId: string) => Promise<void>;
}

const CallbackQuerySchema = z.object({
  code: z.string().min(1).max(4096).optional(),
  state: z.string().min(1).max(200).optional(),
  error: z.string().max(200).optional(),
});

export const START_AGAIN = { href: '/oauth/install', text: 'Start the installation again' };

export async function handleOAuthCallback(ctx: OAuthContext, req: Request, res: Response): Promise<void> {
  const parsed = CallbackQuerySchema.safeParse(req.query);
  const q = parsed.success ? parsed.data : {};
  const stateOk = !!q.state && (await ctx.states.consume(q.state));
  if (q.error) {
    sendPage(res, 400, { title: 'Installation cancelled', paragraphs: ['HubSpot did not authorize the app, so nothing was installed.'], link: START_AGAIN });
    return;
  }
  if (!stateOk || !q.code) {
    ctx.logger.warn({ hasState: !!q.state, hasCode: !!q.code }, 'oauth callback refused: bad or reused state');
    sendPage(res, 400, { title: 'This link is no longer valid', paragraphs: ['The installation link expired or was already used.'], link: START_AGAIN });
    return;
  }
  const portalId = await installPortal(ctx, q.code, res);
  if (!portalId) return;
  try {
    await ctx.onInstalled(portalId);
  } catch (err) {
    ctx.logger.error({ err, portalId }, 'post-install setup failed');
    sendPage(res, 500, {
      title: 'Installed, but setup did not start',
      paragraphs: [`The app is connected to HubSpot account ${portalId}, but its first run could not be queued.`, 'Open the installation link again to retry; it is safe to repeat.'],
      link: START_AGAIN,
    });
    return;
  }
  sendPage(res, 200, installedPage(portalId));
}

/** Code → tokens, the portal and the installing user, stored. Sends the error page itself and returns null on failure. */
async function installPortal(ctx: OAuthContext, code: string, res: Response): Promise<string | null> {
  let grant;
  try {
    grant = await ctx.oauth.exchangeCode(code, redirectUri(ctx.config));
  } catch (err) {
    const refused = err instanceof PermanentError || err instanceof UnauthorizedError;
    ctx.logger.warn({ err }, 'oauth code exchange failed');
    sendPage(res, refused ? 400 : 502, {
      title: refused ? 'HubSpot refused the authorization' : 'HubSpot did not answer',
      paragraphs: [refused ? 'The authorization code was not accepted (it may have been used already).' : 'HubSpot could not be reached. Nothing was installed.'],
      link: START_AGAIN,
    });
    return null;
  }
  // The code was exchanged with our own client id and secret, so the token is this app's.
  const portalId = String(grant.hubId);
  const installedBy = grant.userId === undefined ? undefined : String(grant.userId);
  await ctx.tokens.save(portalId, { accessToken: grant.accessToken, refreshToken: grant.refreshToken, expiresAt: ctx.now() + grant.expiresIn * 1000 });
  await ctx.portals.markInstalled(portalId, { scopes: grant.scopes, installedBy });
  ctx.logger.info({ portalId, installedBy, scopes: grant.scopes.length }, 'portal installed');
  return portalId;
}

function installedPage(portalId: string): Page {
  return {
    title: 'Key-account management is installed',
    paragraphs: [
      `The app is now connected to HubSpot account ${portalId}.`,
      'What happens next: it adds two property groups to your companies ("Key account inputs" and "Key account management"), then scores every company and writes the figures back. On a large account the first pass takes a few minutes.',
      'After that, changes to companies and deals are picked up within seconds. You can close this window.',
    ],
  };
}
