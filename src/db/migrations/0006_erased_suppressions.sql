-- Addresses erased after a complaint or a hard bounce are remembered only as a SHA-256 of
-- the lower-cased address, so an import can never bring them back, while the address
-- itself is gone.
CREATE TABLE erased_suppressions (
  hash TEXT PRIMARY KEY,
  reason TEXT NOT NULL CHECK (reason IN ('bounced', 'complained')),
  created_at INTEGER NOT NULL
);
