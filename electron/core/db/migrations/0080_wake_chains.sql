-- Wake-on-LAN tries the booth's routes in its configured order (relay → local → router, or as set):
-- one wake_commands row per attempt, linked here. Local to the device that asked for the wake (only
-- it resolves its wakes and starts the next route), so it is not synced.
CREATE TABLE wake_chains (
  wake_id TEXT PRIMARY KEY REFERENCES wake_commands (id),
  chain_id TEXT NOT NULL,
  step INTEGER NOT NULL CHECK (step >= 0),
  routes TEXT NOT NULL CHECK (json_valid(routes) AND json_type(routes) = 'array'),
  previous_wake_id TEXT REFERENCES wake_commands (id),
  CHECK ((step = 0) = (previous_wake_id IS NULL))
) STRICT;
CREATE INDEX wake_chains_chain ON wake_chains (chain_id, step);
