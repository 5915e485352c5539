import { describe, expect, it } from 'vitest';
import { KNOWN_SUBSCRIPTION_TYPES } from '../../webhooks/event-schemas.ts';
import {
  legacySubscriptions, modelSubscriptionRules, SubscriptionError, type SubscriptionRules,
} from '../../src/hubspot-project/webhook-subscriptions.ts';
import { buildFiles, repoManifest } from './support.ts';

const rules = modelSubscriptionRules(KNOWN_SUBSCRIPTION_TYPES);

function problemsOf(types: string[], with_ = rules): string[] {
  try {
    legacySubscriptions(types, with_);
  } catch (err) {
    if (err instanceof SubscriptionError) return err.problems;
    throw err;
  }
  return [];
}

describe('legacySubscriptions', () => {
  it('when a type has no property, then it yields one active subscription without a propertyName', () => {
    expect(legacySubscriptions(['deal.merge', 'company.restore'], rules)).toEqual([
      { subscriptionType: 'deal.merge', active: true },
      { subscriptionType: 'company.restore', active: true },
    ]);
  });

  it('when propertyChange is asked for, then it yields one subscription per input property, in catalog order', () => {
    const own: SubscriptionRules = { ...rules, inputProperties: { company: ['annualrevenue', 'kam_category_spend', 'annualrevenue'] } };
    expect(legacySubscriptions(['company.propertyChange'], own)).toEqual([
      { subscriptionType: 'company.propertyChange', propertyName: 'annualrevenue', active: true },
      { subscriptionType: 'company.propertyChange', propertyName: 'kam_category_spend', active: true },
    ]);
  });

  it('when the manifest names a type the receiver does not handle, then generation is refused naming it', () => {
    expect(problemsOf(['contact.creation', 'object.propertyChange', 'company.creation'])).toEqual([
      'contact.creation: the webhook receiver does not handle it',
      'object.propertyChange: the webhook receiver does not handle it',
    ]);
    const manifest = repoManifest();
    manifest.webhooks.subscriptionTypes.push('ticket.creation');
    expect(() => buildFiles(manifest)).toThrow(/ticket\.creation: the webhook receiver does not handle it/);
  });

  it('when an output property would be subscribed to, then generation is refused (its writes would loop back)', () => {
    const leaky: SubscriptionRules = { ...rules, inputProperties: { company: ['annualrevenue', 'kam_quadrant', 'kam_scored_at'] } };
    expect(problemsOf(['company.propertyChange'], leaky)).toEqual([
      'company.propertyChange: kam_quadrant is one of our outputs',
      'company.propertyChange: kam_scored_at is one of our outputs',
    ]);
  });

  it('when no input property is known for the object, then propertyChange is refused rather than left empty', () => {
    const none: SubscriptionRules = { ...rules, inputProperties: { company: [] } };
    expect(problemsOf(['company.propertyChange', 'deal.propertyChange'], none)).toEqual([
      'company.propertyChange: no input properties are known for company',
      'deal.propertyChange: no input properties are known for deal',
    ]);
  });

  it("when the model's rules expand company.propertyChange, then a company's group purchasing and stage override are subscribed, its depth outputs are not", () => {
    const names = legacySubscriptions(['company.propertyChange'], rules).map((s) => s.propertyName);
    expect(names).toEqual(expect.arrayContaining(['kam_purchasing', 'kam_relationship_stage_override']));
    expect(names).not.toContain('kam_relationship_stage');
  });
});
