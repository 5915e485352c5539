import { describe, expect, it } from 'vitest';
import { parseWebhookBatch, type WebhookEvent } from '../../webhooks/event-schemas.ts';
import { eventsToMarks } from '../../webhooks/events-to-marks.ts';
import { webhookBatch } from '../support/hubspot-fixtures.ts';

const BATCH = webhookBatch();
const PORTAL = '24681357';
const APP = '3141592';

function parse(raw: Record<string, unknown>[]): WebhookEvent[] {
  const parsed = parseWebhookBatch(JSON.stringify(raw));
  if (!parsed.ok) throw new Error(parsed.issues.join('\n'));
  return parsed.events;
}

const sorted = (ids: string[]): string[] => [...ids].sort();
const ev = (type: string, objectId: number, occurredAt: number, extra: Record<string, unknown> = {}) =>
  ({ portalId: Number(PORTAL), occurredAt, subscriptionType: type, objectId, changeSource: 'CRM_UI', ...extra });

describe('eventsToMarks', () => {
  it('when the fixture batch is mapped, then companies, deals, merges and deletions land where the job needs them', () => {
    const { marks, used } = eventsToMarks(parse(BATCH), { portalId: PORTAL, appId: APP });
    expect(used).toBe(6);
    // A property change or a creation marks the company; a deal linked to it and a merge onto it
    // mark it with its links to be read again.
    expect(sorted(marks.companyIds)).toEqual(['18273645001', '18273645004']);
    expect(sorted(marks.linkCompanyIds!)).toEqual(['18273645001', '18273645002']);
    expect(marks.retiredCompanyIds).toEqual(['18273645005']);
    expect(marks.dealIds).toEqual(['30111222002']);
    expect(marks.deletedDealIds).toEqual(['30111222004']);
    expect(marks.restoredCompanyIds).toEqual([]);
    expect(marks.restoredDealIds).toEqual([]);
  });

  it('when our own app wrote the change, then the event causes no mark (R9)', () => {
    const own = ev('company.propertyChange', 1, 10, { changeSource: 'INTEGRATION', sourceId: APP });
    const otherApp = ev('company.propertyChange', 2, 10, { changeSource: 'INTEGRATION', sourceId: '999' });
    const result = eventsToMarks(parse([own, otherApp]), { portalId: PORTAL, appId: APP });
    expect(result.marks.companyIds).toEqual(['2']);
    expect(result.droppedOwn).toBe(1);
  });

  it('when no app id is configured, then INTEGRATION events are kept', () => {
    const own = ev('company.propertyChange', 1, 10, { changeSource: 'INTEGRATION', sourceId: APP });
    expect(eventsToMarks(parse([own]), { portalId: PORTAL, appId: undefined }).marks.companyIds).toEqual(['1']);
  });

  it('when an event belongs to another portal, then it is not marked under this one', () => {
    const result = eventsToMarks(parse([ev('company.creation', 1, 10), ev('company.creation', 2, 10, { portalId: 42 })]), { portalId: PORTAL, appId: APP });
    expect(result.marks.companyIds).toEqual(['1']);
    expect(result.otherPortal).toBe(1);
  });

  it('when the same event arrives many times, then each id is marked once', () => {
    const dupes = Array.from({ length: 5 }, () => ev('deal.propertyChange', 7, 10));
    expect(eventsToMarks(parse(dupes), { portalId: PORTAL, appId: APP }).marks.dealIds).toEqual(['7']);
  });

  it('when a company is deleted then restored (delivered in reverse), then the later event wins', () => {
    const events = parse([ev('company.restore', 1, 20), ev('company.deletion', 1, 10), ev('company.deletion', 2, 30), ev('company.restore', 2, 5)]);
    const { marks } = eventsToMarks(events, { portalId: PORTAL, appId: APP });
    expect(marks.restoredCompanyIds).toEqual(['1']);
    expect(marks.retiredCompanyIds).toEqual(['2']);
    expect(marks.companyIds).toEqual([]);
  });

  it('when a company changes and is deleted in one batch, then it is only retired', () => {
    const { marks } = eventsToMarks(parse([ev('company.propertyChange', 1, 10), ev('company.deletion', 1, 20)]), { portalId: PORTAL, appId: APP });
    expect(marks).toMatchObject({ companyIds: [], retiredCompanyIds: ['1'] });
  });

  it('when a deal is deleted and another restored, then the deletion is noted and both stay dirty', () => {
    const { marks } = eventsToMarks(parse([ev('deal.deletion', 5, 10), ev('deal.restore', 6, 10)]), { portalId: PORTAL, appId: APP });
    expect(marks).toMatchObject({ dealIds: [], deletedDealIds: ['5'], restoredDealIds: ['6'] });
  });

  it('when a merge creates a new record, then the new record is marked, its links to be read, and both originals are retired', () => {
    const merge = { ...ev('company.merge', 1, 10), primaryObjectId: 1, mergedObjectIds: [2, 1], newObjectId: 3 };
    const { marks } = eventsToMarks(parse([merge]), { portalId: PORTAL, appId: APP });
    expect(marks.linkCompanyIds).toEqual(['3']);
    expect(sorted(marks.retiredCompanyIds)).toEqual(['1', '2']);
  });

  it('when a deal merge arrives, then the surviving deal is marked and the merged deal is noted deleted', () => {
    const merge = { ...ev('deal.merge', 8, 10), primaryObjectId: 8, mergedObjectIds: [9] };
    const { marks } = eventsToMarks(parse([merge]), { portalId: PORTAL, appId: APP });
    expect(marks).toMatchObject({ dealIds: ['8'], deletedDealIds: ['9'], companyIds: [] });
  });

  it('when associations change, then the company side (its links to be read) and the deal side are marked by association type', () => {
    const base = { portalId: Number(PORTAL), occurredAt: 10 };
    const events = parse([
      { ...base, subscriptionType: 'company.associationChange', associationType: 'COMPANY_TO_DEAL', fromObjectId: 1, toObjectId: 100 },
      { ...base, subscriptionType: 'deal.associationChange', associationType: 'DEAL_TO_COMPANY', fromObjectId: 101, toObjectId: 2 },
      { ...base, subscriptionType: 'company.associationChange', associationType: 'CHILD_TO_PARENT_COMPANY', fromObjectId: 3, toObjectId: 4 },
      { ...base, subscriptionType: 'company.associationChange', associationType: 'COMPANY_TO_CONTACT', fromObjectId: 5, toObjectId: 900 },
      { ...base, subscriptionType: 'deal.associationChange', associationType: 'DEAL_TO_LINE_ITEM', fromObjectId: 102, toObjectId: 901 },
    ]);
    const { marks } = eventsToMarks(events, { portalId: PORTAL, appId: APP });
    expect(sorted(marks.linkCompanyIds!)).toEqual(['1', '2', '3', '4']);
    expect(marks.companyIds).toEqual([]);
    expect(marks.contactCompanyIds).toEqual(['5']);
    expect(sorted(marks.dealIds)).toEqual(['100', '101', '102']);
  });
});

describe('eventsToMarks: account depth (contacts and parent links)', () => {
  const assoc = (type: string, associationType: string, from: number, to: number, removed = false) =>
    ({ portalId: Number(PORTAL), occurredAt: 5, subscriptionType: type, associationType, fromObjectId: from, toObjectId: to, associationRemoved: removed, changeSource: 'CRM_UI' });

  it("when a contact's buying role changes, then the contact is marked (its companies are the flush's to resolve) and no company or deal", () => {
    const { marks, used } = eventsToMarks(parse([ev('contact.propertyChange', 501, 1, { propertyName: 'hs_buying_role', propertyValue: 'CHAMPION;BLOCKER' })]), { portalId: PORTAL, appId: APP });
    expect(used).toBe(1);
    expect(marks).toMatchObject({ contactIds: ['501'], companyIds: [], dealIds: [] });
  });

  it('when a contact is linked to or unlinked from a company, from either side, then only the company is marked, for its contacts to be read again', () => {
    const { marks } = eventsToMarks(parse([
      assoc('contact.associationChange', 'CONTACT_TO_COMPANY', 501, 7),
      assoc('company.associationChange', 'COMPANY_TO_CONTACT', 7, 501),
      assoc('contact.associationChange', 'CONTACT_TO_COMPANY', 502, 8, true),
      // A contact's link to a deal says nothing about any company's buying committee.
      assoc('contact.associationChange', 'CONTACT_TO_DEAL', 502, 30),
    ]), { portalId: PORTAL, appId: APP });
    expect(sorted(marks.contactCompanyIds ?? [])).toEqual(['7', '8']);
    expect(marks.companyIds).toEqual([]);
    expect(marks.contactIds).toEqual([]);
    expect(marks.dealIds).toEqual([]);
  });

  it('when a child moves from one parent to another, then the child, the old parent and the new parent are all marked, their links to be read', () => {
    const { marks } = eventsToMarks(parse([
      assoc('company.associationChange', 'CHILD_TO_PARENT_COMPANY', 3, 1, true),
      assoc('company.associationChange', 'PARENT_TO_CHILD_COMPANY', 1, 3, true),
      assoc('company.associationChange', 'CHILD_TO_PARENT_COMPANY', 3, 2),
      assoc('company.associationChange', 'PARENT_TO_CHILD_COMPANY', 2, 3),
    ]), { portalId: PORTAL, appId: APP });
    expect(sorted(marks.linkCompanyIds!)).toEqual(['1', '2', '3']);
  });

  it('when our own app changed a contact, then it is dropped like any own write', () => {
    const own = ev('contact.propertyChange', 501, 1, { propertyName: 'hs_buying_role', propertyValue: 'OTHER', changeSource: 'INTEGRATION', sourceId: APP });
    expect(eventsToMarks(parse([own]), { portalId: PORTAL, appId: APP })).toMatchObject({ droppedOwn: 1, marks: { contactIds: [] } });
  });
});
