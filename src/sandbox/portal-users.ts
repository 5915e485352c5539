// The users and teams of every sandbox portal, as HubSpot's settings/v3 users API returns them:
// the user the sandbox's OAuth names as the installer (a super admin), a second super admin, a
// sales manager and a rep, in two teams. Fixed, so a test or a developer can sign as any of them.
import { SANDBOX_USER_ID } from './oauth-routes.ts';

export interface SandboxUser {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  roleId: string | null;
  superAdmin: boolean;
  primaryTeamId: string | null;
  secondaryTeamIds: string[];
}

export interface SandboxTeam {
  id: string;
  name: string;
  userIds: string[];
  secondaryUserIds: string[];
}

/** The installing user of the sandbox's OAuth (its token answers name this user). */
export const SANDBOX_INSTALLER_ID = String(SANDBOX_USER_ID);

export const SANDBOX_USERS: readonly SandboxUser[] = [
  { id: SANDBOX_INSTALLER_ID, email: 'sandbox.user@example.com', firstName: 'Sandy', lastName: 'Installer', roleId: null, superAdmin: true, primaryTeamId: '9001', secondaryTeamIds: [] },
  { id: '71234568', email: 'ada.admin@example.com', firstName: 'Ada', lastName: 'Admin', roleId: null, superAdmin: true, primaryTeamId: null, secondaryTeamIds: [] },
  { id: '71234569', email: 'sam.manager@example.com', firstName: 'Sam', lastName: 'Manager', roleId: '100001', superAdmin: false, primaryTeamId: '9001', secondaryTeamIds: ['9002'] },
  { id: '71234570', email: 'riley.rep@example.com', firstName: 'Riley', lastName: 'Rep', roleId: '100002', superAdmin: false, primaryTeamId: '9002', secondaryTeamIds: [] },
];

export const SANDBOX_ROLES = [
  { id: '100001', name: 'Sales manager', requiresBillingWrite: false },
  { id: '100002', name: 'Sales rep', requiresBillingWrite: false },
];

export function sandboxTeams(users: readonly SandboxUser[] = SANDBOX_USERS): SandboxTeam[] {
  const names: Record<string, string> = { '9001': 'Key accounts', '9002': 'Inside sales' };
  return Object.entries(names).map(([id, name]) => ({
    id, name,
    userIds: users.filter((u) => u.primaryTeamId === id).map((u) => u.id),
    secondaryUserIds: users.filter((u) => u.secondaryTeamIds.includes(id)).map((u) => u.id),
  }));
}
