// Task creation through a transient failure: the outcome of a failed create is unknown, so the tasks
// are looked up by play key and only the missing ones created again; never a duplicate.
import { describe, expect, it } from 'vitest';
import { createTasksRecovering } from '../../jobs/create-tasks-recovering.ts';
import type { KeyedPlay } from '../../jobs/crm-port.ts';
import { PermanentError, TransientError } from '../../src/errors.ts';
import { MemoryCrm } from '../support/memory-crm.ts';

const task = (companyId: string): KeyedPlay => ({
  companyId, ownerId: null, subject: `Write the account plan for ${companyId}`, body: '', dueAt: new Date('2026-12-01'), priority: 'HIGH', kind: 'account_plan', playKey: `p-${companyId}`,
});

/** A CRM whose next creates fail as HubSpot's 5xx would: `afterCreating` decides whether HubSpot did create them first. */
function flakyCrm(failures: { afterCreating: boolean }[]): MemoryCrm {
  const crm = new MemoryCrm();
  const create = crm.createTasks.bind(crm);
  crm.createTasks = async (tasks) => {
    const failure = failures.shift();
    if (!failure) return create(tasks);
    if (failure.afterCreating) await create(tasks);
    throw new TransientError('HubSpot answered 502');
  };
  return crm;
}

describe('createTasksRecovering', () => {
  const pauses: number[] = [];
  const sleep = async (ms: number): Promise<void> => void pauses.push(ms);

  it('when HubSpot created the tasks but the answer was a 5xx, then they are found by play key and none is created twice', async () => {
    const crm = flakyCrm([{ afterCreating: true }]);
    const tasks = [task('1'), task('2')];
    const outcome = await createTasksRecovering(crm, tasks, { sleep });
    expect(crm.tasks).toHaveLength(2);
    expect([...outcome.created.keys()].sort()).toEqual(['p-1', 'p-2']);
    expect(outcome.created.get('p-1')).toBe(crm.tasks.find((t) => t.playKey === 'p-1')?.id);
    expect(crm.calls['tasks.create']).toBe(1);
  });

  it('when the 5xx came before HubSpot created anything, then after a pause the tasks are created once', async () => {
    pauses.length = 0;
    const crm = flakyCrm([{ afterCreating: false }, { afterCreating: false }]);
    const outcome = await createTasksRecovering(crm, [task('3')], { sleep, pauseMs: 100 });
    expect(crm.tasks.map((t) => t.playKey)).toEqual(['p-3']);
    expect(outcome.created.size).toBe(1);
    expect(pauses).toEqual([100, 200]);
  });

  it('when failures outlast the retries, or are not transient, then the error reaches the job', async () => {
    await expect(createTasksRecovering(flakyCrm([{ afterCreating: false }, { afterCreating: false }]), [task('4')], { sleep, retries: 1 })).rejects.toBeInstanceOf(TransientError);
    const crm = new MemoryCrm();
    crm.createTasks = async () => {
      throw new PermanentError('HubSpot answered 400');
    };
    await expect(createTasksRecovering(crm, [task('5')], { sleep })).rejects.toBeInstanceOf(PermanentError);
    expect(crm.calls['tasks.search']).toBeUndefined();
  });
});
