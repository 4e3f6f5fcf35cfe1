-- The assistant (Ollama chat pane). Everything here stays on this device: conversations never
-- leave the machine (no outbox triggers, not in the synced-table registry).
CREATE TABLE assistant_conversations (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  user_id TEXT NOT NULL,
  model TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX assistant_conversations_user ON assistant_conversations (user_id, updated_at DESC);

-- One line per message: the user's question, the assistant's answer (with the data cards it used,
-- the numbers check, a notice such as "answered without tools", an error when the turn failed).
CREATE TABLE assistant_messages (
  id TEXT PRIMARY KEY,
  conversation_id TEXT NOT NULL REFERENCES assistant_conversations (id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
  content TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('done', 'running', 'stopped', 'failed')),
  model TEXT,
  cards TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(cards)),
  checks TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(checks)),
  notice TEXT,
  error TEXT CHECK (error IS NULL OR json_valid(error)),
  draft_kind TEXT,
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX assistant_messages_conversation ON assistant_messages (conversation_id, created_at);

-- Actions the model proposed; they run only when the user confirms (through the router).
CREATE TABLE assistant_actions (
  id TEXT PRIMARY KEY,
  conversation_id TEXT NOT NULL REFERENCES assistant_conversations (id) ON DELETE CASCADE,
  message_id TEXT NOT NULL REFERENCES assistant_messages (id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  channel TEXT NOT NULL,
  input TEXT NOT NULL CHECK (json_valid(input)),
  summary TEXT NOT NULL CHECK (json_valid(summary)),
  status TEXT NOT NULL CHECK (status IN ('proposed', 'done', 'cancelled', 'refused', 'failed')),
  result TEXT CHECK (result IS NULL OR json_valid(result)),
  decided_by TEXT,
  decided_at INTEGER,
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX assistant_actions_message ON assistant_actions (message_id);

-- Search by meaning: one vector per catalog item, service or event and embedding model, with the
-- hash of the text it was made from (refreshed when the text changes).
CREATE TABLE assistant_embeddings (
  kind TEXT NOT NULL CHECK (kind IN ('product', 'service', 'event')),
  ref_id TEXT NOT NULL,
  model TEXT NOT NULL,
  text_hash TEXT NOT NULL,
  vector BLOB NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (kind, ref_id, model)
) STRICT;

-- Full-text fallback (no embedding model): accents folded by the tokenizer.
CREATE VIRTUAL TABLE assistant_fts USING fts5 (
  kind UNINDEXED,
  ref_id UNINDEXED,
  title,
  body,
  tokenize = 'unicode61 remove_diacritics 2'
);
