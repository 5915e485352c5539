import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { addDeadLetter, countDeadLetters, deadLetterUsage, getDeadLetter, listDeadLetters, removeDeadLetter } from '../../src/store/dead-letters.ts';
import { testRedis } from '../support/redis.ts';

let redis: Redis;
let prefix: string;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ redis, prefix, cleanup } = await testRedis());
});
afterEach(async () => cleanup());

describe('dead letters', () => {
  it('when a batch is stored, then it is listed without its body and read back byte for byte', async () => {
    const body = '[{"subscriptionType":"company.creation","portalId":1,"occurredAt":1,"name":"Müller 大"}]';
    const { id } = await addDeadLetter(redis, prefix, { receivedAt: 1000, reason: 'schema', issues: ['[0] objectId: required'], body });
    const list = await listDeadLetters(redis, prefix);
    expect(list).toEqual([{ id, receivedAt: 1000, reason: 'schema', issues: ['[0] objectId: required'], bytes: Buffer.byteLength(body) }]);
    expect((await getDeadLetter(redis, prefix, id))?.body).toBe(body);
  });

  it('when several are stored, then the newest is listed first and paging works', async () => {
    const ids: string[] = [];
    for (const t of [1, 3, 2]) ids.push((await addDeadLetter(redis, prefix, { receivedAt: t, reason: 'schema', issues: [], body: String(t) })).id);
    expect((await listDeadLetters(redis, prefix)).map((d) => d.receivedAt)).toEqual([3, 2, 1]);
    expect((await listDeadLetters(redis, prefix, 1, 1)).map((d) => d.receivedAt)).toEqual([2]);
  });

  it('when one is removed, then it is gone and removing it again reports false', async () => {
    const { id } = await addDeadLetter(redis, prefix, { receivedAt: 1, reason: 'schema', issues: [], body: '[]' });
    expect(await removeDeadLetter(redis, prefix, id)).toBe(true);
    expect(await getDeadLetter(redis, prefix, id)).toBeNull();
    expect(await removeDeadLetter(redis, prefix, id)).toBe(false);
  });

  it('when more than the maximum are stored, then the oldest are dropped and counted', async () => {
    const limits = { maxBytes: 1_000_000, maxEntries: 3 };
    for (let t = 1; t <= 3; t++) await addDeadLetter(redis, prefix, { receivedAt: t, reason: 'schema', issues: [], body: String(t) }, limits);
    const { trimmed } = await addDeadLetter(redis, prefix, { receivedAt: 4, reason: 'schema', issues: [], body: '4' }, limits);
    expect(trimmed).toBe(1);
    expect(await countDeadLetters(redis, prefix)).toBe(3);
    expect((await listDeadLetters(redis, prefix)).map((d) => d.receivedAt)).toEqual([4, 3, 2]);
  });

  it('when 200 batches of 10 KB are pushed past a 100 KB cap, then the bytes kept never exceed it and the newest survive (R12)', async () => {
    const limits = { maxBytes: 100_000, maxEntries: 10_000 };
    let trimmedTotal = 0;
    for (let t = 1; t <= 200; t++) {
      const { trimmed } = await addDeadLetter(redis, prefix, { receivedAt: t, reason: 'schema', issues: [], body: 'x'.repeat(10_000) }, limits);
      trimmedTotal += trimmed;
      expect((await deadLetterUsage(redis, prefix)).bytes).toBeLessThanOrEqual(100_000);
    }
    const usage = await deadLetterUsage(redis, prefix);
    expect(usage.entries).toBe(9);
    expect(trimmedTotal).toBe(191);
    expect((await listDeadLetters(redis, prefix)).map((d) => d.receivedAt)).toEqual([200, 199, 198, 197, 196, 195, 194, 193, 192]);
    // The byte count is the stored records' exact size, and removal gives it back.
    const [newest] = await listDeadLetters(redis, prefix, 1);
    expect(await removeDeadLetter(redis, prefix, newest?.id ?? '')).toBe(true);
    const raw = await redis.hvals(`${prefix}:dead-letter-bodies`);
    expect((await deadLetterUsage(redis, prefix)).bytes).toBe(raw.reduce((n, r) => n + Buffer.byteLength(r), 0));
  });

  it('when dead letters were stored before the byte count existed, then the first add counts them too', async () => {
    await redis.hset(`${prefix}:dead-letter-bodies`, 'old-1', 'x'.repeat(5000));
    await redis.zadd(`${prefix}:dead-letters`, 1, 'old-1');
    await addDeadLetter(redis, prefix, { receivedAt: 2, reason: 'schema', issues: [], body: 'y'.repeat(5000) }, { maxBytes: 8000, maxEntries: 100 });
    expect((await listDeadLetters(redis, prefix)).map((d) => d.receivedAt)).toEqual([2]);
    expect((await deadLetterUsage(redis, prefix)).bytes).toBeLessThanOrEqual(8000);
  });

  it('when an issue names an endless made-up type, then it is cut short', async () => {
    const { id } = await addDeadLetter(redis, prefix, { receivedAt: 1, reason: 'schema', issues: [`[0] ${'z'.repeat(100_000)}: bad`], body: '[]' });
    expect((await getDeadLetter(redis, prefix, id))?.issues[0]?.length).toBeLessThanOrEqual(301);
  });

  it('when a batch has many issues, then only the first 20 are kept', async () => {
    const issues = Array.from({ length: 50 }, (_, i) => `issue ${i}`);
    const { id } = await addDeadLetter(redis, prefix, { receivedAt: 1, reason: 'schema', issues, body: '[]' });
    expect((await getDeadLetter(redis, prefix, id))?.issues).toHaveLength(20);
  });
});
