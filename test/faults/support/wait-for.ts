// Bounded polling: a scenario waits for a condition, never for a wall-clock duration. A check that
// throws (Redis away for a moment) counts as "not yet".
export async function waitFor(check: () => Promise<boolean> | boolean, what: string, limitMs: number, everyMs = 100): Promise<void> {
  const until = Date.now() + limitMs;
  for (;;) {
    const ok = await Promise.resolve().then(check).catch(() => false);
    if (ok) return;
    if (Date.now() > until) throw new Error(`never happened within ${limitMs} ms: ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
