import type { NotifyChannel, NotifyRules } from '@shared/model/notify.js';
import type { Alert } from '@shared/model/alert.js';
import { newId } from '../ids.js';
import type { Db } from '../connection.js';

export interface ChannelRow {
  id: string;
  kind: 'email' | 'webhook';
  name: string;
  enabled: boolean;
  language: 'fr' | 'en';
  config: Record<string, unknown>;
  rules: NotifyRules;
  createdAt: number;
}
interface Raw {
  id: string;
  kind: 'email' | 'webhook';
  name: string;
  enabled: number;
  language: 'fr' | 'en';
  config: string;
  rules: string;
  created_at: number;
}
const toChannel = (r: Raw): ChannelRow => ({
  id: r.id,
  kind: r.kind,
  name: r.name,
  enabled: r.enabled === 1,
  language: r.language,
  config: JSON.parse(r.config) as Record<string, unknown>,
  rules: JSON.parse(r.rules) as NotifyRules,
  createdAt: r.created_at,
});

export function listChannels(db: Db): ChannelRow[] {
  return (db.prepare('SELECT * FROM notify_channels WHERE deleted_at IS NULL ORDER BY name COLLATE NOCASE').all() as Raw[]).map(toChannel);
}

export function getChannel(db: Db, id: string): ChannelRow | null {
  const r = db.prepare('SELECT * FROM notify_channels WHERE id = ? AND deleted_at IS NULL').get(id) as Raw | undefined;
  return r ? toChannel(r) : null;
}

export function saveChannel(
  db: Db,
  c: { id?: string; kind: 'email' | 'webhook'; name: string; enabled: boolean; language: 'fr' | 'en'; config: unknown; rules: NotifyRules },
  now: number,
): string {
  const id = c.id ?? newId();
  db.prepare(
    `INSERT INTO notify_channels (id, kind, name, enabled, language, config, rules, created_at, updated_at)
     VALUES (@id, @kind, @name, @enabled, @language, @config, @rules, @now, @now)
     ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, name = excluded.name, enabled = excluded.enabled, language = excluded.language,
       config = excluded.config, rules = excluded.rules, updated_at = MAX(updated_at, excluded.updated_at)`,
  ).run({
    id,
    kind: c.kind,
    name: c.name,
    enabled: c.enabled ? 1 : 0,
    language: c.language,
    config: JSON.stringify(c.config),
    rules: JSON.stringify(c.rules),
    now,
  });
  return id;
}

export function removeChannel(db: Db, id: string, now: number): boolean {
  return (
    db
      .prepare('UPDATE notify_channels SET deleted_at = ?, updated_at = MAX(updated_at, ?) WHERE id = ? AND deleted_at IS NULL')
      .run(now, now, id).changes > 0
  );
}

export function lastDelivery(db: Db, channelId: string): NotifyChannel['lastDelivery'] {
  const r = db
    .prepare(
      'SELECT coalesce(sent_at, next_at) AS at, status, last_error AS error FROM notify_deliveries WHERE channel_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1',
    )
    .get(channelId) as { at: number; status: 'pending' | 'sent' | 'failed' | 'skipped'; error: string | null } | undefined;
  return r ?? null;
}

export type AlertForNotify = Alert;

/** Alerts (of booths and of products) raised since the channel exists that it has not handled yet. */
export function unhandledRaises(db: Db, channel: ChannelRow): Array<{ id: string; raised_at: number }> {
  return db
    .prepare(
      `SELECT id, raised_at FROM (SELECT id, raised_at, deleted_at FROM alerts UNION ALL SELECT id, raised_at, deleted_at FROM product_alerts) a
       WHERE a.deleted_at IS NULL AND a.raised_at >= ?
         AND NOT EXISTS (SELECT 1 FROM notify_deliveries d WHERE d.channel_id = ? AND d.alert_id = a.id AND d.phase = 'raised')
       ORDER BY a.raised_at`,
    )
    .all(channel.createdAt, channel.id) as Array<{ id: string; raised_at: number }>;
}

/** Cleared alerts whose raise this channel told someone about, and whose clear it has not sent. */
export function unhandledClears(db: Db, channel: ChannelRow): string[] {
  return db
    .prepare(
      `SELECT a.id FROM (SELECT id, cleared_at FROM alerts UNION ALL SELECT id, cleared_at FROM product_alerts) a
       JOIN notify_deliveries r ON r.channel_id = ? AND r.alert_id = a.id AND r.phase = 'raised' AND r.status <> 'skipped'
       WHERE a.cleared_at IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM notify_deliveries d WHERE d.channel_id = ? AND d.alert_id = a.id AND d.phase = 'cleared')
       ORDER BY a.cleared_at`,
    )
    .pluck()
    .all(channel.id, channel.id) as string[];
}

export interface DeliveryRow {
  id: string;
  channel_id: string;
  alert_id: string;
  phase: 'raised' | 'cleared' | 'test';
  status: 'pending' | 'sent' | 'failed' | 'skipped';
  attempts: number;
  next_at: number;
  payload: string;
}

export function enqueueDelivery(
  db: Db,
  d: {
    channelId: string;
    alertId: string;
    phase: 'raised' | 'cleared' | 'test';
    status: 'pending' | 'skipped';
    nextAt: number;
    payload: unknown;
  },
  now: number,
): string | null {
  const id = newId();
  const r = db
    .prepare(
      `INSERT INTO notify_deliveries (id, channel_id, alert_id, phase, status, next_at, payload, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    )
    .run(id, d.channelId, d.alertId, d.phase, d.status, d.nextAt, JSON.stringify(d.payload), now);
  return r.changes > 0 ? id : null;
}

export function dueDeliveries(db: Db, now: number, limit = 20): DeliveryRow[] {
  return db
    .prepare("SELECT * FROM notify_deliveries WHERE status = 'pending' AND next_at <= ? ORDER BY next_at, rowid LIMIT ?")
    .all(now, limit) as DeliveryRow[];
}

export function markDelivery(
  db: Db,
  id: string,
  v: { status: 'pending' | 'sent' | 'failed'; attempts: number; nextAt: number; error: string | null; sentAt: number | null },
): void {
  db.prepare('UPDATE notify_deliveries SET status = ?, attempts = ?, next_at = ?, last_error = ?, sent_at = ? WHERE id = ?').run(
    v.status,
    v.attempts,
    v.nextAt,
    v.error?.slice(0, 500) ?? null,
    v.sentAt,
    id,
  );
}

export function deferDelivery(db: Db, id: string, nextAt: number): void {
  db.prepare('UPDATE notify_deliveries SET next_at = ? WHERE id = ?').run(nextAt, id);
}
