-- Sessions of the authors' desk (/admin). The cookie names a session by a random id, signed
-- with SIGNING_SECRET; the row holds only that id's hash, so a copy of the table opens nothing.
-- token_hash is the hash of the author token that opened it: a session whose token is no
-- longer in AUTHOR_TOKEN is refused (and removed) at its next request.
CREATE TABLE desk_sessions (
  id_hash TEXT PRIMARY KEY,
  token_hash TEXT NOT NULL,
  -- The synchronizer token every state-changing form of this session carries.
  csrf TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX desk_sessions_expiry ON desk_sessions (expires_at);
