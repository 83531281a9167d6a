-- A log of every subscriber's status changes, for the authors' chart of active subscribers
-- per day: subscriber rows keep only their latest times, and a counter could drift. The
-- log is written by triggers, so no code path that changes a status can forget it; an
-- erase (DELETE of the subscriber) removes the address's log with it.
CREATE TABLE subscriber_status_log (
  id INTEGER PRIMARY KEY,
  subscriber_id INTEGER NOT NULL,
  status TEXT NOT NULL,
  -- The subscriber row's updated_at at the change: every statement that changes a status
  -- sets it (to the request's clock, which tests pin).
  at INTEGER NOT NULL
);
CREATE INDEX subscriber_status_log_at ON subscriber_status_log (at);
CREATE INDEX subscriber_status_log_subscriber ON subscriber_status_log (subscriber_id, at);

CREATE TRIGGER subscriber_status_logged_on_insert AFTER INSERT ON subscribers
BEGIN
  INSERT INTO subscriber_status_log (subscriber_id, status, at) VALUES (NEW.id, NEW.status, NEW.updated_at);
END;

CREATE TRIGGER subscriber_status_logged_on_change AFTER UPDATE OF status ON subscribers
WHEN NEW.status IS NOT OLD.status
BEGIN
  INSERT INTO subscriber_status_log (subscriber_id, status, at) VALUES (NEW.id, NEW.status, NEW.updated_at);
END;

CREATE TRIGGER subscriber_status_log_erased AFTER DELETE ON subscribers
BEGIN
  DELETE FROM subscriber_status_log WHERE subscriber_id = OLD.id;
END;

-- The history already on the list, as far as its rows tell it: created (pending, or active
-- for an import with consent), confirmed, and the last time each way out was taken.
INSERT INTO subscriber_status_log (subscriber_id, status, at)
SELECT id, CASE WHEN consent_at = created_at THEN 'active' ELSE 'pending' END, created_at FROM subscribers;
INSERT INTO subscriber_status_log (subscriber_id, status, at)
SELECT id, 'active', consent_at FROM subscribers WHERE consent_at IS NOT NULL AND consent_at > created_at;
INSERT INTO subscriber_status_log (subscriber_id, status, at)
SELECT id, status, COALESCE(CASE status WHEN 'unsubscribed' THEN unsubscribed_at WHEN 'bounced' THEN bounced_at WHEN 'complained' THEN complained_at END, updated_at)
FROM subscribers WHERE status IN ('unsubscribed', 'bounced', 'complained');
