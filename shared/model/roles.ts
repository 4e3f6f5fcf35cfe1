import { z } from 'zod';

/** Staff roles plus the device role a booth PC signs in with. */
export const ROLES = ['admin', 'installer', 'viewer', 'booth'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const STAFF_ROLES = ['admin', 'installer', 'viewer'] as const;

/** Who may call a channel. Reads are open to every signed-in role. */
export const ANY_ROLE: readonly Role[] = ROLES;
export const STAFF_READ: readonly Role[] = ['admin', 'installer', 'viewer'];
export const INSTALLER_WRITE: readonly Role[] = ['admin', 'installer'];
export const ADMIN_ONLY: readonly Role[] = ['admin'];
export const BOOTH_AGENT: readonly Role[] = ['admin', 'installer', 'booth'];
/** The office's paperwork (quotes, orders): admins and viewers; installers and booths do not read it. */
export const OFFICE_READ: readonly Role[] = ['admin', 'viewer'];
