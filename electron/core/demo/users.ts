import type { Role } from '@shared/model/roles.js';
import { insertUser } from '../db/repos/users.js';
import type { CoreContext } from '../context.js';

export const DEMO_USERS: Array<{ email: string; displayName: string; role: Role }> = [
  { email: 'claire.martin@opsdeck.example', displayName: 'Claire Martin', role: 'admin' },
  { email: 'hugo.lefevre@opsdeck.example', displayName: 'Hugo Lefèvre', role: 'installer' },
  { email: 'ines.bernard@opsdeck.example', displayName: 'Inès Bernard', role: 'installer' },
  { email: 'lucas.petit@opsdeck.example', displayName: 'Lucas Petit', role: 'viewer' },
];

export function seedDemoUsers(ctx: CoreContext): void {
  const now = ctx.clock.now();
  const existing = new Set(
    (ctx.db.prepare('SELECT email FROM users WHERE email IS NOT NULL').pluck().all() as string[]).map((e) => e.toLowerCase()),
  );
  for (const u of DEMO_USERS) {
    if (!existing.has(u.email))
      insertUser(ctx.db, { email: u.email, displayName: u.displayName, role: u.role }, { now, device: ctx.deviceId });
  }
}
