// The one lock: one holder at a time, a busy error when it stays taken, released only by its
// holder, and a holder that takes it batch after batch lets a waiter go first.
import { describe, expect, it } from 'vitest';
import { PortalBusyError, tryLock, withLock } from '../../src/store/portal-lock.ts';
import { useTestRedis } from '../support/redis.ts';

const ctx = useTestRedis();

describe('portal lock', () => {
  it('when the lock is held, then another taker gets PortalBusyError, and a stale holder cannot release the new one', async () => {
    const key = `${ctx.prefix}:lock:1`;
    const first = await tryLock(ctx.redis, key, 5000);
    expect(first).not.toBeNull();
    await expect(withLock(ctx.redis, key, async () => 'ran')).rejects.toBeInstanceOf(PortalBusyError);
    await ctx.redis.del(key);
    const second = await tryLock(ctx.redis, key, 5000);
    await first!.release();
    expect(await ctx.redis.exists(key)).toBe(1);
    await second!.release();
    expect(await ctx.redis.exists(key)).toBe(0);
  });

  it('when a holder takes the lock again while another waits for it, then with giveWay the waiter runs first', async () => {
    const key = `${ctx.prefix}:lock:2`;
    const order: string[] = [];
    let releaseFirst!: () => void;
    const firstHeld = new Promise<void>((resolve) => {
      void withLock(ctx.redis, key, async () => {
        resolve();
        await new Promise<void>((r) => (releaseFirst = r));
        order.push('batch 1');
      });
    });
    await firstHeld;
    const waiter = withLock(ctx.redis, key, async () => void order.push('flush'), { waitMs: 5000, pollMs: 10 });
    await new Promise((r) => setTimeout(r, 50));
    releaseFirst();
    await new Promise((r) => setTimeout(r, 1));
    const next = withLock(ctx.redis, key, async () => void order.push('batch 2'), { waitMs: 5000, giveWayMs: 2000, pollMs: 10 });
    await Promise.all([waiter, next]);
    expect(order).toEqual(['batch 1', 'flush', 'batch 2']);
  });
});
