// The one logger: pino, JSON lines, with every secret-bearing field redacted wherever it appears.
// `code` is redacted only where it is an OAuth authorization code (a query or form field): an
// error's `code` (ECONNREFUSED, ETIMEDOUT) is what an operator needs to read. Errors' messages and
// stacks, and logged URLs, lose the secrets they may quote (`code=…`, `access_token=…`, bearer
// values, token paths).
import { pino, stdSerializers, type Logger, type DestinationStream } from 'pino';

export type { Logger };

const SECRET_KEYS = [
  'accessToken', 'access_token', 'refreshToken', 'refresh_token', 'token', 'clientSecret', 'client_secret',
  'authorization', 'Authorization', 'password', 'secret',
];

// Where an OAuth code travels: the callback's query, the token request's form.
const OAUTH_CODE_PATHS = ['query.code', '*.query.code', 'req.query.code', 'form.code', '*.form.code', 'body.code', '*.body.code', 'params.code', '*.params.code'];

export const REDACT_PATHS = [
  ...SECRET_KEYS,
  ...SECRET_KEYS.map((k) => `*.${k}`),
  ...SECRET_KEYS.map((k) => `*.*.${k}`),
  ...OAUTH_CODE_PATHS,
  'req.headers.authorization',
  'req.headers["x-hubspot-signature-v3"]',
  'headers.authorization',
  'err.config.headers.Authorization',
];

/** Secrets quoted inside text: query or form parameters, bearer values, token paths. */
export function scrubText(text: string): string {
  return text
    .replace(/\b(code|access_token|refresh_token|client_secret|token)=[^&\s"'<>]+/gi, '$1=[redacted]')
    .replace(/Bearer\s+[^\s"']+/gi, 'Bearer [redacted]')
    .replace(/\/(access|refresh)-tokens\/[^\s/?"']+/g, '/$1-tokens/[redacted]');
}

function serializeErr(err: unknown): unknown {
  if (!(err instanceof Error)) return err;
  const out = stdSerializers.err(err) as unknown as Record<string, unknown>;
  for (const field of ['message', 'stack']) {
    if (typeof out[field] === 'string') out[field] = scrubText(out[field]);
  }
  return out;
}

export function createLogger(options: { level?: string; name?: string } = {}, destination?: DestinationStream): Logger {
  return pino(
    {
      name: options.name ?? 'kam',
      level: options.level ?? 'info',
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      serializers: { err: serializeErr, url: (url: unknown) => (typeof url === 'string' ? scrubText(url) : url) },
    },
    destination,
  );
}
