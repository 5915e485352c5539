import { describe, expect, it } from 'vitest';
import { GroupLinks } from '../../src/store/group-links.ts';
import { portalKeys } from '../../src/store/portal-keys.ts';
import { PortfolioState } from '../../src/store/portfolio-state.ts';
import { useTestRedis } from '../support/redis.ts';

const ctx = useTestRedis();

const sorted = (s: Set<string>): string[] => [...s].sort();

describe('group links', () => {
  it('when companies link to parents, then each one finds its whole group, however deep, and nothing else', async () => {
    const links = new GroupLinks(ctx.redis, ctx.prefix, '7');
    // 1 ← 2 ← 3 ← 4, 1 ← 5; 10 ← 11; 20 alone.
    await links.setParents([['2', '1'], ['3', '2'], ['4', '3'], ['5', '1'], ['11', '10'], ['20', null]]);
    expect(sorted(await links.connected(['4']))).toEqual(['1', '2', '3', '4', '5']);
    expect(sorted(await links.connected(['10']))).toEqual(['10', '11']);
    expect(sorted(await links.connected(['20']))).toEqual(['20']);
  });

  it('when a company moves to another parent or loses its parent, then both groups see the change (many links: every bucket agrees)', async () => {
    const links = new GroupLinks(ctx.redis, ctx.prefix, '7');
    const chain = Array.from({ length: 300 }, (_, i): [string, string] => [String(1000 + i + 1), String(1000 + i)]);
    await links.setParents([...chain, ['2', '1']]);
    expect((await links.connected(['1300'])).size).toBe(301);
    await links.setParents([['1150', '1']]);
    expect((await links.connected(['1000'])).size).toBe(150);
    expect(sorted(await links.connected(['2']))).toEqual(['1', '2', ...Array.from({ length: 151 }, (_, i) => String(1150 + i))].sort());
    await links.setParents([['1150', null], ['2', null]]);
    expect(sorted(await links.connected(['1']))).toEqual(['1']);
    expect((await links.connected(['1300'])).size).toBe(151);
  });

  it('when a full pass builds links aside and swaps its state in, then the live links are the rebuilt ones', async () => {
    await new GroupLinks(ctx.redis, ctx.prefix, '7').setParents([['2', '1']]);
    const rebuilt = new GroupLinks(ctx.redis, ctx.prefix, '7', 'rebuild');
    await rebuilt.setParents([['3', '1']]);
    await new PortfolioState(ctx.redis, ctx.prefix, '7', 'rebuild').moveTo(new PortfolioState(ctx.redis, ctx.prefix, '7'));
    expect(sorted(await new GroupLinks(ctx.redis, ctx.prefix, '7').connected(['1']))).toEqual(['1', '3']);
    expect(await ctx.redis.exists(...portalKeys(ctx.prefix, '7').rebuild.portfolio.links)).toBe(0);
  });
});
