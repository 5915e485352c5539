// A portal whose play tasks are off (its optional task scopes not granted, or the task property
// refused): the pass writes every figure and never calls HubSpot's task endpoints.
import { describe, expect, it } from 'vitest';
import { portfolioPass } from '../../jobs/portfolio-pass.ts';
import { useTestRedis } from '../support/redis.ts';
import { portalDeps, seededCrm } from './portal-fixture.ts';

const ctx = useTestRedis();

describe('a portal with play tasks off', () => {
  it('when its first pass runs, then every company is scored and written and no task is created, searched or read', async () => {
    const crm = seededCrm(120);
    const outcome = await portfolioPass({ ...portalDeps(ctx, crm), tasksEnabled: false });
    expect(outcome.companies).toBe(120);
    expect(outcome.updated).toBe(120);
    expect(crm.tasks).toEqual([]);
    expect(Object.keys(crm.calls).filter((k) => k.includes('task'))).toEqual([]);
  });

  it('when the same portal has tasks on, then the first pass creates the account plans (the switch is what made the difference)', async () => {
    const crm = seededCrm(120);
    await portfolioPass({ ...portalDeps(ctx, crm), tasksEnabled: true });
    expect(crm.tasks.length).toBeGreaterThan(0);
  });
});
