import type { Db } from './db/connection.js';
import type { Clock } from './ports/clock.js';
import type { Logger } from './ports/log.js';
import type { SecretStore } from './ports/secrets.js';
import type { EventBus } from './events.js';
import type { LanPort } from './ports/lan.js';
import type { SyncPort } from './ports/sync.js';
import type { Role } from '../../shared/model/roles.js';

export type ShellKind = 'electron' | 'browser' | 'headless';

/** Who is calling: the device's signed-in user. Roles are enforced against this in the router. */
export interface Caller {
  userId: string;
  role: Role;
  displayName: string;
}

/** Everything a handler may touch; built once in entry.ts, faked in tests. */
export interface CoreContext {
  db: Db;
  dbPath: string;
  dataDir: string;
  clock: Clock;
  log: Logger;
  secrets: SecretStore;
  events: EventBus;
  deviceId: string;
  shell: ShellKind;
  version: string;
  startedAt: number;
  /** The current local user; replaced by sign-in. */
  session: { current(): Caller; set(userId: string): Caller };
  /** Typed ports between modules and to the machine (see ports/); built in entry.ts. */
  ports: CorePorts;
}

export interface CorePorts {
  sync: SyncPort;
  /** null: the machine's own interfaces (the wol module's default). */
  lan: LanPort | null;
}

export interface HandlerContext extends CoreContext {
  caller: Caller;
}
