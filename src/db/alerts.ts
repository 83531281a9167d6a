// Alert records: the unique (send, cause) key makes each alert go out once.

/** Records the alert; false if this send already had one for this cause. */
export async function recordAlert(db: D1Database, sendId: number, cause: string, now: number): Promise<boolean> {
  const row = await db
    .prepare("INSERT INTO alerts (send_id, cause, created_at) VALUES (?1, ?2, ?3) ON CONFLICT (send_id, cause) DO NOTHING RETURNING id")
    .bind(sendId, cause, now)
    .first();
  return row !== null;
}

export async function markAlertSent(db: D1Database, sendId: number, cause: string, now: number, error?: string): Promise<void> {
  await db.prepare("UPDATE alerts SET sent_at = CASE WHEN ?4 IS NULL THEN ?3 END, error = ?4 WHERE send_id = ?1 AND cause = ?2").bind(sendId, cause, now, error ?? null).run();
}

export async function alertsOf(db: D1Database, sendId: number): Promise<{ cause: string; sentAt: number | null; error: string | null }[]> {
  const { results } = await db.prepare("SELECT cause, sent_at, error FROM alerts WHERE send_id = ?1 ORDER BY id").bind(sendId).all<{ cause: string; sent_at: number | null; error: string | null }>();
  return results.map((r) => ({ cause: r.cause, sentAt: r.sent_at, error: r.error }));
}
