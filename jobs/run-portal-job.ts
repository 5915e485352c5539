// How any portal job ends: what a retry can fix is thrown for BullMQ's backoff; what it cannot
// (a revoked install, a bad request) is UnrecoverableError so the job fails at once and is kept
// for an admin; a busy portal or a rate limit just moves the job to later, costing no attempt.
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { PermanentError, RateLimitedError, UnauthorizedError } from '../src/errors.ts';
import { PortalBusyError } from './portal-lock.ts';

export const BUSY_RETRY_MS = 2000;

export async function runPortalJob<T>(job: Job, token: string | undefined, work: () => Promise<T>, now: () => number = Date.now): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof PortalBusyError) return delay(job, token, now() + BUSY_RETRY_MS);
    if (err instanceof RateLimitedError) return delay(job, token, now() + err.retryAfterMs);
    if (err instanceof UnauthorizedError && err.revoked) throw new UnrecoverableError(`portal uninstalled: ${err.message}`);
    if (err instanceof PermanentError) throw new UnrecoverableError(err.message);
    throw err;
  }
}

async function delay(job: Job, token: string | undefined, until: number): Promise<never> {
  await job.moveToDelayed(until, token);
  throw new DelayedError();
}
