-- When a row whose fate was unknown was handed back to the queue by resend-unknown. A row is
-- resent at most once: one that comes back unknown after its resend stays unknown.
ALTER TABLE deliveries ADD COLUMN resent_at INTEGER;
