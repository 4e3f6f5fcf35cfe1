import type { CoreContext } from '@core/context.js';
import { perCore } from '@core/module.js';
import { emitDataChanged } from '@core/changes.js';
import type { SyncStatus, SyncRoundSummary } from '@shared/model/sync.js';
import { AppError } from '@shared/errors.js';
import { syncedTable, SYNCED_TABLES } from '@core/db/syncedTables.js';
import { pendingCount, enqueue } from '@core/db/repos/outbox.js';
import { deadLetterCount, getDeadLetter, deleteDeadLetter } from '@core/db/repos/outboxDeadLetters.js';
import { conflictCount } from '@core/db/repos/conflicts.js';
import {
  readSyncConfig,
  writeSyncConfig,
  readLastRound,
  writeLastRound,
  resetCursors,
  type SyncConfigRow,
} from '@core/db/repos/syncState.js';
import { applyPulledPage, type PulledRow } from '@core/db/repos/syncStateApply.js';
import { startRealtimeHint, type RealtimeHint, type HintState } from './realtimeHint.js';
import { backoffDelay } from './classify.js';
import { syncRound } from './engine.js';
import { connectHub, validateHubUrl, SESSION_SECRET, type HubConnection } from './hubClient.js';

const DEFAULTS: SyncConfigRow = { hubUrl: null, anonKey: null, intervalMinutes: 5, enabled: true };
/** A burst of Realtime changes (a whole push batch) becomes one round. */
const HINT_DEBOUNCE_MS = 500;

export interface SyncServiceDeps {
  fetch?: typeof fetch;
  random?: () => number;
  /** Test hooks: the length of a schedule "minute", the hint debounce, Realtime timings. */
  minuteMs?: number;
  hintDebounceMs?: number;
  realtime?: { heartbeatIntervalMs?: number; retryDelaysMs?: number[] } | false;
}

/**
 * The device's sync: configuration, hub session (through the secrets port only), one round at a
 * time, a schedule with jittered backoff, and the status the UI shows. One per core.
 */
export class SyncService {
  private hub: HubConnection | null = null;
  private inflight: Promise<SyncRoundSummary> | null = null;
  private progress: SyncStatus['progress'] = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private nextRunAt: number | null = null;
  private failures = 0;
  private scheduling = false;
  private hint: { hub: HubConnection; key: string; h: RealtimeHint } | null = null;
  private hintState: HintState = 'off';
  private hintTimer: ReturnType<typeof setTimeout> | null = null;
  private hintAgain = false;

  constructor(
    private readonly ctx: CoreContext,
    private readonly deps: SyncServiceDeps = {},
  ) {}

  config(): SyncConfigRow {
    return readSyncConfig(this.ctx.db, DEFAULTS);
  }

  private connection(): HubConnection | null {
    const c = this.config();
    if (!c.hubUrl || !c.anonKey) return null;
    if (!this.hub || this.hub.url !== c.hubUrl) {
      this.hub = connectHub({
        url: c.hubUrl,
        anonKey: c.anonKey,
        secrets: this.ctx.secrets,
        fetch: this.deps.fetch,
        now: () => this.ctx.clock.now(),
      });
    }
    return this.hub;
  }

  status(): SyncStatus {
    const c = this.config();
    const session = this.connection()?.session() ?? null;
    const last = readLastRound(this.ctx.db) as (SyncRoundSummary & { lastSuccessAt?: number | null }) | null;
    return {
      configured: Boolean(c.hubUrl && c.anonKey),
      hubUrl: c.hubUrl,
      anonKeySet: Boolean(c.anonKey),
      enabled: c.enabled,
      intervalMinutes: c.intervalMinutes,
      account: session ? { email: session.email, role: session.role, boothId: session.boothId } : null,
      secretStore: this.ctx.secrets.kind,
      running: this.inflight !== null,
      progress: this.progress,
      lastRound: last ? ({ ...last, lastSuccessAt: undefined } as SyncRoundSummary) : null,
      lastSuccessAt: last?.lastSuccessAt ?? null,
      nextRunAt: this.nextRunAt,
      pending: pendingCount(this.ctx.db),
      deadLetters: deadLetterCount(this.ctx.db),
      conflicts: conflictCount(this.ctx.db),
      realtime: this.hint ? this.hintState : 'off',
    };
  }

  private announce(): void {
    this.ctx.events.emit('sync.status', this.status());
  }

  configure(input: { hubUrl: string; anonKey?: string; intervalMinutes: number; enabled: boolean }): SyncStatus {
    const url = validateHubUrl(input.hubUrl);
    const before = this.config();
    const anonKey = input.anonKey ?? before.anonKey;
    if (!anonKey) throw new AppError('invalid_input', 'Enter the hub anon key');
    if (before.hubUrl && before.hubUrl !== url) {
      // Another hub: its cursors and session mean nothing there.
      this.ctx.db.transaction(() => resetCursors(this.ctx.db))();
      this.ctx.secrets.delete(SESSION_SECRET);
      this.hub = null;
    }
    writeSyncConfig(this.ctx.db, { hubUrl: url, anonKey, intervalMinutes: input.intervalMinutes, enabled: input.enabled });
    this.reschedule(0);
    this.syncHint();
    this.announce();
    return this.status();
  }

  async signIn(email: string, password: string): Promise<SyncStatus> {
    const hub = this.connection();
    if (!hub) throw new AppError('invalid_input', 'Set the hub URL and anon key first');
    await hub.signIn(email, password);
    this.failures = 0;
    this.reschedule(0);
    this.syncHint(true);
    this.announce();
    return this.status();
  }

  async signOut(): Promise<SyncStatus> {
    await this.connection()?.signOut();
    this.ctx.secrets.delete(SESSION_SECRET);
    this.syncHint();
    this.announce();
    return this.status();
  }

  /** Runs a round now, or joins the one already running. */
  syncNow(): Promise<SyncRoundSummary> {
    if (this.inflight) return this.inflight;
    const hub = this.connection();
    if (!hub) return Promise.reject(new AppError('invalid_input', 'Sync is not configured: set the hub URL and anon key'));
    if (!hub.session()) return Promise.reject(new AppError('unauthorized', 'Sign in to the hub first'));
    this.inflight = (async () => {
      this.announce();
      const s = await syncRound({
        db: this.ctx.db,
        hub,
        deviceId: this.ctx.deviceId,
        now: () => this.ctx.clock.now(),
        onProgress: (p) => {
          this.progress = p;
        },
        // Pulled rows skip the outbox triggers, so the change feed hears of them here.
        onPulled: (table, ids) => emitDataChanged(this.ctx, { tables: [table], ids }),
      });
      const prev = readLastRound(this.ctx.db) as { lastSuccessAt?: number | null } | null;
      writeLastRound(this.ctx.db, { ...s, lastSuccessAt: s.ok ? s.finishedAt : (prev?.lastSuccessAt ?? null) });
      if (s.error) this.ctx.log.warn('sync round failed', { kind: s.error.kind, message: s.error.message });
      return s;
    })().finally(() => {
      this.inflight = null;
      this.progress = null;
    });
    return this.inflight.then((s) => {
      this.afterRound(s);
      this.syncHint();
      if (this.hintAgain) {
        // A change arrived while that round ran (maybe after it pulled its table): one more.
        this.hintAgain = false;
        this.onHint();
      }
      this.announce();
      return s;
    });
  }

  private afterRound(s: SyncRoundSummary): void {
    if (!this.scheduling) return;
    if (s.ok) {
      this.failures = 0;
      this.reschedule(this.config().intervalMinutes * 60_000);
    } else if (s.error?.kind === 'auth') {
      this.clearTimer();
    } else {
      this.failures++;
      this.reschedule(Math.max(1000, backoffDelay(this.failures, this.deps.random ?? Math.random)));
    }
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.nextRunAt = null;
  }

  private reschedule(delayMs: number): void {
    if (!this.scheduling) return;
    this.clearTimer();
    const c = this.config();
    if (!c.enabled || !c.hubUrl || !c.anonKey) return;
    this.nextRunAt = this.ctx.clock.now() + delayMs;
    const minute = this.deps.minuteMs;
    if (minute) delayMs = Math.round((delayMs * minute) / 60_000);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.syncNow().catch((e: unknown) => this.ctx.log.warn('scheduled sync did not run', { error: String(e) }));
    }, delayMs);
    this.timer.unref?.();
  }

  /** Starts the schedule (first round soon after start); returns the stop function. */
  start(): () => void {
    this.scheduling = true;
    this.reschedule(5_000);
    this.syncHint();
    return () => {
      this.scheduling = false;
      this.clearTimer();
      if (this.hintTimer) clearTimeout(this.hintTimer);
      this.hintTimer = null;
      this.syncHint();
    };
  }

  /**
   * Runs the Realtime hint exactly when it is useful: schedule on, sync enabled, signed in, and
   * no auth failure pending. Anything else stops it. Its failures never touch the schedule.
   */
  private syncHint(restart = false): void {
    const c = this.config();
    const hub = this.scheduling && c.enabled && this.deps.realtime !== false ? this.connection() : null;
    const session = hub?.session() ?? null;
    const authFailed = (readLastRound(this.ctx.db) as SyncRoundSummary | null)?.error?.kind === 'auth' && !restart;
    const key = session ? `${hub!.url}|${c.anonKey}|${session.userId}` : '';
    const want = Boolean(hub && session && !authFailed);
    if (this.hint && (!want || restart || this.hint.hub !== hub || this.hint.key !== key)) {
      const old = this.hint.h;
      this.hint = null;
      this.hintState = 'off';
      void old.stop();
    }
    if (!want || this.hint) return;
    const h = startRealtimeHint({
      url: hub!.url,
      anonKey: c.anonKey!,
      accessToken: async () => (hub!.session() ? hub!.accessToken() : null),
      tables: SYNCED_TABLES.map((t) => t.name),
      deviceId: this.ctx.deviceId,
      onChange: () => this.onHint(),
      onResubscribed: () => this.onHint(),
      onState: (st) => {
        if (this.hint?.h !== h || st === this.hintState) return;
        this.hintState = st;
        this.announce();
      },
      log: this.ctx.log,
      heartbeatIntervalMs: this.deps.realtime ? this.deps.realtime.heartbeatIntervalMs : undefined,
      retryDelaysMs: this.deps.realtime ? this.deps.realtime.retryDelaysMs : undefined,
    });
    this.hint = { hub: hub!, key, h };
    this.hintState = h.state();
  }

  /** A change on the hub: one round soon, never two at once. */
  private onHint(): void {
    // While backing off after failed rounds, the backoff decides when to try again.
    if (!this.scheduling || this.hintTimer || this.failures > 0) return;
    this.hintTimer = setTimeout(() => {
      this.hintTimer = null;
      if (!this.scheduling) return;
      if (this.inflight) {
        this.hintAgain = true;
        return;
      }
      this.syncNow().catch((e: unknown) => this.ctx.log.warn('hinted sync did not run', { error: String(e) }));
    }, this.deps.hintDebounceMs ?? HINT_DEBOUNCE_MS);
    this.hintTimer.unref?.();
  }

  retryDeadLetter(id: string): boolean {
    const d = getDeadLetter(this.ctx.db, id);
    if (!d) throw new AppError('not_found', 'No such dead letter');
    const t = syncedTable(d.tableName);
    if (!t) throw new AppError('invalid_input', `${d.tableName} is no longer synced`);
    const now = this.ctx.clock.now();
    return this.ctx.db.transaction(() => {
      if (d.direction === 'push') {
        const exists = this.ctx.db.prepare(`SELECT 1 FROM "${t.name}" WHERE id = ?`).get(d.rowId) !== undefined;
        if (!exists) throw new AppError('not_found', 'The record no longer exists on this device; discard the entry instead');
        enqueue(this.ctx.db, t.name, d.rowId, now);
        deleteDeadLetter(this.ctx.db, id);
        return true;
      }
      deleteDeadLetter(this.ctx.db, id);
      const r = applyPulledPage(this.ctx.db, t, [d.row as PulledRow], null, { now, device: this.ctx.deviceId });
      return r.applied === 1 || r.keptLocal === 1;
    })();
  }

  discardDeadLetter(id: string): boolean {
    if (!getDeadLetter(this.ctx.db, id)) throw new AppError('not_found', 'No such dead letter');
    deleteDeadLetter(this.ctx.db, id);
    return true;
  }
}

const services = perCore((ctx) => new SyncService(ctx));

/** The core's one sync service (created on first use). */
export function syncService(ctx: CoreContext): SyncService {
  return services.get(ctx);
}

/** Replaces the core's sync service (tests give it a hub double's fetch, short timings). */
export function installSyncService(ctx: CoreContext, svc: SyncService): void {
  services.set(ctx, svc);
}

/** The sync port other modules use (ctx.ports.sync): a round soon when a hub is configured; never throws. */
/** A hub is configured and sync is enabled: what a relay wake needs to leave this device. */
export function syncRelayAvailable(ctx: CoreContext): boolean {
  const c = readSyncConfig(ctx.db, DEFAULTS);
  return Boolean(c.enabled && c.hubUrl && c.anonKey);
}

export function requestSyncRound(ctx: CoreContext, reason: string): void {
  const s = services.peek(ctx);
  if (!s?.config().hubUrl) return;
  s.syncNow().catch((e: unknown) => ctx.log.warn('requested sync round did not run', { reason, error: String(e) }));
}
