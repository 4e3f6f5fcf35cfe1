import type { AssistantMessage, Conversation, DataCard, ProposedAction } from '@shared/model/assistant.js';
import type { Db } from '../connection.js';

/** Conversations, messages and proposed actions of the assistant: local to this device, never synced. */

interface ConvRow {
  id: string;
  title: string;
  model: string | null;
  created_at: number;
  updated_at: number;
  n: number;
}
const toConv = (r: ConvRow): Conversation => ({
  id: r.id,
  title: r.title,
  model: r.model,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  messageCount: r.n,
});

const CONV_SELECT = `SELECT c.id, c.title, c.model, c.created_at, c.updated_at,
  (SELECT count(*) FROM assistant_messages m WHERE m.conversation_id = c.id) AS n FROM assistant_conversations c`;

export function insertConversation(db: Db, c: { id: string; title: string; userId: string; model: string | null; now: number }): void {
  db.prepare('INSERT INTO assistant_conversations (id, title, user_id, model, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    c.id,
    c.title,
    c.userId,
    c.model,
    c.now,
    c.now,
  );
}

export function getConversation(db: Db, id: string, userId: string): Conversation | null {
  const r = db.prepare(`${CONV_SELECT} WHERE c.id = ? AND c.user_id = ?`).get(id, userId) as ConvRow | undefined;
  return r ? toConv(r) : null;
}

/** The user's conversations, newest first; `q` matches the title or any message (accents and case ignored by LIKE's ASCII folding). */
export function listConversations(db: Db, userId: string, q: string): Conversation[] {
  if (!q)
    return (db.prepare(`${CONV_SELECT} WHERE c.user_id = ? ORDER BY c.updated_at DESC LIMIT 500`).all(userId) as ConvRow[]).map(toConv);
  const like = `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
  return (
    db
      .prepare(
        `${CONV_SELECT} WHERE c.user_id = ? AND (c.title LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM assistant_messages m
           WHERE m.conversation_id = c.id AND m.content LIKE ? ESCAPE '\\')) ORDER BY c.updated_at DESC LIMIT 500`,
      )
      .all(userId, like, like) as ConvRow[]
  ).map(toConv);
}

export function renameConversation(db: Db, id: string, title: string, now: number): void {
  db.prepare('UPDATE assistant_conversations SET title = ?, updated_at = ? WHERE id = ?').run(title, now, id);
}

export function touchConversation(db: Db, id: string, model: string | null, now: number): void {
  db.prepare('UPDATE assistant_conversations SET updated_at = ?, model = coalesce(?, model) WHERE id = ?').run(now, model, id);
}

export function deleteConversation(db: Db, id: string): void {
  db.prepare('DELETE FROM assistant_conversations WHERE id = ?').run(id);
}

interface MsgRow {
  id: string;
  conversation_id: string;
  role: 'user' | 'assistant';
  content: string;
  status: AssistantMessage['status'];
  model: string | null;
  cards: string;
  checks: string;
  notice: string | null;
  error: string | null;
  draft_kind: string | null;
  created_at: number;
}

export type StoredMessage = Omit<AssistantMessage, 'actions'>;

const toMsg = (r: MsgRow): StoredMessage => ({
  id: r.id,
  conversationId: r.conversation_id,
  role: r.role,
  content: r.content,
  status: r.status,
  model: r.model,
  cards: JSON.parse(r.cards) as DataCard[],
  checks: JSON.parse(r.checks) as AssistantMessage['checks'],
  notice: r.notice,
  error: r.error ? (JSON.parse(r.error) as AssistantMessage['error']) : null,
  draftKind: r.draft_kind,
  createdAt: r.created_at,
});

export function insertMessage(db: Db, m: StoredMessage): void {
  db.prepare(
    `INSERT INTO assistant_messages (id, conversation_id, role, content, status, model, cards, checks, notice, error, draft_kind, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    m.id,
    m.conversationId,
    m.role,
    m.content,
    m.status,
    m.model,
    JSON.stringify(m.cards),
    JSON.stringify(m.checks),
    m.notice,
    m.error ? JSON.stringify(m.error) : null,
    m.draftKind,
    m.createdAt,
  );
}

export function updateMessage(db: Db, m: StoredMessage): void {
  db.prepare(
    'UPDATE assistant_messages SET content = ?, status = ?, model = ?, cards = ?, checks = ?, notice = ?, error = ? WHERE id = ?',
  ).run(
    m.content,
    m.status,
    m.model,
    JSON.stringify(m.cards),
    JSON.stringify(m.checks),
    m.notice,
    m.error ? JSON.stringify(m.error) : null,
    m.id,
  );
}

/** A conversation's messages in order; `last`: only the most recent ones (what goes to the model). */
export function listMessages(db: Db, conversationId: string, last?: number): StoredMessage[] {
  const rows = last
    ? (db
        .prepare(
          'SELECT * FROM (SELECT rowid AS r, * FROM assistant_messages WHERE conversation_id = ? ORDER BY rowid DESC LIMIT ?) ORDER BY r',
        )
        .all(conversationId, last) as MsgRow[])
    : (db.prepare('SELECT * FROM assistant_messages WHERE conversation_id = ? ORDER BY rowid').all(conversationId) as MsgRow[]);
  return rows.map(toMsg);
}

interface ActionRow {
  id: string;
  conversation_id: string;
  message_id: string;
  kind: ProposedAction['kind'];
  channel: string;
  input: string;
  summary: string;
  status: ProposedAction['status'];
  result: string | null;
  created_at: number;
}

export interface StoredAction extends ProposedAction {
  conversationId: string;
  input: Record<string, unknown>;
}

const toAction = (r: ActionRow): StoredAction => ({
  id: r.id,
  conversationId: r.conversation_id,
  messageId: r.message_id,
  kind: r.kind,
  channel: r.channel,
  input: JSON.parse(r.input) as Record<string, unknown>,
  summary: JSON.parse(r.summary) as ProposedAction['summary'],
  status: r.status,
  result: r.result ? (JSON.parse(r.result) as unknown) : null,
  createdAt: r.created_at,
});

export function insertAction(db: Db, a: StoredAction): void {
  db.prepare(
    `INSERT INTO assistant_actions (id, conversation_id, message_id, kind, channel, input, summary, status, result, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)`,
  ).run(a.id, a.conversationId, a.messageId, a.kind, a.channel, JSON.stringify(a.input), JSON.stringify(a.summary), a.status, a.createdAt);
}

export function getAction(db: Db, id: string): StoredAction | null {
  const r = db.prepare('SELECT * FROM assistant_actions WHERE id = ?').get(id) as ActionRow | undefined;
  return r ? toAction(r) : null;
}

/** Moves a proposed action to its outcome; false when it was no longer proposed (decided twice). */
export function decideAction(db: Db, id: string, status: ProposedAction['status'], result: unknown, by: string, now: number): boolean {
  return (
    db
      .prepare("UPDATE assistant_actions SET status = ?, result = ?, decided_by = ?, decided_at = ? WHERE id = ? AND status = 'proposed'")
      .run(status, result === undefined || result === null ? null : JSON.stringify(result), by, now, id).changes > 0
  );
}

export function actionsOfConversation(db: Db, conversationId: string): StoredAction[] {
  return (
    db.prepare('SELECT * FROM assistant_actions WHERE conversation_id = ? ORDER BY created_at, rowid').all(conversationId) as ActionRow[]
  ).map(toAction);
}
