import type { Db } from '@core/db/connection.js';
import type { EventBus } from '@core/events.js';
import type { SecretStore } from '@core/ports/secrets.js';
import { SYSTEM_CALLER, type Caller, type Session, type ShellKind } from '@core/context.js';
import { getUser } from '@core/db/repos/users.js';
import { readSettings } from '@core/settings.js';
import { ROLES, type Role } from '@shared/model/roles.js';
import { AppError } from '@shared/errors.js';

/** Where the sync module keeps the hub session (JSON with the account's `role`). */
const HUB_SESSION_SECRET = 'hub.session';

/**
 * Rank used to cap a local role by the hub account's: a profile never does more on this device
 * than the hub account the device signed in with may do on the hub.
 */
const ROLE_RANK: Record<Role, number> = { viewer: 0, booth: 1, installer: 2, admin: 3 };

export function capRole(local: Role, hub: string | null): Role {
  if (hub === null) return local;
  // A hub account without a known role gets the least: reading.
  const hubRole: Role = (ROLES as readonly string[]).includes(hub) ? (hub as Role) : 'viewer';
  return ROLE_RANK[hubRole] < ROLE_RANK[local] ? hubRole : local;
}

/** A booth-mode device with nobody signed in: the kiosk screen and its agent, nothing more. */
export const KIOSK_CALLER: Caller = Object.freeze({ userId: 'kiosk', role: 'booth', displayName: 'Kiosk', kind: 'kiosk' });

function readHubRole(secrets: SecretStore): string | null {
  try {
    const raw = secrets.get(HUB_SESSION_SECRET);
    if (!raw) return null;
    const role = (JSON.parse(raw) as { role?: unknown }).role;
    return typeof role === 'string' ? role : '';
  } catch {
    return null;
  }
}

/**
 * One session per core, in memory only: a restart always starts signed out (Electron, browser
 * shell). Headless cores (CLI, tests) act as the system caller; a booth-mode device shows the
 * kiosk caller while no profile is signed in.
 */
export function createSession(deps: { db: Db; deviceId: string; shell: ShellKind; secrets: SecretStore; events: EventBus }): Session {
  let userId: string | null = null;
  let hubRole = readHubRole(deps.secrets);
  let mode = readSettings(deps).mode;
  deps.events.subscribe((ev) => {
    if (ev.event === 'sync.status') {
      const account = (ev.payload as { account: { role: string } | null }).account;
      hubRole = account ? account.role : null;
    } else if (ev.event === 'settings.changed') {
      mode = (ev.payload as { mode: typeof mode }).mode;
    }
  });
  const asCaller = (id: string): Caller | null => {
    const u = getUser(deps.db, id);
    if (!u || !u.active) return null;
    return { userId: u.id, role: capRole(u.role, hubRole), displayName: u.displayName, kind: 'user' };
  };
  return {
    current() {
      if (userId !== null) {
        const c = asCaller(userId);
        if (c) return c;
        userId = null; // deactivated or deleted meanwhile: signed out
      }
      if (deps.shell === 'headless') return SYSTEM_CALLER;
      if (mode === 'booth') return { ...KIOSK_CALLER, role: capRole('booth', hubRole) };
      return null;
    },
    set(id) {
      const c = asCaller(id);
      if (!c) throw new AppError('not_found', 'No such active user');
      userId = id;
      return c;
    },
    clear() {
      userId = null;
    },
    hubRole: () => hubRole,
    signedInUserId: () => userId,
  };
}
