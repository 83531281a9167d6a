-- Subscribers: one row per address (compared without case), with the consent record and
-- the timestamps a person may ask about. Times are epoch milliseconds.
CREATE TABLE subscribers (
  id INTEGER PRIMARY KEY AUTOINCREMENT, -- never reused, so an old link cannot reach a new person
  email TEXT NOT NULL COLLATE NOCASE UNIQUE,
  status TEXT NOT NULL CHECK (status IN ('pending', 'active', 'unsubscribed', 'bounced', 'complained')),
  source TEXT NOT NULL,                 -- how the address arrived: form, api, import
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  confirmation_sent_at INTEGER,         -- last confirmation mail; one per 10 minutes at most
  consent_at INTEGER,                   -- when the person confirmed (double opt-in)
  consent_source TEXT,                  -- where that confirmation came from
  unsubscribed_at INTEGER,
  bounced_at INTEGER,
  complained_at INTEGER
);

CREATE INDEX subscribers_status ON subscribers (status, id);

-- Fixed-window request counters for per-client limits (e.g. the subscribe form).
CREATE TABLE rate_limits (
  key TEXT NOT NULL,
  window_start INTEGER NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (key, window_start)
);
