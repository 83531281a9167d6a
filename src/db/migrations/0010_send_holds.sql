-- A send held by Herald rather than by an author: 'ses' while the circuit breaker waits for
-- SES to answer again (status 'paused', shown as 'waiting'); cleared by any status change.
ALTER TABLE sends ADD COLUMN hold TEXT;
-- Since when the send's open rows stopped moving (its watch put them back on the queue);
-- NULL while it moves.
ALTER TABLE sends ADD COLUMN stalled_since INTEGER;
