// How any portal job ends: what a retry can fix is thrown for BullMQ's backoff; what it cannot
// (a revoked install, a bad request) is UnrecoverableError so the job fails at once and is kept
// for an admin; a busy portal or a rate limit (HubSpot's 429, or no budget left in the portal's
// own window) just moves the job to later, costing no attempt and giving its worker slot back.
// `onYield` runs first, to save in the job what it needs to resume.
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { PermanentError, RateLimitedError, UnauthorizedError } from '../src/errors.ts';
import { PortalBusyError } from '../src/store/portal-lock.ts';

export const BUSY_RETRY_MS = 2000;

export async function runPortalJob<T>(
  job: Job,
  token: string | undefined,
  work: () => Promise<T>,
  now: () => number = Date.now,
  onYield: () => Promise<unknown> = async () => undefined,
): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof PortalBusyError) return delay(job, token, now() + BUSY_RETRY_MS, onYield);
    if (err instanceof RateLimitedError) return delay(job, token, now() + err.retryAfterMs, onYield);
    if (err instanceof UnauthorizedError && err.revoked) throw new UnrecoverableError(`portal uninstalled: ${err.message}`);
    if (err instanceof PermanentError) throw new UnrecoverableError(err.message);
    throw err;
  }
}

async function delay(job: Job, token: string | undefined, until: number, onYield: () => Promise<unknown>): Promise<never> {
  await onYield();
  return postpone(job, token, until);
}

/** Moves the running job back to the delayed set until `until`, costing no attempt. */
export async function postpone(job: Job, token: string | undefined, until: number): Promise<never> {
  await job.moveToDelayed(until, token);
  throw new DelayedError();
}
