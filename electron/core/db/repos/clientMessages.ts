import type { ClientMessage, ClientMessageKind } from '@shared/model/crm.js';
import { newId } from '../ids.js';
import type { Db } from '../connection.js';

interface Row {
  id: string;
  client_id: string;
  event_id: string | null;
  kind: ClientMessageKind;
  text: string;
  drafted_at: number;
  user_id: string | null;
  source_message_id: string | null;
}

const toMessage = (r: Row): ClientMessage => ({
  id: r.id,
  clientId: r.client_id,
  eventId: r.event_id,
  kind: r.kind,
  text: r.text,
  draftedAt: r.drafted_at,
  userId: r.user_id,
  sourceMessageId: r.source_message_id,
});

const COLS = 'id, client_id, event_id, kind, text, drafted_at, user_id, source_message_id';

/** A client's messages, newest first. */
export function messagesOf(db: Db, clientId: string): ClientMessage[] {
  return (
    db
      .prepare(`SELECT ${COLS} FROM client_messages WHERE client_id = ? AND deleted_at IS NULL ORDER BY drafted_at DESC, id DESC`)
      .all(clientId) as Row[]
  ).map(toMessage);
}

export function getMessage(db: Db, id: string): ClientMessage | null {
  const r = db.prepare(`SELECT ${COLS} FROM client_messages WHERE id = ? AND deleted_at IS NULL`).get(id) as Row | undefined;
  return r ? toMessage(r) : null;
}

/** The live message saved from this assistant answer, if any. */
export function messageFromSource(db: Db, sourceMessageId: string): ClientMessage | null {
  const r = db
    .prepare(`SELECT ${COLS} FROM client_messages WHERE source_message_id = ? AND deleted_at IS NULL ORDER BY created_at LIMIT 1`)
    .get(sourceMessageId) as Row | undefined;
  return r ? toMessage(r) : null;
}

export function insertMessage(
  db: Db,
  m: {
    clientId: string;
    eventId: string | null;
    kind: ClientMessageKind;
    text: string;
    userId: string | null;
    sourceMessageId: string | null;
  },
  stamp: { now: number; device: string },
): string {
  const id = newId();
  db.prepare(
    `INSERT INTO client_messages (id, client_id, event_id, kind, text, drafted_at, user_id, source_message_id, created_at, updated_at, origin_device)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(id, m.clientId, m.eventId, m.kind, m.text, stamp.now, m.userId, m.sourceMessageId, stamp.now, stamp.now, stamp.device);
  return id;
}

/** A draft saved again (edited, or moved to another client): same row, new text and date. */
export function updateMessage(db: Db, id: string, m: { clientId: string; eventId: string | null; text: string }, now: number): void {
  db.prepare(
    'UPDATE client_messages SET client_id = ?, event_id = ?, text = ?, drafted_at = ?, updated_at = max(updated_at, ?) WHERE id = ?',
  ).run(m.clientId, m.eventId, m.text, now, now, id);
}

export function deleteMessage(db: Db, id: string, now: number): boolean {
  return (
    db
      .prepare('UPDATE client_messages SET deleted_at = ?, updated_at = max(updated_at, ?) WHERE id = ? AND deleted_at IS NULL')
      .run(now, now, id).changes > 0
  );
}
