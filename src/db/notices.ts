// Notice rows: transactional mail waiting for, taking, or done with its turn at SES.

export type NoticeKind = "confirmation" | "alert" | "welcome";
export type NoticeStatus = "pending" | "sending" | "sent" | "failed" | "skipped";

export interface Notice {
  id: number;
  kind: NoticeKind;
  subscriberId: number | null;
  alertId: number | null;
  /** A welcome: the event it catches up on. */
  event: string | null;
  recipient: string;
  requestedAt: number;
  attempts: number;
}

interface NoticeRow {
  id: number;
  kind: NoticeKind;
  subscriber_id: number | null;
  alert_id: number | null;
  event: string | null;
  recipient: string;
  requested_at: number;
  attempts: number;
}

const toNotice = (r: NoticeRow): Notice => ({
  id: r.id,
  kind: r.kind,
  subscriberId: r.subscriber_id,
  alertId: r.alert_id,
  event: r.event,
  recipient: r.recipient,
  requestedAt: r.requested_at,
  attempts: r.attempts,
});

export type NewNotice =
  | { kind: "confirmation"; subscriberId: number }
  | { kind: "alert"; alertId: number }
  | { kind: "welcome"; subscriberId: number; event: string };

/**
 * One notice, pending from `now`: a confirmation for a subscriber, an alert's mail, or a
 * welcome for a subscriber and an event. A welcome is made at most once per subscriber and
 * event (the unique index notices_welcome decides, whatever races): undefined if it exists.
 */
export async function insertNotice(db: D1Database, notice: Extract<NewNotice, { kind: "welcome" }>, recipient: string, now: number): Promise<number | undefined>;
export async function insertNotice(db: D1Database, notice: Exclude<NewNotice, { kind: "welcome" }>, recipient: string, now: number): Promise<number>;
export async function insertNotice(db: D1Database, notice: NewNotice, recipient: string, now: number): Promise<number | undefined> {
  const row = await db
    .prepare(
      `INSERT INTO notices (kind, subscriber_id, alert_id, event, recipient, requested_at, status, next_attempt_at, enqueued_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'pending', ?6, ?6)
       ON CONFLICT DO NOTHING RETURNING id`,
    )
    .bind(notice.kind, notice.kind === "alert" ? null : notice.subscriberId, notice.kind === "alert" ? notice.alertId : null, notice.kind === "welcome" ? notice.event : null, recipient, now)
    .first<{ id: number }>();
  return row?.id;
}

/** One confirmation per address (already on the list, pending), all of one import. */
export async function insertImportConfirmations(db: D1Database, emails: readonly string[], batch: string, now: number): Promise<number[]> {
  const { results } = await db
    .prepare(
      `INSERT INTO notices (kind, subscriber_id, recipient, requested_at, batch, status, next_attempt_at, enqueued_at)
       SELECT 'confirmation', id, email, ?2, ?3, 'pending', ?2, ?2 FROM subscribers
       WHERE email IN (SELECT value FROM json_each(?1)) AND status = 'pending'
       RETURNING id`,
    )
    .bind(JSON.stringify(emails), now, batch)
    .all<{ id: number }>();
  return results.map((r) => r.id);
}

/** Takes the due, unleased notices among `ids` for this run (token), for `leaseMs`. */
export async function claimNotices(db: D1Database, ids: readonly number[], token: string, now: number, leaseMs: number): Promise<Notice[]> {
  const { results } = await db
    .prepare(
      `UPDATE notices SET status = 'sending', claim_token = ?2, lease_until = ?3 + ?4, attempts = attempts + 1
       WHERE id IN (SELECT value FROM json_each(?1)) AND status = 'pending' AND next_attempt_at <= ?3
       RETURNING id, kind, subscriber_id, alert_id, event, recipient, requested_at, attempts`,
    )
    .bind(JSON.stringify(ids), token, now, leaseMs)
    .all<NoticeRow>();
  return results.map(toNotice);
}

export type NoticeOutcome =
  | { id: number; status: "sent"; messageId: string }
  | { id: number; status: "failed" | "skipped"; error: string }
  | { id: number; status: "pending"; error: string; retryAt: number };

/** Records what became of claimed notices; only rows this run still holds change. */
export async function recordNoticeOutcomes(db: D1Database, token: string, outcomes: readonly NoticeOutcome[], now: number): Promise<void> {
  if (outcomes.length === 0) return;
  await db.batch(
    outcomes.map((o) =>
      db
        .prepare(
          `UPDATE notices SET status = ?3, claim_token = NULL, lease_until = NULL,
             sent_at = CASE WHEN ?3 = 'sent' THEN ?4 END, message_id = ?5, error = ?6,
             next_attempt_at = COALESCE(?7, next_attempt_at)
           WHERE id = ?1 AND claim_token = ?2 AND status = 'sending'`,
        )
        .bind(o.id, token, o.status, now, o.status === "sent" ? o.messageId : null, o.status === "sent" ? null : o.error, o.status === "pending" ? o.retryAt : null),
    ),
  );
  // An alert's own row mirrors its notice, for GET /api/alerts and the send's view.
  const alerts = outcomes.filter((o) => o.status === "sent" || o.status === "failed");
  if (alerts.length) {
    await db.batch(
      alerts.map((o) =>
        db
          .prepare(
            `UPDATE alerts SET sent_at = CASE WHEN ?2 = 'sent' THEN ?3 END, error = ?4
             WHERE id = (SELECT alert_id FROM notices WHERE id = ?1 AND kind = 'alert')`,
          )
          .bind(o.id, o.status, now, o.status === "failed" ? o.error : null),
      ),
    );
  }
}

/** The earliest next attempt among `ids` still open, if any. */
export async function nextNoticeAttempt(db: D1Database, ids: readonly number[]): Promise<number | null> {
  const row = await db
    .prepare("SELECT MIN(CASE WHEN status = 'sending' THEN lease_until ELSE next_attempt_at END) AS at FROM notices WHERE id IN (SELECT value FROM json_each(?1)) AND status IN ('pending', 'sending')")
    .bind(JSON.stringify(ids))
    .first<{ at: number | null }>();
  return row?.at ?? null;
}

/**
 * The sweep: in-flight notices past their lease go back to pending (a lost answer is sent
 * again: a second confirmation or alert is harmless, a missing one is not); notices still
 * open after `giveUpBefore` fail; due notices nobody carried since `staleBefore` are returned
 * to be put back on the queue.
 */
export async function sweepNotices(db: D1Database, now: number, staleBefore: number, giveUpBefore: number): Promise<number[]> {
  const [, , , due] = await db.batch<{ id: number }>([
    db.prepare("UPDATE notices SET status = 'pending', claim_token = NULL, lease_until = NULL WHERE status = 'sending' AND lease_until < ?1").bind(now),
    db
      .prepare(
        `UPDATE alerts SET error = 'SES did not take the alert within a day'
         WHERE id IN (SELECT alert_id FROM notices WHERE kind = 'alert' AND status = 'pending' AND requested_at < ?1)`,
      )
      .bind(giveUpBefore),
    db
      .prepare("UPDATE notices SET status = 'failed', error = 'SES did not take it within a day: ' || COALESCE(error, 'never tried') WHERE status = 'pending' AND requested_at < ?1")
      .bind(giveUpBefore),
    db
      .prepare("UPDATE notices SET enqueued_at = ?1 WHERE status = 'pending' AND next_attempt_at <= ?1 AND (enqueued_at IS NULL OR enqueued_at < ?2) RETURNING id")
      .bind(now, staleBefore),
  ]);
  return (due?.results ?? []).map((r) => r.id);
}

/** A send's alerts still waiting for SES, made due now (SES answers again); returns them, to enqueue. */
export async function hurrySendAlerts(db: D1Database, sendId: number, now: number): Promise<number[]> {
  const { results } = await db
    .prepare(
      `UPDATE notices SET next_attempt_at = ?2, enqueued_at = ?2
       WHERE kind = 'alert' AND status = 'pending' AND alert_id IN (SELECT id FROM alerts WHERE send_id = ?1) RETURNING id`,
    )
    .bind(sendId, now)
    .all<{ id: number }>();
  return results.map((r) => r.id);
}

export async function markNoticesEnqueued(db: D1Database, ids: readonly number[], now: number): Promise<void> {
  await db.prepare("UPDATE notices SET enqueued_at = ?2 WHERE id IN (SELECT value FROM json_each(?1))").bind(JSON.stringify(ids), now).run();
}

export type NoticeCounts = Record<NoticeStatus, number>;

/** Counts by status of one import's confirmations. */
export async function batchCounts(db: D1Database, batch: string): Promise<NoticeCounts> {
  const { results } = await db.prepare("SELECT status, COUNT(*) AS n FROM notices WHERE batch = ?1 GROUP BY status").bind(batch).all<{ status: NoticeStatus; n: number }>();
  const counts: NoticeCounts = { pending: 0, sending: 0, sent: 0, failed: 0, skipped: 0 };
  for (const r of results) counts[r.status] = r.n;
  return counts;
}
