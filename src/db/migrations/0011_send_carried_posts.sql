-- What a daily or manual send carried, so no post goes out in two days' emails and none in
-- none when SEND_AT or TIMEZONE change between days, and the web version it froze, so
-- /emails/:date shows what was sent whatever happens to the content later. Added columns
-- (the status CHECK stays as it is); a send made before this migration has them NULL and
-- is treated as before.
ALTER TABLE sends ADD COLUMN carried_posts TEXT;  -- JSON [{ "slug", "title" }], oldest first; a skipped day's too
ALTER TABLE sends ADD COLUMN cut_off_at INTEGER;  -- the latest publication instant the send took (epoch ms)
ALTER TABLE sends ADD COLUMN web_html TEXT;       -- the web version (no recipient data), from the same posts
