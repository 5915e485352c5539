// HubSpot's own account fields: which value each of our choices maps to, and when a value is ours to
// change: never over one set by hand (not the value we last wrote) unless the admin chose so, and
// never over a field that was not read.
import { describe, expect, it } from 'vitest';
import { accountFieldWrites, desiredAccountFields } from '../../src/model/hubspot-account-fields.ts';

const T = 'hs_is_target_account';
const P = 'hs_ideal_customer_profile';

describe('desiredAccountFields', () => {
  it.each([
    [true, 'platinum', 'true', 'tier_1'],
    [true, 'gold', 'true', 'tier_2'],
    [false, 'silver', '', 'tier_3'],
    [false, 'standard', '', ''],
  ] as const)('when key is %s and the tier %s, then target is %j and the profile %j', (isKeyAccount, tier, target, profile) => {
    expect(desiredAccountFields({ isKeyAccount, tier })).toEqual({ [T]: target, [P]: profile });
  });
});

describe('accountFieldWrites', () => {
  const key = desiredAccountFields({ isKeyAccount: true, tier: 'gold' });

  it('when both fields are empty and never written, then both are written and recorded', () => {
    expect(accountFieldWrites(key, { [T]: null, [P]: '' }, {}, false)).toEqual({ properties: { [T]: 'true', [P]: 'tier_2' }, keptByHand: [], written: { [T]: 'true', [P]: 'tier_2' } });
  });

  it('when HubSpot already holds our choice, then nothing is written (a checkbox reads TRUE or true alike)', () => {
    expect(accountFieldWrites(key, { [T]: 'TRUE', [P]: 'tier_2' }, {}, false).properties).toEqual({});
  });

  it('when someone set a value where we never wrote, then it stays, unless the admin chose to overwrite', () => {
    const current = { [T]: 'false', [P]: 'tier_3' };
    expect(accountFieldWrites(key, current, {}, false)).toMatchObject({ properties: {}, keptByHand: [T, P] });
    expect(accountFieldWrites(key, current, {}, true)).toMatchObject({ properties: { [T]: 'true', [P]: 'tier_2' }, keptByHand: [] });
  });

  it('when someone changed the value we wrote, then theirs stays; when it is still ours, our new choice replaces it', () => {
    const lastWritten = { [T]: 'true', [P]: 'tier_1' };
    const byHand = accountFieldWrites(key, { [T]: 'true', [P]: 'tier_3' }, lastWritten, false);
    expect(byHand).toEqual({ properties: {}, keptByHand: [P], written: lastWritten });
    const ours = accountFieldWrites(key, { [T]: 'true', [P]: 'tier_1' }, lastWritten, false);
    expect(ours.properties).toEqual({ [P]: 'tier_2' });
    expect(ours.written).toEqual({ [T]: 'true', [P]: 'tier_2' });
  });

  it('when a company leaves the key list and its tier, then what we wrote is cleared, and a hand value left alone', () => {
    const leaving = desiredAccountFields({ isKeyAccount: false, tier: 'standard' });
    expect(accountFieldWrites(leaving, { [T]: 'true', [P]: 'tier_1' }, { [T]: 'true', [P]: 'tier_1' }, false))
      .toEqual({ properties: { [T]: '', [P]: '' }, keptByHand: [], written: { [T]: '', [P]: '' } });
    expect(accountFieldWrites(leaving, { [T]: 'true', [P]: 'tier_1' }, {}, false)).toMatchObject({ properties: {}, keptByHand: [T, P] });
  });

  it('when a field was not read, then it is left alone whatever we last wrote', () => {
    expect(accountFieldWrites(key, { [P]: null }, { [T]: '' }, true)).toEqual({ properties: { [P]: 'tier_2' }, keptByHand: [], written: { [T]: '', [P]: 'tier_2' } });
  });
});
