// Fixed-window counters in D1, for per-client limits.

/** Counts one hit for `key` in the current window and returns the count and the window's end. */
export async function countHit(db: D1Database, key: string, windowMs: number, now: number): Promise<{ count: number; resetAt: number }> {
  const windowStart = now - (now % windowMs);
  const row = await db
    .prepare(
      `INSERT INTO rate_limits (key, window_start, count) VALUES (?1, ?2, 1)
       ON CONFLICT (key, window_start) DO UPDATE SET count = count + 1
       RETURNING count`,
    )
    .bind(key, windowStart)
    .first<{ count: number }>();
  // Old windows are of no use; dropping them here keeps the table small. Keys have windows
  // of their own lengths, so this key's old windows go, and anyone's older than two days.
  await db
    .prepare("DELETE FROM rate_limits WHERE (key = ?1 AND window_start < ?2) OR window_start < ?3")
    .bind(key, windowStart, now - 2 * 86_400_000)
    .run();
  return { count: row!.count, resetAt: windowStart + windowMs };
}

/** The hits counted for `key` in the current window so far, counting none. */
export async function peekHits(db: D1Database, key: string, windowMs: number, now: number): Promise<{ count: number; resetAt: number }> {
  const windowStart = now - (now % windowMs);
  const row = await db.prepare("SELECT count FROM rate_limits WHERE key = ?1 AND window_start = ?2").bind(key, windowStart).first<{ count: number }>();
  return { count: row?.count ?? 0, resetAt: windowStart + windowMs };
}
