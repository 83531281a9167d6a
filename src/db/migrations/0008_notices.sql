-- Transactional mail (confirmations and alerts to the authors): one row per message. It goes
-- through the queue and the global send limiter like the daily email, and is retried until
-- SES takes it or a day has passed; the row says what became of it.
CREATE TABLE notices (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL CHECK (kind IN ('confirmation', 'alert')),
  subscriber_id INTEGER,             -- a confirmation: whose
  alert_id INTEGER,                  -- an alert: which
  recipient TEXT NOT NULL,
  requested_at INTEGER NOT NULL,     -- when it was asked for; a confirm link confirms this request only
  batch TEXT,                        -- the import that asked for it, if any
  status TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'skipped')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  enqueued_at INTEGER,
  claim_token TEXT,
  lease_until INTEGER,
  sent_at INTEGER,
  message_id TEXT,
  error TEXT
);

CREATE INDEX notices_open ON notices (status, next_attempt_at);
CREATE INDEX notices_batch ON notices (batch, status);
CREATE INDEX notices_recipient ON notices (recipient COLLATE NOCASE);

-- What the alert says, so it can be written again on a retry.
ALTER TABLE alerts ADD COLUMN message TEXT;
