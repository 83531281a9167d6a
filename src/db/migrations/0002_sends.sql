-- Sends and the delivery ledger. The unique keys are what make retries, double triggers
-- and restarts harmless: one daily send per date, one delivery per (send, subscriber).
CREATE TABLE sends (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL CHECK (kind IN ('daily', 'manual', 'test')),
  date TEXT NOT NULL,
  daily_date TEXT UNIQUE,             -- the date for daily and manual sends; NULL for test sends
  status TEXT NOT NULL CHECK (status IN ('queued', 'sending', 'paused', 'done', 'cancelled', 'skipped', 'failed')),
  reason TEXT,                        -- why it was skipped, paused or failed
  subject TEXT,                       -- the frozen snapshot, rendered once
  snapshot TEXT,                      -- JSON: html, text, markers
  prepared INTEGER NOT NULL DEFAULT 0, -- 1 once every delivery row exists
  prepare_cursor INTEGER NOT NULL DEFAULT 0, -- last subscriber id given a delivery row
  total INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  started_at INTEGER,
  finished_at INTEGER,
  updated_at INTEGER NOT NULL
);

CREATE TABLE deliveries (
  id INTEGER PRIMARY KEY,
  send_id INTEGER NOT NULL REFERENCES sends (id),
  subscriber_id INTEGER,              -- NULL for test sends to given addresses
  email TEXT NOT NULL,
  -- pending → claimed (a consumer holds it) → sending (the SES call is in flight) → sent.
  -- failed: SES refused this recipient; skipped: not active at send time, or cancelled;
  -- unknown: the SES call never reported back; reported, never re-sent automatically.
  status TEXT NOT NULL CHECK (status IN ('pending', 'claimed', 'sending', 'sent', 'failed', 'skipped', 'unknown')),
  attempts INTEGER NOT NULL DEFAULT 0,
  lease_until INTEGER,
  enqueued_at INTEGER,
  message_id TEXT,
  error TEXT,
  updated_at INTEGER NOT NULL,
  UNIQUE (send_id, email),
  UNIQUE (send_id, subscriber_id)
);

CREATE INDEX deliveries_send_status ON deliveries (send_id, status, updated_at);

CREATE TABLE idempotency_keys (
  key TEXT PRIMARY KEY,
  body_hash TEXT NOT NULL,
  status INTEGER,                     -- the first answer's HTTP status, once known
  response TEXT,                      -- and its JSON body
  created_at INTEGER NOT NULL
);
