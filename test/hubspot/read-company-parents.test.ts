import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { readCompanyParents } from '../../src/hubspot/read-company-parents.ts';
import { BASE } from '../support/hubspot-fixtures.ts';
import { usePortalHarness } from '../support/portal-harness.ts';

const PATH = '/crm/v4/associations/companies/companies/batch/read';
const link = (toObjectId: number, typeId: number, label: string | null) => ({ toObjectId, associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId, label }] });

describe('company parents (v4 batch read, companies to companies)', () => {
  const portal = usePortalHarness();

  it('when a company has a child-to-parent link, then that is its parent; children and companies without links have none', async () => {
    const h = await portal();
    nock(BASE)
      .post(PATH, { inputs: [{ id: '2' }, { id: '1' }, { id: '9' }] })
      .reply(207, {
        status: 'COMPLETE',
        results: [
          // Company 2 is a child of 1; company 1 sees 2 as its child (type 13).
          { from: { id: '2' }, to: [link(1, 14, 'child_to_parent_company')] },
          { from: { id: '1' }, to: [link(2, 13, 'parent_to_child_company')] },
        ],
        errors: [{ status: 'error', category: 'OBJECT_NOT_FOUND', message: 'No companies are associated with company 9.', context: { fromObjectId: ['9'] }, subCategory: 'crm.associations.NO_ASSOCIATIONS_FOUND' }],
        startedAt: '2026-11-22T06:00:00Z', completedAt: '2026-11-22T06:00:00Z',
      });
    const parents = await readCompanyParents(h.client.call, ['2', '1', '9']);
    expect(parents).toEqual(new Map([['2', '1'], ['1', null], ['9', null]]));
    expect(nock.isDone()).toBe(true);
  });

  it("when a company's links span pages, then it is asked again with its own `after` until complete", async () => {
    const h = await portal();
    nock(BASE)
      .post(PATH, { inputs: [{ id: '5' }] })
      .reply(200, { status: 'COMPLETE', results: [{ from: { id: '5' }, to: [link(6, 13, null)], paging: { next: { after: 'A1' } } }] });
    nock(BASE)
      .post(PATH, { inputs: [{ id: '5', after: 'A1' }] })
      .reply(200, { status: 'COMPLETE', results: [{ from: { id: '5' }, to: [link(4, 14, null)] }] });
    expect(await readCompanyParents(h.client.call, ['5'])).toEqual(new Map([['5', '4']]));
    expect(nock.isDone()).toBe(true);
  });
});
