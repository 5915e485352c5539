// Who may see a portal's portfolio (every company's revenue and profit) and who may change its
// settings: the portal admin's lists of users and teams, the user who installed the app, and the
// portal's super admins where the optional scope lets us recognise them. Editors may also see.
// Someone who may not is told whom to ask.
import type { PortalAccess } from '../store/portal-access.ts';
import type { OptionalFeature, Person } from './api-contract.ts';
import type { UserDirectory } from './user-directory.ts';

export interface AccessDecision {
  canView: boolean;
  canEdit: boolean;
}

export interface AccessInput {
  portalId: string;
  userId: string;
  access: PortalAccess;
  /** The user who installed the app (from the token response), where known. */
  installerId: string | null;
}

const meets = (ids: readonly string[], list: readonly string[]): boolean => ids.some((id) => list.includes(id));

export async function decideAccess(input: AccessInput, directory: Pick<UserDirectory, 'user'>): Promise<AccessDecision> {
  const { access, userId } = input;
  if ((access.installer && input.installerId === userId) || access.editors.users.includes(userId)) return { canView: true, canEdit: true };
  // HubSpot is asked only when a super admin or a team could make the difference.
  const needsLookup = access.superAdmins || access.editors.teams.length > 0 || (!access.viewers.users.includes(userId) && access.viewers.teams.length > 0);
  const user = needsLookup ? await directory.user(input.portalId, userId) : null;
  const teams = user?.teamIds ?? [];
  const canEdit = (access.superAdmins && user?.superAdmin === true) || meets(teams, access.editors.teams);
  return { canView: canEdit || access.viewers.users.includes(userId) || meets(teams, access.viewers.teams), canEdit };
}

/** Whom a refused user should ask: the installer (when it counts) and the editors named, with names where HubSpot gave them. */
export async function whomToAsk(input: AccessInput, directory: Pick<UserDirectory, 'user'>, max = 5): Promise<Person[]> {
  const ids = [...new Set([...(input.access.installer && input.installerId ? [input.installerId] : []), ...input.access.editors.users])].slice(0, max);
  return Promise.all(ids.map(async (userId) => {
    const user = await directory.user(input.portalId, userId);
    return { userId, email: user?.email ?? null, name: user?.name ?? null };
  }));
}

/** The optional features of the settings page and, when off, what the admin can do about it. */
export function optionalFeatures(granted: { users: boolean; teams: boolean }, reconsentUrl: string): OptionalFeature[] {
  const grant = (scopes: string): string => `grant the optional scope ${scopes} (install the app again from ${reconsentUrl}; HubSpot keeps the install and adds the scope)`;
  return [
    { feature: 'super-admins', available: granted.users, reason: granted.users ? null : `Super admins cannot be recognised: ${grant('settings.users.read')}.` },
    { feature: 'teams', available: granted.teams, reason: granted.teams ? null : `Teams cannot be chosen: ${grant('settings.users.read and settings.users.teams.read')}.` },
    { feature: 'user-directory', available: granted.users, reason: granted.users ? null : `Users cannot be picked by name, only by HubSpot user id: ${grant('settings.users.read')}.` },
  ];
}
