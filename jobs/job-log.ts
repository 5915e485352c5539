// The info lines that say what a flush or a pass did: one when it starts, one when it ends with
// its portal, companies, what it wrote, tasks, HubSpot calls and duration. Calls are the portal's
// shared count (every process adds to it) read before and after: the job holds the portal lock, so
// the difference is its own. The job's logger already carries the portal id.
import { callCountKey } from '../src/hubspot/call-counter.ts';
import type { PortalDeps } from './portal-deps.ts';

export interface JobStart {
  what: 'flush' | 'pass';
  at: number;
  calls: number;
}

async function callsSoFar(deps: PortalDeps): Promise<number> {
  const counts = await deps.redis.hvals(callCountKey(deps.prefix, deps.portalId)).catch(() => [] as string[]);
  return counts.reduce((sum, v) => sum + Number(v), 0);
}

export async function jobStarted(deps: PortalDeps, what: JobStart['what']): Promise<JobStart> {
  deps.logger.info(`${what} started`);
  return { what, at: deps.now(), calls: await callsSoFar(deps) };
}

/** `figures`: companies, written (updated in HubSpot), tasks, and anything the job adds. */
export async function jobFinished(deps: PortalDeps, start: JobStart, figures: { companies: number; written: number; tasks: number } & Record<string, unknown>): Promise<void> {
  const calls = (await callsSoFar(deps)) - start.calls;
  deps.logger.info({ ...figures, calls, durationMs: deps.now() - start.at }, `${start.what} finished`);
}
