import { describe, expect, it } from 'vitest';
import { addDeadLetter, countDeadLetters, deadLetterUsage, getDeadLetter, listDeadLetters, removeDeadLetter } from '../../src/store/dead-letters.ts';
import { useTestRedis } from '../support/redis.ts';

const ctx = useTestRedis();

describe('dead letters', () => {
  it('when a batch is stored, then it is listed without its body and read back byte for byte', async () => {
    const body = '[{"subscriptionType":"company.creation","portalId":1,"occurredAt":1,"name":"Müller 大"}]';
    const { id } = await addDeadLetter(ctx.redis, ctx.prefix, { receivedAt: 1000, reason: 'schema', issues: ['[0] objectId: required'], body });
    const list = await listDeadLetters(ctx.redis, ctx.prefix);
    expect(list).toEqual([{ id, receivedAt: 1000, reason: 'schema', issues: ['[0] objectId: required'], bytes: Buffer.byteLength(body) }]);
    expect((await getDeadLetter(ctx.redis, ctx.prefix, id))?.body).toBe(body);
  });

  it('when several are stored, then the newest is listed first and paging works', async () => {
    const ids: string[] = [];
    for (const t of [1, 3, 2]) ids.push((await addDeadLetter(ctx.redis, ctx.prefix, { receivedAt: t, reason: 'schema', issues: [], body: String(t) })).id);
    expect((await listDeadLetters(ctx.redis, ctx.prefix)).map((d) => d.receivedAt)).toEqual([3, 2, 1]);
    expect((await listDeadLetters(ctx.redis, ctx.prefix, 1, 1)).map((d) => d.receivedAt)).toEqual([2]);
  });

  it('when one is removed, then it is gone and removing it again reports false', async () => {
    const { id } = await addDeadLetter(ctx.redis, ctx.prefix, { receivedAt: 1, reason: 'schema', issues: [], body: '[]' });
    expect(await removeDeadLetter(ctx.redis, ctx.prefix, id)).toBe(true);
    expect(await getDeadLetter(ctx.redis, ctx.prefix, id)).toBeNull();
    expect(await removeDeadLetter(ctx.redis, ctx.prefix, id)).toBe(false);
  });

  it('when more than the maximum are stored, then the oldest are dropped and counted', async () => {
    const limits = { maxBytes: 1_000_000, maxEntries: 3 };
    for (let t = 1; t <= 3; t++) await addDeadLetter(ctx.redis, ctx.prefix, { receivedAt: t, reason: 'schema', issues: [], body: String(t) }, limits);
    const { trimmed } = await addDeadLetter(ctx.redis, ctx.prefix, { receivedAt: 4, reason: 'schema', issues: [], body: '4' }, limits);
    expect(trimmed).toBe(1);
    expect(await countDeadLetters(ctx.redis, ctx.prefix)).toBe(3);
    expect((await listDeadLetters(ctx.redis, ctx.prefix)).map((d) => d.receivedAt)).toEqual([4, 3, 2]);
  });

  it('when 200 batches of 10 KB are pushed past a 100 KB cap, then the bytes kept never exceed it and the newest survive (R12)', async () => {
    const limits = { maxBytes: 100_000, maxEntries: 10_000 };
    let trimmedTotal = 0;
    for (let t = 1; t <= 200; t++) {
      const { trimmed } = await addDeadLetter(ctx.redis, ctx.prefix, { receivedAt: t, reason: 'schema', issues: [], body: 'x'.repeat(10_000) }, limits);
      trimmedTotal += trimmed;
      expect((await deadLetterUsage(ctx.redis, ctx.prefix)).bytes).toBeLessThanOrEqual(100_000);
    }
    const usage = await deadLetterUsage(ctx.redis, ctx.prefix);
    expect(usage.entries).toBe(9);
    expect(trimmedTotal).toBe(191);
    expect((await listDeadLetters(ctx.redis, ctx.prefix)).map((d) => d.receivedAt)).toEqual([200, 199, 198, 197, 196, 195, 194, 193, 192]);
    // The byte count is the stored records' exact size, and removal gives it back.
    const [newest] = await listDeadLetters(ctx.redis, ctx.prefix, 1);
    expect(await removeDeadLetter(ctx.redis, ctx.prefix, newest?.id ?? '')).toBe(true);
    const raw = await ctx.redis.hvals(`${ctx.prefix}:dead-letter-bodies`);
    expect((await deadLetterUsage(ctx.redis, ctx.prefix)).bytes).toBe(raw.reduce((n, r) => n + Buffer.byteLength(r), 0));
  });

  it('when dead letters were stored before the byte count existed, then the first add counts them too', async () => {
    await ctx.redis.hset(`${ctx.prefix}:dead-letter-bodies`, 'old-1', 'x'.repeat(5000));
    await ctx.redis.zadd(`${ctx.prefix}:dead-letters`, 1, 'old-1');
    await addDeadLetter(ctx.redis, ctx.prefix, { receivedAt: 2, reason: 'schema', issues: [], body: 'y'.repeat(5000) }, { maxBytes: 8000, maxEntries: 100 });
    expect((await listDeadLetters(ctx.redis, ctx.prefix)).map((d) => d.receivedAt)).toEqual([2]);
    expect((await deadLetterUsage(ctx.redis, ctx.prefix)).bytes).toBeLessThanOrEqual(8000);
  });

  it('when an issue names an endless made-up type, then it is cut short', async () => {
    const { id } = await addDeadLetter(ctx.redis, ctx.prefix, { receivedAt: 1, reason: 'schema', issues: [`[0] ${'z'.repeat(100_000)}: bad`], body: '[]' });
    expect((await getDeadLetter(ctx.redis, ctx.prefix, id))?.issues[0]?.length).toBeLessThanOrEqual(301);
  });

  it('when a batch has many issues, then only the first 20 are kept', async () => {
    const issues = Array.from({ length: 50 }, (_, i) => `issue ${i}`);
    const { id } = await addDeadLetter(ctx.redis, ctx.prefix, { receivedAt: 1, reason: 'schema', issues, body: '[]' });
    expect((await getDeadLetter(ctx.redis, ctx.prefix, id))?.issues).toHaveLength(20);
  });
});
