import nock from 'nock';
import { describe, expect, it } from 'vitest';
import type { Task } from '../../src/model/index.ts';
import { BASE, fixture, PORTAL } from '../support/hubspot-fixtures.ts';
import { usePortalHarness } from '../support/portal-harness.ts';

const created = fixture('tasks-batch-create');
const partial = fixture('tasks-batch-create-207');

const TASKS: Task[] = [
  {
    companyId: '18273645001', ownerId: '88123401', priority: 'HIGH', dueAt: new Date('2026-12-06T09:00:00.000Z'),
    subject: 'Write the account plan for Northwind Traders',
    body: 'Northwind Traders is now a key account: expected profit 412,300 a year under dedicated coverage, share of wallet 9 %.',
  },
  {
    companyId: '18273645002', ownerId: '88123402', priority: 'MEDIUM', dueAt: new Date('2026-11-29T09:00:00.000Z'),
    subject: 'Find out why Contoso Ltd was lost',
    body: 'Contoso Ltd has not won a deal in the last 18 months (last won 2025-03-11).',
  },
];

describe('batch task creation', () => {
  const portal = usePortalHarness();

  it('when tasks are created, then each is associated with its company (type 192), due at hs_timestamp, NOT_STARTED, and mapped back by trace id', async () => {
    const h = await portal();
    nock(BASE).post('/crm/v3/objects/tasks/batch/create', created.request.body).reply(201, created.response.body, created.response.headers);
    const res = await h.client.createTasks(TASKS);
    // Results come back out of order; the trace ids put them right.
    expect(res.created).toEqual([
      { index: 0, companyId: '18273645001', taskId: '91234000011' },
      { index: 1, companyId: '18273645002', taskId: '91234000012' },
    ]);
    expect(res.failed).toEqual([]);
    expect(await h.counter.read(PORTAL)).toEqual({ 'tasks.batchCreate': 1 });
  });

  it('when one task is refused (207), then it is reported as failed with its index and the other as created', async () => {
    const h = await portal();
    nock(BASE).post('/crm/v3/objects/tasks/batch/create', partial.request.body).reply(207, partial.response.body, partial.response.headers);
    const res = await h.client.createTasks(TASKS);
    expect(res.created).toEqual([{ index: 0, companyId: '18273645001', taskId: '91234000011' }]);
    expect(res.failed).toEqual([{ index: 1, companyId: '18273645002', category: 'VALIDATION_ERROR', message: expect.stringContaining('18273645002') }]);
  });

  it('when results carry no trace id, then they are matched by subject and due time', async () => {
    const h = await portal();
    const body = structuredClone(created.response.body) as { results: Array<Record<string, unknown>> };
    for (const r of body.results) delete r.objectWriteTraceId;
    nock(BASE).post('/crm/v3/objects/tasks/batch/create').reply(201, body, created.response.headers);
    const res = await h.client.createTasks(TASKS);
    expect(res.created.map((c) => [c.index, c.taskId])).toEqual([[0, '91234000011'], [1, '91234000012']]);
  });

  it('when 150 tasks are created, then two calls of at most 100 are made, with trace ids unique across them', async () => {
    const h = await portal();
    const tasks = Array.from({ length: 150 }, (_, i) => ({ ...TASKS[0]!, companyId: String(100 + i), ownerId: null }));
    const sent: Array<Array<{ objectWriteTraceId: string; properties: Record<string, string> }>> = [];
    nock(BASE).post('/crm/v3/objects/tasks/batch/create').times(2).reply(201, (_uri, b) => {
      const inputs = (b as { inputs: Array<{ objectWriteTraceId: string; properties: Record<string, string> }> }).inputs;
      sent.push(inputs);
      return { status: 'COMPLETE', results: inputs.map((inp, i) => ({ id: `9${inp.objectWriteTraceId}${i}`, objectWriteTraceId: inp.objectWriteTraceId, properties: inp.properties, createdAt: '2026-11-22T06:00:07Z', updatedAt: '2026-11-22T06:00:07Z', archived: false })), startedAt: '2026-11-22T06:00:07Z', completedAt: '2026-11-22T06:00:07Z' };
    });
    const res = await h.client.createTasks(tasks);
    expect(sent.map((s) => s.length)).toEqual([100, 50]);
    expect(new Set(sent.flat().map((i) => i.objectWriteTraceId)).size).toBe(150);
    expect(sent.flat().every((i) => !('hubspot_owner_id' in i.properties))).toBe(true);
    expect(res.created).toHaveLength(150);
  });

  it('when task creation gets a 5xx, then it is not repeated (creation is not idempotent)', async () => {
    const h = await portal();
    nock(BASE).post('/crm/v3/objects/tasks/batch/create').reply(502, { status: 'error', message: 'Bad gateway' });
    await expect(h.client.createTasks(TASKS)).rejects.toMatchObject({ name: 'TransientError' });
    expect(h.limiter.acquired).toBe(1);
  });
});
