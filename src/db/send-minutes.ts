// Messages a send delivered per minute, from its ledger: a sent row's updated_at is when its
// SES call was answered, so grouping those by minute is the send's pace over its life.
// Reads through deliveries_send_status (send_id, status, updated_at): only the send's sent rows.

export interface MinuteCount {
  /** The minute's start, ms since the epoch (UTC minutes, which are every zone's minutes). */
  minuteMs: number;
  count: number;
}

export async function sentPerMinute(db: D1Database, sendId: number): Promise<MinuteCount[]> {
  const { results } = await db
    .prepare("SELECT (updated_at / 60000) * 60000 AS minute_ms, COUNT(*) AS n FROM deliveries WHERE send_id = ?1 AND status = 'sent' GROUP BY minute_ms ORDER BY minute_ms")
    .bind(sendId)
    .all<{ minute_ms: number; n: number }>();
  return results.map((r) => ({ minuteMs: r.minute_ms, count: r.n }));
}
