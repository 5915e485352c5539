// The sandbox's OAuth state: one-time authorization codes, access tokens that expire, refresh
// tokens that live until the app is uninstalled from the portal. A refresh keeps the refresh token
// (as HubSpot does) and issues a new access token; the old one stays valid until it expires.
import { randomBytes, randomUUID } from 'node:crypto';

export interface AccessGrant {
  portalId: string;
  scopes: string[];
  expiresAt: number;
  refreshToken: string;
  /** Set on a private app's token: its writes come from that app, not from the app under test. */
  privateAppId?: string;
}

/** The id of the sandbox's private app, whose token people use to change data by hand. */
export const PRIVATE_APP_ID = '2718281';

export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  portalId: string;
  scopes: string[];
}

interface CodeGrant {
  portalId: string;
  scopes: string[];
  redirectUri: string;
  expiresAt: number;
}

const CODE_TTL_MS = 10 * 60_000;

export class OAuthRegistry {
  private readonly codes = new Map<string, CodeGrant>();
  private readonly access = new Map<string, AccessGrant>();
  private readonly refresh = new Map<string, { portalId: string; scopes: string[] }>();

  constructor(
    private readonly now: () => number,
    /** Access-token lifetime in seconds; read on every issue so it can change at runtime. */
    private readonly ttlSeconds: () => number,
  ) {}

  issueCode(portalId: string, scopes: string[], redirectUri: string): string {
    const code = randomUUID();
    this.codes.set(code, { portalId, scopes, redirectUri, expiresAt: this.now() + CODE_TTL_MS });
    return code;
  }

  /** Consumes a code; undefined when unknown, used, expired or sent with another redirect URI. */
  redeemCode(code: string, redirectUri: string): IssuedTokens | undefined {
    const grant = this.codes.get(code);
    this.codes.delete(code);
    if (!grant || grant.expiresAt < this.now() || grant.redirectUri !== redirectUri) return undefined;
    return this.issue(grant.portalId, grant.scopes);
  }

  /** Tokens for a portal without the browser dance (tests, the embedded start). */
  issue(portalId: string, scopes: string[]): IssuedTokens {
    const refreshToken = `na1-${randomBytes(2).toString('hex')}-${randomBytes(2).toString('hex')}-${randomBytes(12).toString('hex')}`;
    this.refresh.set(refreshToken, { portalId, scopes });
    return this.newAccess(refreshToken, portalId, scopes);
  }

  private newAccess(refreshToken: string, portalId: string, scopes: string[]): IssuedTokens {
    const accessToken = `CJSP${randomBytes(48).toString('base64url')}`;
    const expiresIn = this.ttlSeconds();
    this.access.set(accessToken, { portalId, scopes, expiresAt: this.now() + expiresIn * 1000, refreshToken });
    return { accessToken, refreshToken, expiresIn, portalId, scopes };
  }

  /**
   * A private app's access token for the portal, as HubSpot issues for private apps: it never
   * expires, and changes made with it come back in webhooks as another app's, so the app under
   * test rescores them. The same token for the portal each time.
   */
  privateAppToken(portalId: string): string {
    for (const [token, grant] of this.access) if (grant.portalId === portalId && grant.privateAppId) return token;
    const token = `pat-na1-${randomUUID()}`;
    this.access.set(token, { portalId, scopes: [], expiresAt: Number.POSITIVE_INFINITY, refreshToken: '', privateAppId: PRIVATE_APP_ID });
    return token;
  }

  /** A new access token for a live refresh token; undefined when it is unknown or revoked. */
  refreshAccess(refreshToken: string): IssuedTokens | undefined {
    const grant = this.refresh.get(refreshToken);
    return grant && this.newAccess(refreshToken, grant.portalId, grant.scopes);
  }

  /** The portal and scopes of a live refresh token. */
  refreshInfo(refreshToken: string): { portalId: string; scopes: string[] } | undefined {
    return this.refresh.get(refreshToken);
  }

  /** The grant behind an access token, expired or not; undefined when never issued. */
  lookup(accessToken: string): AccessGrant | undefined {
    return this.access.get(accessToken);
  }

  /** Makes an access token expire now (fault injection: "the token expired under you"). */
  expire(accessToken: string): void {
    const grant = this.access.get(accessToken);
    if (grant) grant.expiresAt = Math.min(grant.expiresAt, this.now() - 1);
  }

  revokeRefreshToken(refreshToken: string): boolean {
    return this.refresh.delete(refreshToken);
  }

  /** Uninstall: every refresh token of the portal stops working; access tokens die with them. */
  uninstall(portalId: string): void {
    for (const [token, grant] of this.refresh) if (grant.portalId === portalId) this.refresh.delete(token);
    for (const [token, grant] of this.access) if (grant.portalId === portalId) this.access.delete(token);
  }
}
