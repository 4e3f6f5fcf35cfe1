import type { User } from '@shared/model/user.js';
import type { Role } from '@shared/model/roles.js';
import { newId } from '../ids.js';
import type { Db } from '../connection.js';

interface UserRow {
  id: string;
  email: string | null;
  display_name: string;
  role: Role;
  active: number;
}
const toUser = (r: UserRow): User => ({ id: r.id, email: r.email, displayName: r.display_name, role: r.role, active: r.active === 1 });

export function listUsers(db: Db): User[] {
  return (
    db
      .prepare('SELECT id, email, display_name, role, active FROM users WHERE deleted_at IS NULL ORDER BY fold(display_name), display_name')
      .all() as UserRow[]
  ).map(toUser);
}

export function getUser(db: Db, id: string): User | null {
  const r = db.prepare('SELECT id, email, display_name, role, active FROM users WHERE id = ? AND deleted_at IS NULL').get(id) as
    UserRow | undefined;
  return r ? toUser(r) : null;
}

export function insertUser(
  db: Db,
  u: { id?: string; email: string | null; displayName: string; role: Role; active?: boolean },
  stamp: { now: number; device: string },
): User {
  const id = u.id ?? newId();
  db.prepare(
    `INSERT INTO users (id, email, display_name, role, active, created_at, updated_at, origin_device)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(id, u.email, u.displayName, u.role, u.active === false ? 0 : 1, stamp.now, stamp.now, stamp.device);
  return getUser(db, id)!;
}
