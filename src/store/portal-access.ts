// Who may see a portal's portfolio and who may change its settings: the portal admin's choice on
// the app settings page, kept with the settings (same version, same history). HubSpot user ids and
// team ids only; the defaults are the user who installed the app and the portal's super admins.
import { z } from 'zod';

const HubSpotId = z.string().regex(/^\d{1,20}$/, 'must be a numeric HubSpot id');
// Bounded: a portal has at most a few thousand users, and every entry is kept in each history entry.
const IdList = z.array(HubSpotId).max(1000).transform((ids) => [...new Set(ids)]);

const AccessListSchema = z
  .object({ users: IdList.default([]), teams: IdList.default([]) })
  .strict()
  .prefault({});

export const PortalAccessSchema = z
  .object({
    viewers: AccessListSchema,
    editors: AccessListSchema,
    /** The user who installed the app may see and change. */
    installer: z.boolean().default(true),
    /** Super admins may see and change (needs the optional scope settings.users.read). */
    superAdmins: z.boolean().default(true),
  })
  .strict();

export type PortalAccess = z.infer<typeof PortalAccessSchema>;

export const DEFAULT_ACCESS: PortalAccess = PortalAccessSchema.parse({});
