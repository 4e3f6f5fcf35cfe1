import type { Role } from '@shared/model/roles.js';
import type { UploadStore } from './uploads.js';
import type { Db } from './db/connection.js';
import type { Clock } from './ports/clock.js';
import type { Logger } from './ports/log.js';
import type { SecretStore } from './ports/secrets.js';
import type { EventBus } from './events.js';
import type { LanPort } from './ports/lan.js';
import type { SyncPort } from './ports/sync.js';
import type { RouterPort } from './ports/router.js';
import type { PdfPort } from './ports/pdf.js';

export type ShellKind = 'electron' | 'browser' | 'headless';

/** Who is calling: the device's signed-in user. Roles are enforced against this in the router. */
export interface Caller {
  userId: string;
  role: Role;
  displayName: string;
  /** user: a signed-in profile · system: the CLI/tests in-process · kiosk: a booth-mode device with nobody signed in · anonymous: nobody (public channels only). */
  kind: 'user' | 'system' | 'kiosk' | 'anonymous';
}

/** Everything a handler may touch; built once in entry.ts, faked in tests. */
/** Who is signed in on this device; built by the identity module (modules/identity/session.ts). */
export interface Session {
  /** The signed-in caller; null when nobody is signed in (only public channels answer). */
  current(): Caller | null;
  /** Signs a profile in WITHOUT checking a credential: only for the identity handlers and tests. */
  set(userId: string): Caller;
  clear(): void;
  /** The hub account's role while the device is signed in to the hub, else null. */
  hubRole(): string | null;
  signedInUserId(): string | null;
}

/** The command line and tests run in-process as the owner of the data folder. */
export const SYSTEM_CALLER: Caller = Object.freeze({
  userId: 'system',
  role: 'admin',
  displayName: 'OpsDeck (command line)',
  kind: 'system',
});

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
  /** Who is signed in on this device (in memory; see modules/identity/session.ts). */
  session: Session;
  /** Typed ports between modules and to the machine (see ports/); built in entry.ts. */
  ports: CorePorts;
  /** Files the browser shell uploaded (CSV imports too big for one request); see uploads.ts. */
  uploads: UploadStore;
}

export interface CorePorts {
  sync: SyncPort;
  /** null: the machine's own interfaces (the wol module's default). */
  lan: LanPort | null;
  /** The core's router, for in-process calls made on a person's behalf (wired in entry.ts). */
  router: RouterPort;
  /** Print views to PDF (quotes, event reports): see ports/pdf.ts. */
  pdf: PdfPort;
}

export interface HandlerContext extends CoreContext {
  caller: Caller;
}
