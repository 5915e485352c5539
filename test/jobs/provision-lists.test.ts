// provisionLists through the real portal client against a small stateful lists API in nock.
import { describe, expect, it } from 'vitest';
import { KAM_LISTS, KEY_ACCOUNTS_LIST_NAME, provisionLists } from '../../jobs/provision-lists.ts';
import { usePortalHarness } from '../support/portal-harness.ts';
import { fakeLists } from './fake-lists.ts';

describe('provisionLists', () => {
  const portal = usePortalHarness();

  it('when a portal has none of the lists, then it creates one active company list per quadrant and one of the key accounts', async () => {
    const h = await portal();
    const api = fakeLists();
    const result = await provisionLists(h.client.call);
    expect(result.created.map((l) => l.name)).toEqual([
      'KAM quadrant: Key', 'KAM quadrant: Key development', 'KAM quadrant: Maintenance', 'KAM quadrant: Opportunistic', 'KAM: Key accounts',
    ]);
    expect(result.existing).toEqual([]);
    expect(api.posts).toHaveLength(5);
    const enumFilter = (value: string) => ({ filterType: 'PROPERTY', property: 'kam_quadrant', operation: { operationType: 'ENUMERATION', operator: 'IS_ANY_OF', values: [value], includeObjectsWithNoValueSet: false } });
    const branch = (filter: unknown) => ({ filterBranchType: 'OR', filters: [], filterBranches: [{ filterBranchType: 'AND', filterBranches: [], filters: [filter] }] });
    expect(api.posts).toEqual([
      { name: 'KAM quadrant: Key', objectTypeId: '0-2', processingType: 'DYNAMIC', filterBranch: branch(enumFilter('key')) },
      { name: 'KAM quadrant: Key development', objectTypeId: '0-2', processingType: 'DYNAMIC', filterBranch: branch(enumFilter('key_development')) },
      { name: 'KAM quadrant: Maintenance', objectTypeId: '0-2', processingType: 'DYNAMIC', filterBranch: branch(enumFilter('maintenance')) },
      { name: 'KAM quadrant: Opportunistic', objectTypeId: '0-2', processingType: 'DYNAMIC', filterBranch: branch(enumFilter('opportunistic')) },
      { name: KEY_ACCOUNTS_LIST_NAME, objectTypeId: '0-2', processingType: 'DYNAMIC', filterBranch: branch({ filterType: 'PROPERTY', property: 'kam_is_key_account', operation: { operationType: 'BOOL', operator: 'IS_EQUAL_TO', value: true, includeObjectsWithNoValueSet: false } }) },
    ]);
  });

  it('when it runs a second time, then it creates nothing and answers the same list ids', async () => {
    const h = await portal();
    const api = fakeLists();
    const first = await provisionLists(h.client.call);
    const postsAfterFirst = api.posts.length;
    const gets = api.gets();
    const second = await provisionLists(h.client.call);
    expect(api.posts.length).toBe(postsAfterFirst);
    expect(api.gets() - gets).toBe(KAM_LISTS.length);
    expect(second.created).toEqual([]);
    expect(second.existing).toEqual(first.created);
  });

  it('when a manager already made one of the lists (another filter, other case), then it is left as it is and the others are created', async () => {
    const h = await portal();
    const mine = { listId: '55', name: 'kam quadrant: key', objectTypeId: '0-2', processingType: 'MANUAL' };
    const api = fakeLists([mine]);
    const result = await provisionLists(h.client.call);
    expect(result.existing).toEqual([{ name: 'kam quadrant: key', listId: '55' }]);
    expect(result.created).toHaveLength(4);
    expect(api.posts.map((p) => p.name)).not.toContain('KAM quadrant: Key');
    expect(api.lists.get('kam quadrant: key')).toEqual(mine);
  });

  it('when another install creates a list between our lookup and our create (409), then that list counts as existing, not as a failure', async () => {
    const h = await portal();
    fakeLists([], 'KAM quadrant: Maintenance');
    const result = await provisionLists(h.client.call);
    expect(result.existing).toEqual([{ name: 'KAM quadrant: Maintenance', listId: '900' }]);
    expect(result.created).toHaveLength(4);
  });
});
