// Passes and flushes say what they did at info: a line when they start, and one when they end with
// the portal, companies, what was written, tasks, HubSpot calls and duration.
import { describe, expect, it } from 'vitest';
import type { CrmPort } from '../../jobs/crm-port.ts';
import { flushPortal } from '../../jobs/flush-portal.ts';
import { portfolioPass } from '../../jobs/portfolio-pass.ts';
import { callCountKey } from '../../src/hubspot/call-counter.ts';
import { emptyMarks, markDirty } from '../../src/store/dirty-marks.ts';
import { captureLogs } from '../support/capture-logs.ts';
import { useTestRedis } from '../support/redis.ts';
import { AS_OF, portalDeps, seededCrm } from './portal-fixture.ts';

const ctx = useTestRedis();

/** Counts every CRM call into the portal's shared call count, as the HubSpot client does. */
function counted(crm: CrmPort, portalId: string): CrmPort {
  const key = callCountKey(ctx.prefix, portalId);
  return new Proxy(crm, {
    get(target, name) {
      const value = Reflect.get(target, name) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        void ctx.redis.hincrby(key, String(name), 1);
        return Reflect.apply(value, target, args) as unknown;
      };
    },
  });
}

describe('what a pass and a flush log', () => {
  it('when a pass runs, then it logs its start and, at the end, the portal, companies, written, tasks, calls and duration', async () => {
    const crm = seededCrm(120);
    const { logger, records } = captureLogs({ level: 'info' });
    let t = AS_OF.getTime();
    const deps = { ...portalDeps(ctx, crm, '24681357', () => (t += 250)), logger: logger.child({ portalId: '24681357' }), crm: counted(crm, '24681357') };
    const outcome = await portfolioPass(deps);
    const started = records().find((l) => l.msg === 'pass started');
    const finished = records().find((l) => l.msg === 'pass finished');
    expect(started).toMatchObject({ level: 30, portalId: '24681357' });
    expect(finished).toMatchObject({ level: 30, portalId: '24681357', companies: 120, written: outcome.updated, tasks: outcome.tasksCreated });
    expect(finished?.calls).toBeGreaterThan(0);
    expect(finished?.durationMs).toBeGreaterThan(0);
  });

  it('when a flush runs, then its end names the companies it recomputed and what it wrote', async () => {
    const crm = seededCrm(30);
    const { logger, records } = captureLogs({ level: 'info' });
    const deps = { ...portalDeps(ctx, crm), logger: logger.child({ portalId: '24681357' }) };
    await portfolioPass(deps);
    const ids = [...crm.companies.keys()].slice(0, 3);
    await markDirty(ctx.redis, ctx.prefix, '24681357', { ...emptyMarks(), companyIds: ids });
    await flushPortal(deps);
    expect(records().find((l) => l.msg === 'flush started')).toMatchObject({ portalId: '24681357' });
    expect(records().find((l) => l.msg === 'flush finished')).toMatchObject({ portalId: '24681357', companies: 3, written: 0, tasks: 0, calls: 0 });
  });
});
