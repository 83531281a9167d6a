// Statements for bounce and complaint effects on subscribers and deliveries, and the SNS
// replay guard. What a notification means is decided in src/webhooks/ses-notification.ts.
import { skipRowsOfLeaverStatement } from "./deliveries.ts";
import type { SubscriberStatus } from "./subscribers.ts";

/** True the first time a message id is seen; false for a replay. */
export async function recordSnsMessage(db: D1Database, messageId: string, now: number): Promise<boolean> {
  const row = await db.prepare("INSERT INTO sns_messages (message_id, received_at) VALUES (?1, ?2) ON CONFLICT DO NOTHING RETURNING message_id").bind(messageId, now).first();
  return row !== null;
}

export async function forgetSnsMessage(db: D1Database, messageId: string): Promise<void> {
  await db.prepare("DELETE FROM sns_messages WHERE message_id = ?1").bind(messageId).run();
}

/**
 * Replay records old enough that the message itself would now be refused as stale (SNS
 * messages are accepted for an hour, and up to five minutes early): nothing left to guard.
 */
export async function pruneSnsMessages(db: D1Database, receivedBefore: number): Promise<number> {
  const result = await db.prepare("DELETE FROM sns_messages WHERE received_at < ?1").bind(receivedBefore).run();
  return result.meta.changes;
}

/** The subscriber an SES message went to, found by the message id SES gave the send. */
export async function subscriberOfMessage(db: D1Database, sesMessageId: string): Promise<number | undefined> {
  const row = await db.prepare("SELECT subscriber_id FROM deliveries WHERE message_id = ?1 AND subscriber_id IS NOT NULL").bind(sesMessageId).first<{ subscriber_id: number }>();
  return row?.subscriber_id;
}

export async function subscriberIdByEmail(db: D1Database, email: string): Promise<number | undefined> {
  const row = await db.prepare("SELECT id FROM subscribers WHERE email = ?1").bind(email).first<{ id: number }>();
  return row?.id;
}

/** Marks the subscriber bounced, unless their status is one of `keep`. */
export async function markBounced(db: D1Database, id: number, now: number, keep: readonly SubscriberStatus[]): Promise<void> {
  await db.batch([
    db.prepare("UPDATE subscribers SET status = 'bounced', bounced_at = ?2, updated_at = ?2 WHERE id = ?1 AND status NOT IN (SELECT value FROM json_each(?3))").bind(id, now, JSON.stringify(keep)),
    skipRowsOfLeaverStatement(db, id, now),
  ]);
}

export async function markComplained(db: D1Database, id: number, now: number): Promise<void> {
  await db.batch([
    db.prepare("UPDATE subscribers SET status = 'complained', complained_at = ?2, updated_at = ?2 WHERE id = ?1").bind(id, now),
    skipRowsOfLeaverStatement(db, id, now),
  ]);
}

/** Counts a transient bounce (the count starts again when the last one is older than `windowMs`); returns the count. */
export async function countTransientBounce(db: D1Database, id: number, now: number, windowMs: number): Promise<number> {
  const row = await db
    .prepare(
      `UPDATE subscribers SET
         transient_bounces = CASE WHEN transient_bounce_at IS NULL OR transient_bounce_at < ?3 THEN 1 ELSE transient_bounces + 1 END,
         transient_bounce_at = ?2, updated_at = ?2
       WHERE id = ?1 RETURNING transient_bounces`,
    )
    .bind(id, now, now - windowMs)
    .first<{ transient_bounces: number }>();
  return row?.transient_bounces ?? 0;
}

export async function noteDeliveryEvent(db: D1Database, sesMessageId: string, note: string): Promise<void> {
  await db.prepare("UPDATE deliveries SET error = ?2 WHERE message_id = ?1").bind(sesMessageId, note).run();
}
