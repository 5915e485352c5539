import type { Queue } from 'bullmq';
import { beforeEach, describe, expect, it } from 'vitest';
import { dropCommand, listCommand, replayCommand, showCommand } from '../../src/cli/dead-letters-command.ts';
import type { QueueAccess } from '../../src/cli/queue-access.ts';
import { addDeadLetter, countDeadLetters } from '../../src/store/dead-letters.ts';
import { dirtyCounts } from '../../src/store/dirty-marks.ts';
import { createPortalStore } from '../../src/store/portal-store.ts';
import { useTestRedis } from '../support/redis.ts';
import { testConfig } from '../support/test-config.ts';
import { companyChange } from '../webhooks/support/receiver.ts';
import { fakeIo } from './fake-io.ts';

const ctx = useTestRedis();
let prefix: string;
let access: QueueAccess;

beforeEach(async () => {
  prefix = `{${ctx.prefix}}`;
  access = { config: testConfig({ QUEUE_PREFIX: prefix, FLUSH_DELAY_MS: '60000' }), redis: ctx.redis, queues: {} as Record<'flush' | 'pass', Queue>, close: async () => undefined };
});

const store = (body: string, receivedAt = 1_795_327_000_000) => addDeadLetter(ctx.redis, prefix, { receivedAt, reason: 'schema', issues: ['[0] objectId: \u001b[31mbad\u001b[0m'], body });

describe('kam dead-letters', () => {
  it('when listed, then each entry shows with its size and first problem, cleaned for the terminal, and the total bytes', async () => {
    const { id } = await store('[{"x":1}]');
    const run = fakeIo({});
    await listCommand(access, run.io, { limit: 50 });
    expect(run.stdout()).toContain(id);
    expect(run.stdout()).toContain('[0] objectId: bad');
    expect(run.stdout()).not.toContain('\u001b');
    expect(run.stdout()).toMatch(/1 dead letter\(s\), 0\.0 MiB/);
  });

  it('when a batch that now passes the schema is replayed, then its installed portal is marked and the entry is gone; one that still fails is kept', async () => {
    await createPortalStore({ redis: ctx.redis, prefix }).markInstalled('77');
    const good = await store(JSON.stringify([companyChange(77, 5), companyChange(88, 6)]));
    const bad = await store('not json');
    const run = fakeIo({});
    await replayCommand(access, run.io, [good.id, bad.id], {});
    expect(run.stdout()).toContain(`replayed ${good.id}: 2 event(s) for 1 installed portal(s)`);
    expect(run.stdout()).toContain(`kept ${bad.id}`);
    expect(run.exitCode()).toBe(1);
    expect((await dirtyCounts(ctx.redis, prefix, '77')).companies).toBe(1);
    expect((await dirtyCounts(ctx.redis, prefix, '88')).companies).toBe(0); // never installed: no marks
    expect(await countDeadLetters(ctx.redis, prefix)).toBe(1);
  });

  it('when shown, then the body is printed as JSON text so no control character reaches the terminal', async () => {
    const { id } = await store('["\u001b]0;title\u0007"]');
    const run = fakeIo({});
    await showCommand(access, run.io, id);
    expect(run.stdout()).not.toContain('\u001b');
    expect(run.stdout()).not.toContain('\u0007');
    expect(run.stdout()).toContain('\\u001b]0;title\\u0007');
  });

  it('when all are dropped, then none is left', async () => {
    await store('a', 1);
    await store('b', 2);
    const run = fakeIo({});
    await dropCommand(access, run.io, [], { all: true });
    expect(run.stdout()).toContain('dropped 2 dead letter(s)');
    expect(await countDeadLetters(ctx.redis, prefix)).toBe(0);
  });
});
