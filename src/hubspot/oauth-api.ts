// HubSpot's OAuth endpoints: code exchange, refresh, and token introspection (the token response
// carries no portal id in SDK 13.5, so the portal comes from GET /oauth/v1/access-tokens/{token}).
// Every error goes through toAppError; a refused refresh becomes UnauthorizedError(revoked = true).
import { z } from 'zod';
import type { Config } from '../config.ts';
import { PermanentError } from '../errors.ts';
import { createSdkClient } from './sdk-client.ts';
import { toAppError } from './to-app-error.ts';

export const TokenGrantSchema = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1),
  expiresIn: z.number().positive(),
});
export type TokenGrant = z.infer<typeof TokenGrantSchema>;

export const TokenInfoSchema = z.object({
  hubId: z.coerce.number().int().positive(),
  appId: z.coerce.number().int().optional(),
  scopes: z.array(z.string()).default([]),
});
export type TokenInfo = z.infer<typeof TokenInfoSchema>;

export interface OAuthApi {
  exchangeCode(code: string, redirectUri: string): Promise<TokenGrant>;
  refresh(refreshToken: string): Promise<TokenGrant>;
  tokenInfo(accessToken: string): Promise<TokenInfo>;
}

type OAuthConfig = Pick<Config, 'HUBSPOT_API_BASE' | 'HUBSPOT_CLIENT_ID' | 'HUBSPOT_CLIENT_SECRET'>;

function credentials(config: OAuthConfig): { id: string; secret: string } {
  if (!config.HUBSPOT_CLIENT_ID || !config.HUBSPOT_CLIENT_SECRET) {
    throw new PermanentError('HUBSPOT_CLIENT_ID and HUBSPOT_CLIENT_SECRET are required for OAuth');
  }
  return { id: config.HUBSPOT_CLIENT_ID, secret: config.HUBSPOT_CLIENT_SECRET };
}

function parse<T>(schema: z.ZodType<T>, data: unknown, what: string): T {
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new PermanentError(`unexpected ${what} response from HubSpot`);
  return parsed.data;
}

export function createOAuthApi(deps: { config: OAuthConfig; now?: () => number }): OAuthApi {
  const { config } = deps;
  const now = deps.now ?? Date.now;
  const sdk = () => createSdkClient(config).oauth;
  const guarded = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      throw toAppError(err, now());
    }
  };

  return {
    exchangeCode(code, redirectUri) {
      const { id, secret } = credentials(config);
      return guarded(async () =>
        parse(TokenGrantSchema, await sdk().tokensApi.create('authorization_code', code, redirectUri, id, secret), 'token'),
      );
    },
    refresh(refreshToken) {
      const { id, secret } = credentials(config);
      return guarded(async () =>
        parse(TokenGrantSchema, await sdk().tokensApi.create('refresh_token', undefined, undefined, id, secret, refreshToken), 'token'),
      );
    },
    tokenInfo(accessToken) {
      return guarded(async () => parse(TokenInfoSchema, await sdk().accessTokensApi.get(accessToken), 'access-token info'));
    },
  };
}
