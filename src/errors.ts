// The few error kinds the app reasons about. Only hubspot/to-app-error.ts reads HubSpot's error
// shape; everything else decides on these classes.

/** Worth retrying later: network trouble, 5xx, timeouts. */
export class TransientError extends Error {
  override name = 'TransientError';
}

/** A retry cannot fix it: bad request, missing scope, validation. */
export class PermanentError extends Error {
  override name = 'PermanentError';
}

/** HubSpot said 429; wait `retryAfterMs` before the next call for this portal. */
export class RateLimitedError extends Error {
  override name = 'RateLimitedError';
  constructor(message: string, readonly retryAfterMs: number, readonly policyName?: string) {
    super(message);
  }
}

/** The token was refused (401) or the refresh token was revoked: the portal must re-install. */
export class UnauthorizedError extends Error {
  override name = 'UnauthorizedError';
  constructor(message: string, readonly revoked = false) {
    super(message);
  }
}

export type AppError = TransientError | PermanentError | RateLimitedError | UnauthorizedError;
