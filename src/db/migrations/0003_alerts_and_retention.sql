-- Alerts to the authors, one per (send, cause), and the counts a send keeps once its
-- delivery rows are compacted away.
CREATE TABLE alerts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  send_id INTEGER NOT NULL REFERENCES sends (id),
  cause TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  sent_at INTEGER,
  error TEXT,
  UNIQUE (send_id, cause)
);

ALTER TABLE sends ADD COLUMN compacted_counts TEXT; -- JSON counts by status, once the rows are gone
