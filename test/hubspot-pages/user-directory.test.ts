// The directory in front of HubSpot's users API: asked only where the portal granted the scope,
// answers cached for five minutes, a refusal remembered as "unknown" for as long.
import { describe, expect, it } from 'vitest';
import type { HubSpotUser, UsersApi } from '../../src/hubspot/users-api.ts';
import { UserDirectory } from '../../src/hubspot-pages/user-directory.ts';
import { createLogger } from '../../src/logger.ts';

const ADA: HubSpotUser = { userId: '5', email: 'ada@example.com', name: 'Ada Admin', superAdmin: true, roleId: null, teamIds: [] };

function setup(scopes: string[], fail = false) {
  let clock = 0;
  const asked: string[] = [];
  // A stand-in for HubSpot's users API that counts what it is asked.
  const api: UsersApi = {
    user: async (id) => {
      asked.push(`user:${id}`);
      if (fail) throw new Error('HubSpot said 403');
      return { ...ADA, userId: id };
    },
    users: async () => {
      asked.push('users');
      return [ADA];
    },
    teams: async () => {
      asked.push('teams');
      return [{ teamId: '9', name: 'Key accounts' }];
    },
  };
  const directory = new UserDirectory({ usersApi: () => api, scopesOf: async () => scopes, now: () => clock, logger: createLogger({ level: 'silent' }), maxEntries: 2 });
  return { directory, asked, advance: (ms: number) => void (clock += ms) };
}

describe('user directory', () => {
  it('when the portal did not grant settings.users.read, then HubSpot is never asked and the answer is unknown', async () => {
    const { directory, asked } = setup(['oauth']);
    expect(await directory.user('1', '5')).toBeNull();
    expect(await directory.directory('1')).toBeNull();
    expect(asked).toEqual([]);
  });

  it('when a user is asked for twice within five minutes, then HubSpot is asked once; after that, again', async () => {
    const { directory, asked, advance } = setup(['settings.users.read']);
    expect((await directory.user('1', '5'))?.superAdmin).toBe(true);
    advance(4 * 60_000);
    await directory.user('1', '5');
    expect(asked).toEqual(['user:5']);
    advance(2 * 60_000);
    await directory.user('1', '5');
    expect(asked).toEqual(['user:5', 'user:5']);
  });

  it('when HubSpot refuses, then the user is unknown (not a super admin) and the refusal is cached too', async () => {
    const { directory, asked } = setup(['settings.users.read'], true);
    expect(await directory.user('1', '5')).toBeNull();
    expect(await directory.user('1', '5')).toBeNull();
    expect(asked).toEqual(['user:5']);
  });

  it('when teams are not granted, then the directory lists users without teams', async () => {
    const { directory, asked } = setup(['settings.users.read']);
    expect(await directory.directory('1')).toEqual({ users: [ADA], teams: null });
    expect(asked).toEqual(['users']);
  });

  it('when more users are cached than the cap, then the oldest are asked again', async () => {
    const { directory, asked } = setup(['settings.users.read']);
    for (const id of ['1', '2', '3', '1']) await directory.user('p', id);
    expect(asked).toEqual(['user:1', 'user:2', 'user:3', 'user:1']);
  });
});
