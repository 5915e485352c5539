// The one place that reads HubSpot's error shape. The SDK redefines ApiException in every generated
// module, so nothing here uses instanceof on it: we read `code` (the HTTP status), `body` and
// `headers`. A call that got no answer at all is the global fetch's TypeError('fetch failed') with
// the socket's error (ECONNREFUSED, ECONNRESET, UND_ERR_SOCKET…) as its `cause`. Raw SDK errors are never attached as `cause`: a
// network error's message carries the request URL, and one endpoint has the access token in its path.
import { PermanentError, RateLimitedError, TransientError, UnauthorizedError, type AppError } from '../errors.ts';

export interface HubSpotErrorDetails {
  status?: number;
  category?: string;
  correlationId?: string;
  policyName?: string;
}

/** Default wait after a non-daily 429 when HubSpot gives no Retry-After (it documents none for REST). */
export const DEFAULT_RATE_LIMIT_WAIT_MS = 1000;

const TRANSIENT_STATUSES = new Set([408, 423, 425, 477]);
const REVOKED_MARKERS = new Set(['invalid_grant', 'BAD_REFRESH_TOKEN']);

type Loose = Record<string, unknown>;
const asRecord = (v: unknown): Loose => (v && typeof v === 'object' ? (v as Loose) : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

/** Paths that embed a token, and bearer values, are cut out of anything that may be logged. */
export function scrubSecrets(text: string): string {
  return text
    .replace(/\/(access|refresh)-tokens\/[^\s/?"']+/g, '/$1-tokens/[redacted]')
    .replace(/Bearer\s+[^\s"']+/gi, 'Bearer [redacted]');
}

export function msUntilNextUtcMidnight(now: number): number {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1) - now;
}

function retryAfterMs(headers: Loose, now: number): number | undefined {
  const raw = str(headers['retry-after']) ?? str(headers['Retry-After']);
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, Math.round(seconds * 1000));
  const at = Date.parse(raw);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

function describe(status: number, body: Loose, details: HubSpotErrorDetails): string {
  const text = str(body.message) ?? str(body.error_description) ?? '';
  const parts = [`HubSpot answered ${status}`, details.category ?? details.policyName, text && scrubSecrets(text).slice(0, 300)];
  const msg = parts.filter(Boolean).join(': ');
  return details.correlationId ? `${msg} (correlationId ${details.correlationId})` : msg;
}

function fromStatus(status: number, rawBody: unknown, headers: Loose, now: number): AppError {
  const body = asRecord(rawBody);
  const details: HubSpotErrorDetails = {
    status,
    // `status` is usually just "error"; the OAuth endpoint puts its code there (BAD_REFRESH_TOKEN).
    category: str(body.category) ?? str(body.errorType) ?? str(body.error) ?? (body.status === 'error' ? undefined : str(body.status)),
    correlationId: str(body.correlationId) ?? str(headers['x-hubspot-correlation-id']),
    policyName: str(body.policyName),
  };
  const message = describe(status, typeof rawBody === 'string' ? ({ message: rawBody } as Loose) : body, details);
  let err: AppError;
  if (status === 429) {
    const wait = details.policyName === 'DAILY' ? msUntilNextUtcMidnight(now) : (retryAfterMs(headers, now) ?? DEFAULT_RATE_LIMIT_WAIT_MS);
    err = new RateLimitedError(message, wait, details.policyName ?? 'UNKNOWN');
  } else if (status === 401) {
    err = new UnauthorizedError(message, false);
  } else if (status === 400 && (REVOKED_MARKERS.has(str(body.error) ?? '') || REVOKED_MARKERS.has(str(body.status) ?? ''))) {
    err = new UnauthorizedError(message, true);
  } else if (status >= 500 || TRANSIENT_STATUSES.has(status)) {
    err = new TransientError(message);
  } else {
    err = new PermanentError(message);
  }
  return Object.assign(err, { hubspot: details });
}

/** Maps anything a HubSpot call threw to one of the app's error kinds. */
export function toAppError(raw: unknown, now: number = Date.now()): AppError {
  if (raw instanceof TransientError || raw instanceof PermanentError || raw instanceof RateLimitedError || raw instanceof UnauthorizedError) {
    return raw;
  }
  const e = asRecord(raw);
  if (typeof e.code === 'number' && e.code >= 100 && e.code < 600) {
    return fromStatus(e.code, e.body, asRecord(e.headers), now);
  }
  // fetch's network failures (the socket error is the cause), our own timeout (ETIMEDOUT), and the
  // SDK's "Cannot parse content" for a body it could not read (e.g. an empty 503): all worth a retry.
  const cause = asRecord(e.cause);
  const what = str(e.code) ?? str(cause.code) ?? str(e.type) ?? str(e.name) ?? 'error';
  const causeText = str(cause.message) ? `: ${str(cause.message)}` : '';
  const text = raw instanceof Error ? `${raw.message}${causeText}` : String(raw);
  return new TransientError(`HubSpot call failed (${what}): ${scrubSecrets(text).slice(0, 300)}`);
}
