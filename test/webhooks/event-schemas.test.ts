import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseWebhookBatch } from '../../webhooks/event-schemas.ts';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/hubspot/webhooks/webhook-batch.json', import.meta.url), 'utf8')) as {
  request: { body: Record<string, unknown>[] };
};
const events = fixture.request.body;

describe('parseWebhookBatch', () => {
  it('when the fixture batch arrives, then every event parses with ids as strings', () => {
    const parsed = parseWebhookBatch(JSON.stringify(events));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.events).toHaveLength(events.length);
    expect(parsed.events.map((e) => e.subscriptionType)).toEqual(events.map((e) => e.subscriptionType));
    const association = parsed.events.find((e) => e.subscriptionType === 'deal.associationChange');
    expect(association).toMatchObject({ fromObjectId: '30111222002', toObjectId: '18273645002', portalId: '24681357' });
    const merge = parsed.events.find((e) => e.subscriptionType === 'company.merge');
    expect(merge).toMatchObject({ primaryObjectId: '18273645001', mergedObjectIds: ['18273645005'] });
  });

  it('when the uncertain fields are absent (objectId on merge, sourceId/changeSource anywhere), then it still parses', () => {
    const lean = events.map((e) => {
      const copy = { ...e };
      if (e.subscriptionType === 'company.merge') delete copy.objectId;
      delete copy.sourceId;
      delete copy.changeSource;
      delete copy.changeFlag;
      return copy;
    });
    expect(parseWebhookBatch(JSON.stringify(lean)).ok).toBe(true);
  });

  it('when ids come as numeric strings and sourceId as a number, then they are normalised to strings', () => {
    const parsed = parseWebhookBatch(JSON.stringify([{ ...events[2], objectId: '18273645001', portalId: '24681357', sourceId: 3141592 }]));
    expect(parsed.ok && parsed.events[0]).toMatchObject({ objectId: '18273645001', portalId: '24681357', sourceId: '3141592' });
  });

  it('when a batch has subscription types we do not handle, then they are counted and skipped', () => {
    const contact = { ...events[2], subscriptionType: 'contact.creation' };
    const parsed = parseWebhookBatch(JSON.stringify([contact, contact, events[1], { ...contact, subscriptionType: 'ticket.creation' }]));
    expect(parsed).toMatchObject({ ok: true, unknownTypes: { 'contact.creation': 2, 'ticket.creation': 1 } });
    expect(parsed.ok && parsed.events).toHaveLength(1);
  });

  it('when a handled event lacks its object id, then the whole batch fails with a readable issue', () => {
    const broken = { ...events[1] };
    delete broken.objectId;
    const parsed = parseWebhookBatch(JSON.stringify([events[2], broken]));
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.issues.join('\n')).toMatch(/\[1\] company\.creation: objectId/);
  });

  it('when an association event lacks fromObjectId, or a merge lacks mergedObjectIds, then the batch fails', () => {
    const assoc = { ...events[3] };
    delete assoc.fromObjectId;
    const merge = { ...events[4] };
    delete merge.mergedObjectIds;
    expect(parseWebhookBatch(JSON.stringify([assoc])).ok).toBe(false);
    expect(parseWebhookBatch(JSON.stringify([merge])).ok).toBe(false);
  });

  it('when the body is not JSON, not an array or has an event without a type, then it fails', () => {
    expect(parseWebhookBatch('[{"eventId":').ok).toBe(false);
    expect(parseWebhookBatch(JSON.stringify(events[0])).ok).toBe(false);
    expect(parseWebhookBatch(JSON.stringify([{ objectId: 1 }])).ok).toBe(false);
  });

  it('when the portal id or occurredAt is not a number, then the batch fails', () => {
    expect(parseWebhookBatch(JSON.stringify([{ ...events[1], portalId: 'abc' }])).ok).toBe(false);
    expect(parseWebhookBatch(JSON.stringify([{ ...events[1], occurredAt: '2026-01-01' }])).ok).toBe(false);
  });
});
