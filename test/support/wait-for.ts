// Bounded polling: a test, bench or script waits for a condition, never for a wall-clock duration.
// A check that throws (Redis away for a moment) counts as "not yet"; if time runs out, the last
// error is named with the condition. No vitest import.
export async function waitFor(check: () => Promise<boolean> | boolean, what: string, limitMs = 20_000, everyMs = 100): Promise<void> {
  const until = Date.now() + limitMs;
  let lastError: unknown;
  for (;;) {
    const ok = await Promise.resolve().then(check).catch((err: unknown) => {
      lastError = err;
      return false;
    });
    if (ok) return;
    if (Date.now() > until) {
      const cause = lastError instanceof Error ? ` (last check failed: ${lastError.message})` : '';
      throw new Error(`never happened within ${limitMs} ms: ${what}${cause}`);
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** What a running app does on its own (a webhook delivered, a flush written): a minute for each step. */
export const eventually = (check: () => Promise<boolean> | boolean, what: string, limitMs = 60_000): Promise<void> => waitFor(check, what, limitMs);
