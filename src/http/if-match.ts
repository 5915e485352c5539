// The settings version a write was based on, from If-Match ("3", W/"3" or 3) or a body field: every
// settings write names it, so a change made from a stale page is refused instead of undoing a newer one.

export type BaseVersion = { ok: true; version: number } | { ok: false; status: 400 | 428; error: string };

const ETAG = /^\s*(?:W\/)?"?(\d{1,15})"?\s*$/;

export const etagOf = (version: number): string => `"${version}"`;

export function baseVersionOf(ifMatch: string | undefined, bodyVersion?: unknown): BaseVersion {
  if (ifMatch !== undefined) {
    const m = ETAG.exec(ifMatch);
    if (!m) return { ok: false, status: 400, error: `If-Match must be the settings version as an ETag, such as "3", not ${JSON.stringify(ifMatch.slice(0, 40))}` };
    return { ok: true, version: Number(m[1]) };
  }
  if (bodyVersion !== undefined) {
    if (typeof bodyVersion !== 'number' || !Number.isSafeInteger(bodyVersion) || bodyVersion < 1) return { ok: false, status: 400, error: 'baseVersion must be the settings version (a whole number from 1)' };
    return { ok: true, version: bodyVersion };
  }
  return { ok: false, status: 428, error: 'say which settings version this change is based on (If-Match: "<version>", or baseVersion); GET returns the current one' };
}
