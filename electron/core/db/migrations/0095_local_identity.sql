-- Local identity: each profile signs in on this device with a password or a PIN.
-- Device-local, never synced: a credential hash stays on the device that set it. The failure
-- counter and lock live beside the hash so one UPDATE reserves an attempt before the slow check.

CREATE TABLE local_credentials (
  user_id TEXT PRIMARY KEY REFERENCES users (id),
  kind TEXT NOT NULL CHECK (kind IN ('password', 'pin')),
  hash TEXT NOT NULL CHECK (json_valid(hash)),
  failed_count INTEGER NOT NULL DEFAULT 0 CHECK (failed_count >= 0),
  locked_until INTEGER,
  updated_at INTEGER NOT NULL
) STRICT;
