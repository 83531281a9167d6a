// Alert records: the unique (send, cause) key makes each alert go out once; its notice row
// carries the mail itself through the queue.

/** Records the alert; its id, or undefined if this send already had one for this cause. */
export async function recordAlert(db: D1Database, sendId: number, cause: string, message: string, now: number): Promise<number | undefined> {
  const row = await db
    .prepare("INSERT INTO alerts (send_id, cause, message, created_at) VALUES (?1, ?2, ?3, ?4) ON CONFLICT (send_id, cause) DO NOTHING RETURNING id")
    .bind(sendId, cause, message, now)
    .first<{ id: number }>();
  return row?.id;
}

export interface AlertRecord {
  id: number;
  sendId: number;
  cause: string;
  message: string;
}

export async function findAlert(db: D1Database, id: number): Promise<AlertRecord | undefined> {
  const row = await db.prepare("SELECT id, send_id, cause, message FROM alerts WHERE id = ?1").bind(id).first<{ id: number; send_id: number; cause: string; message: string | null }>();
  return row ? { id: row.id, sendId: row.send_id, cause: row.cause, message: row.message ?? "" } : undefined;
}

export interface AlertView {
  id: number;
  sendId: number;
  cause: string;
  message: string;
  createdAt: number;
  /** pending (waiting for or retrying SES), sending, sent, failed (given up), or none (no notice: ALERT_TO unset). */
  state: string;
  attempts: number;
  sentAt: number | null;
  error: string | null;
}

const ALERT_VIEW = `SELECT a.id, a.send_id, a.cause, a.message, a.created_at, a.sent_at, COALESCE(a.error, n.error) AS error,
  COALESCE(n.status, 'none') AS state, COALESCE(n.attempts, 0) AS attempts
  FROM alerts a LEFT JOIN notices n ON n.kind = 'alert' AND n.alert_id = a.id`;

interface AlertViewRow {
  id: number;
  send_id: number;
  cause: string;
  message: string | null;
  created_at: number;
  sent_at: number | null;
  error: string | null;
  state: string;
  attempts: number;
}

const toView = (r: AlertViewRow): AlertView => ({
  id: r.id,
  sendId: r.send_id,
  cause: r.cause,
  message: r.message ?? "",
  createdAt: r.created_at,
  state: r.state,
  attempts: r.attempts,
  sentAt: r.sent_at,
  error: r.error,
});

/** The newest alerts first, a page at a time (`before` an id). */
export async function listAlerts(db: D1Database, before: number, limit: number): Promise<AlertView[]> {
  const { results } = await db.prepare(`${ALERT_VIEW} WHERE a.id < ?1 ORDER BY a.id DESC LIMIT ?2`).bind(before, limit).all<AlertViewRow>();
  return results.map(toView);
}
