// Removes one portal's events from the dead letters (its uninstall). A batch that named only that
// portal goes; a batch that also names others is stored again with only their events, so their
// replay still works. Kept apart from dead-letters.ts and built on its public functions, so the
// store's own rules (caps, trimming) apply to the rewritten entry too.
import { addDeadLetter, getDeadLetter, listDeadLetters, removeDeadLetter } from './dead-letters.ts';
import type { RedisClient } from './redis-client.ts';

const PAGE = 100;

/** The body without the portal's events; null when none of it was the portal's, '' when all was. */
function withoutPortal(body: string, portalId: string): string | null {
  let events: unknown;
  try {
    events = JSON.parse(body);
  } catch {
    // Not JSON: no structure to keep; it goes if it names the portal as a batch would.
    return new RegExp(`"portalId"\\s*:\\s*"?${portalId}"?(?![0-9])`).test(body) ? '' : null;
  }
  if (!Array.isArray(events)) return null;
  const isPortal = (e: unknown): boolean => typeof e === 'object' && e !== null && String((e as { portalId?: unknown }).portalId) === portalId;
  const kept = events.filter((e) => !isPortal(e));
  if (kept.length === events.length) return null;
  return kept.length ? JSON.stringify(kept) : '';
}

/** Returns how many dead letters were removed or rewritten. */
export async function removePortalFromDeadLetters(redis: RedisClient, prefix: string, portalId: string): Promise<number> {
  const touched: { id: string; body: string }[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await listDeadLetters(redis, prefix, PAGE, offset);
    for (const summary of page) {
      const letter = await getDeadLetter(redis, prefix, summary.id);
      const rest = letter ? withoutPortal(letter.body, portalId) : null;
      if (rest !== null) touched.push({ id: summary.id, body: rest });
    }
    if (page.length < PAGE) break;
  }
  for (const { id, body } of touched) {
    const letter = await getDeadLetter(redis, prefix, id);
    if (!letter) continue;
    if (body) await addDeadLetter(redis, prefix, { receivedAt: letter.receivedAt, reason: letter.reason, issues: letter.issues, body });
    await removeDeadLetter(redis, prefix, id);
  }
  return touched.length;
}
