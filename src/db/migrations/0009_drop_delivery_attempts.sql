-- deliveries.attempts was counted on every claim and never read: the queue's own attempt
-- count drives the backoff, and the ledger's status says what became of a row.
ALTER TABLE deliveries DROP COLUMN attempts;
