// A request as HubSpot's proxy sends it for hubspot.fetch from one of the app's extensions: the
// caller's portal and user appended to the query (portalId, userId, userEmail, appId), then the
// whole URL and body signed with signature v3. The sandbox plays the proxy with it, and tests and
// the bench sign with it; the app only ever verifies (verify-signature.ts).
import { hubspotDecodeUri, signV3 } from './verify-signature.ts';

/** Query parameters HubSpot appends, inside what it signs (names from public projects and HubSpot's dev server). */
export const PROXY_PARAMS = ['portalId', 'userId', 'userEmail', 'appId'] as const;

export interface ProxyCaller {
  portalId: string;
  userId: string;
  userEmail: string;
  appId: string;
}

export interface SignedProxyRequest {
  url: string;
  headers: Record<string, string>;
}

/** The URL with the caller appended, as the proxy forwards it. */
export function proxyUrl(url: string, caller: ProxyCaller): string {
  const target = new URL(url);
  for (const name of PROXY_PARAMS) target.searchParams.append(name, caller[name]);
  return target.href;
}

/** Appends the caller to `url` and signs method, URL, body and timestamp with the app's secret. */
export function signProxyRequest(input: { secret: string; method: string; url: string; body?: string; caller: ProxyCaller; now: number }): SignedProxyRequest {
  const url = proxyUrl(input.url, input.caller);
  const timestamp = String(input.now);
  const signature = signV3(input.secret, input.method.toUpperCase(), hubspotDecodeUri(url), input.body ?? '', timestamp);
  return {
    url,
    headers: {
      'x-hubspot-signature-v3': signature,
      'x-hubspot-request-timestamp': timestamp,
      ...(input.body ? { 'content-type': 'application/json' } : {}),
    },
  };
}
