-- An Idempotency-Key's request holds a random claim; the send it makes carries that claim,
-- written by the statement that creates the send, which runs only while the claim is held.
-- A key is freed early only while no send carries its claim: a key can never make two sends.
ALTER TABLE idempotency_keys ADD COLUMN claim TEXT;
CREATE UNIQUE INDEX idempotency_keys_claim ON idempotency_keys (claim);
ALTER TABLE sends ADD COLUMN idempotency_claim TEXT;
CREATE INDEX sends_idempotency_claim ON sends (idempotency_claim) WHERE idempotency_claim IS NOT NULL;
