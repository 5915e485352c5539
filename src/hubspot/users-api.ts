// HubSpot's users and teams of a portal (settings/v3/users, optional scopes settings.users.read and
// settings.users.teams.read): whether a user is a super admin, their teams, and the lists a portal
// admin picks viewers and editors from. Only shapes requests and responses; the portal client's
// caller does the rate limit, the token and the error mapping.
import { z } from 'zod';
import type { HubSpotCaller } from './hubspot-caller.ts';
import { parseResponse } from './response-schemas.ts';

export interface HubSpotUser {
  userId: string;
  email: string | null;
  name: string | null;
  superAdmin: boolean;
  roleId: string | null;
  teamIds: string[];
}

export interface HubSpotTeam {
  teamId: string;
  name: string;
}

const Id = z.union([z.string(), z.number()]).transform(String);

const UserSchema = z.object({
  id: Id,
  email: z.string().nullish(),
  firstName: z.string().nullish(),
  lastName: z.string().nullish(),
  superAdmin: z.boolean().nullish(),
  roleId: Id.nullish(),
  primaryTeamId: Id.nullish(),
  secondaryTeamIds: z.array(Id).nullish(),
});

const UsersPageSchema = z.object({
  results: z.array(UserSchema),
  paging: z.object({ next: z.object({ after: z.string() }).optional() }).optional(),
});

const TeamsSchema = z.object({ results: z.array(z.object({ id: Id, name: z.string() })) });

function toUser(u: z.infer<typeof UserSchema>): HubSpotUser {
  const name = [u.firstName, u.lastName].filter(Boolean).join(' ');
  return {
    userId: u.id, email: u.email ?? null, name: name || null, superAdmin: u.superAdmin === true, roleId: u.roleId ?? null,
    teamIds: [...(u.primaryTeamId ? [u.primaryTeamId] : []), ...(u.secondaryTeamIds ?? [])],
  };
}

export interface UsersApi {
  user(userId: string): Promise<HubSpotUser>;
  /** Every user, at most `max` (a portal admin picks from them). */
  users(max: number): Promise<HubSpotUser[]>;
  teams(): Promise<HubSpotTeam[]>;
}

export function createUsersApi(call: HubSpotCaller): UsersApi {
  return {
    async user(userId) {
      const data = await call('settings.users.get', (sdk) => sdk.settings.users.usersApi.getById(userId, 'USER_ID'), { idempotent: true });
      return toUser(parseResponse(UserSchema, data, 'user'));
    },
    async users(max) {
      const out: HubSpotUser[] = [];
      let after: string | undefined;
      do {
        const data = await call('settings.users.page', (sdk) => sdk.settings.users.usersApi.getPage(100, after), { idempotent: true });
        const page = parseResponse(UsersPageSchema, data, 'users page');
        out.push(...page.results.map(toUser));
        after = page.paging?.next?.after;
      } while (after && out.length < max);
      return out.slice(0, max);
    },
    async teams() {
      const data = await call('settings.teams.list', (sdk) => sdk.settings.users.teamsApi.getAll(), { idempotent: true });
      return parseResponse(TeamsSchema, data, 'teams').results.map((t) => ({ teamId: t.id, name: t.name }));
    },
  };
}
