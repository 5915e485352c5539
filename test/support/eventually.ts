// Waits for something a running app does on its own (a webhook delivered, a flush written), polling.
export async function eventually(check: () => Promise<boolean> | boolean, what: string, limitMs = 60_000): Promise<void> {
  const until = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`never happened: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
