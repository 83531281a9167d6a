-- The morning edition: each subscriber may have the day's email at their own hour, and a
-- send's rows wait in the ledger until they are due.

-- `delivery` is the local time of day they want it, 'HH:MM' (24-hour); NULL is "as soon as
-- it is out", what every existing subscriber keeps. `zone` is the IANA zone that time is
-- read in; it is kept when they go back to asap, so the form offers it again.
ALTER TABLE subscribers ADD COLUMN delivery TEXT;
ALTER TABLE subscribers ADD COLUMN zone TEXT;

-- When a row may go out (epoch ms); NULL: at once. A pending row with a due time still ahead
-- is what the send's counts call `scheduled`. A column, not a new status: adding a status
-- would rebuild the ledger's table (its CHECK), and a due row is pending like any other.
ALTER TABLE deliveries ADD COLUMN due_at INTEGER;
-- The next due time of a send and its scheduled count read only the rows still waiting.
CREATE INDEX deliveries_due ON deliveries (send_id, due_at) WHERE status = 'pending' AND due_at IS NOT NULL;
-- A claim looks up its subscriber's rows in the earlier days' sends still running (nobody
-- gets D+1 before D); those few sends are found here, not by reading every send ever made.
CREATE INDEX sends_running ON sends (date) WHERE status = 'sending';
