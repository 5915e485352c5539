// The portal's account details (`GET /account-info/v3/details`): its company currency, for money
// in the explanation and on the pages. The SDK has no module for this endpoint, so the call goes
// through its plain `apiRequest`, which answers any status; a non-2xx becomes the error shape the
// caller maps (to-app-error.ts reads `code`, `body` and `headers`).
import { z } from 'zod';
import type { HubSpotCaller } from './hubspot-caller.ts';
import { parseResponse } from './response-schemas.ts';

export const ACCOUNT_DETAILS_PATH = '/account-info/v3/details';

const AccountDetailsSchema = z.looseObject({
  portalId: z.union([z.number(), z.string()]).optional(),
  companyCurrency: z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter currency code'),
});

/** The portal's company currency, e.g. `EUR`. */
export async function readCompanyCurrency(call: HubSpotCaller): Promise<string> {
  return call('accountInfo.details', async (sdk) => {
    const res = await sdk.apiRequest({ method: 'GET', path: ACCOUNT_DETAILS_PATH });
    const body: unknown = await res.json().catch(() => ({}));
    if (!res.ok) throw Object.assign(new Error(`account details: HTTP ${res.status}`), { code: res.status, body, headers: Object.fromEntries(res.headers) });
    return parseResponse(AccountDetailsSchema, body, 'account details').companyCurrency;
  }, { idempotent: true });
}
