-- Audiences: what each subscriber follows, which variant of a send each ledger row gets, and
-- the welcome mail that catches a new subscriber up on a running event.

-- JSON array of event slugs and `series:<name>`, sorted and unique; NULL follows everything
-- (every event, future ones included), which is what every existing subscriber keeps.
ALTER TABLE subscribers ADD COLUMN follows TEXT;

-- A send renders once per distinct set of the day's events its recipients follow. Variant 0
-- holds every event of the day and is the send's own snapshot (sends.snapshot); the others
-- carry their own. `recipients` counts the ledger rows given each, as they are made.
CREATE TABLE send_variants (
  send_id INTEGER NOT NULL REFERENCES sends (id),
  variant INTEGER NOT NULL,
  events TEXT NOT NULL,              -- JSON array of the event slugs it holds, sorted
  subject TEXT NOT NULL,
  snapshot TEXT,                     -- JSON html, text, markers; NULL for variant 0
  recipients INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (send_id, variant),
  UNIQUE (send_id, events)
);

ALTER TABLE deliveries ADD COLUMN variant INTEGER NOT NULL DEFAULT 0;
-- The event slugs of the posts a send carries (JSON, sorted): its whole-day variant. NULL on
-- sends made before audiences, which have one variant for everyone.
ALTER TABLE sends ADD COLUMN events TEXT;

-- Notices gain a third kind, the welcome, which names its event. SQLite cannot change a
-- CHECK in place, so the table is rebuilt with its rows and indexes.
CREATE TABLE notices_next (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL CHECK (kind IN ('confirmation', 'alert', 'welcome')),
  subscriber_id INTEGER,             -- a confirmation or a welcome: whose
  alert_id INTEGER,                  -- an alert: which
  event TEXT,                        -- a welcome: the event it catches up on
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

INSERT INTO notices_next (id, kind, subscriber_id, alert_id, recipient, requested_at, batch, status, attempts, next_attempt_at, enqueued_at, claim_token, lease_until, sent_at, message_id, error)
  SELECT id, kind, subscriber_id, alert_id, recipient, requested_at, batch, status, attempts, next_attempt_at, enqueued_at, claim_token, lease_until, sent_at, message_id, error FROM notices;

DROP TABLE notices;
ALTER TABLE notices_next RENAME TO notices;

CREATE INDEX notices_open ON notices (status, next_attempt_at);
CREATE INDEX notices_batch ON notices (batch, status);
CREATE INDEX notices_recipient ON notices (recipient COLLATE NOCASE);
-- At most one welcome per subscriber and event, whatever races.
CREATE UNIQUE INDEX notices_welcome ON notices (subscriber_id, event) WHERE kind = 'welcome';
