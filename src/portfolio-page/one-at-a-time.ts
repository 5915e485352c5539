// Scoring a large portal holds the whole portfolio in memory, twice for a what-if; several managers
// clicking at once must not multiply that. Heavy work runs one at a time per router; the others wait.
export type Serial = <T>(work: () => Promise<T>) => Promise<T>;

export function oneAtATime(): Serial {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>): Promise<T> => {
    const run = tail.then(work, work);
    tail = run.catch(() => undefined);
    return run;
  };
}
