// The delivery ledger's statements: claims, outcomes, counts (bounces.ts notes a bounce on a
// row, subscribers.ts deletes an erased address's rows, sends.ts folds old ones away). A row
// is claimed before SES is called and marked with the outcome after; the statuses'
// WHERE clauses are what keep two consumers from sending the same row.
import { decodeDelivery, type DeliveryTime } from "../content/delivery-time.ts";
import { decodeFollows, type Follows } from "../content/follows.ts";
import { recordPreparedStatement } from "./sends.ts";

export type DeliveryStatus = "pending" | "claimed" | "sending" | "sent" | "failed" | "skipped" | "unknown";

export interface ClaimedDelivery {
  id: number;
  subscriberId: number | null;
  email: string;
  status: "claimed" | "skipped";
  /** Which of the send's variants it gets (send-variants.ts). */
  variant: number;
}

const ids = (list: readonly number[]) => JSON.stringify(list);

/** A send's recipient as its row is made: what they follow, and when they want it. */
export interface Recipient {
  id: number;
  follows: Follows;
  delivery: DeliveryTime;
  zone: string | null;
}

/** The next active subscribers after `afterSubscriberId`: a send's next chunk of recipients. */
export async function activeSubscribersAfter(db: D1Database, afterSubscriberId: number, limit: number): Promise<Recipient[]> {
  const { results } = await db
    .prepare("SELECT id, follows, delivery, zone FROM subscribers WHERE status = 'active' AND id > ?1 ORDER BY id LIMIT ?2")
    .bind(afterSubscriberId, limit)
    .all<{ id: number; follows: string | null; delivery: string | null; zone: string | null }>();
  return results.map((r) => ({ id: r.id, follows: decodeFollows(r.follows), delivery: decodeDelivery(r.delivery), zone: r.zone }));
}

/** A ledger row to make: [subscriber id, variant, due time (epoch ms; null: at once)]. */
export type NewRow = readonly [subscriberId: number, variant: number, dueAt: number | null];

/**
 * One chunk of a send's rows, in one transaction: a row per [subscriber id, variant, due time]
 * (those still active), the variants' recipient counts, and the prepare cursor moved from `from` to
 * `to`. Only the step that finds the cursor at `from` counts and moves it; a step that
 * overlaps it changes nothing (its rows exist already). Returns whether this step moved it.
 */
export async function createDeliveryChunk(
  db: D1Database,
  sendId: number,
  rows: readonly NewRow[],
  cursor: { from: number; to: number; done: boolean },
  now: number,
): Promise<boolean> {
  const atCursor = "EXISTS (SELECT 1 FROM sends WHERE id = ?1 AND prepare_cursor = ?2 AND prepared = 0)";
  const results = await db.batch([
    db
      .prepare(
        `INSERT OR IGNORE INTO deliveries (send_id, subscriber_id, email, status, updated_at, variant, due_at)
         SELECT ?1, s.id, s.email, 'pending', ?3, json_extract(j.value, '$[1]'), json_extract(j.value, '$[2]')
         -- CROSS JOIN keeps json_each outside: one primary-key lookup per row, in the list's
         -- (subscriber id) order, where the planner would scan every active subscriber per row.
         FROM json_each(?2) j CROSS JOIN subscribers s ON s.id = json_extract(j.value, '$[0]')
         WHERE s.status = 'active' AND ${atCursor.replace("?2", "?4")}`,
      )
      .bind(sendId, JSON.stringify(rows), now, cursor.from),
    db
      .prepare(
        `UPDATE send_variants SET recipients = recipients + (
           SELECT COUNT(*) FROM deliveries d WHERE d.send_id = ?1 AND d.subscriber_id > ?2 AND d.subscriber_id <= ?3 AND d.variant = send_variants.variant)
         WHERE send_id = ?1 AND ${atCursor}`,
      )
      .bind(sendId, cursor.from, cursor.to),
    recordPreparedStatement(db, sendId, cursor.from, cursor.to, cursor.done, now),
  ]);
  return results[2]!.meta.changes === 1;
}

export async function createTestDeliveries(db: D1Database, sendId: number, emails: readonly string[], now: number): Promise<number> {
  const result = await db
    .prepare(
      `INSERT OR IGNORE INTO deliveries (send_id, subscriber_id, email, status, updated_at)
       SELECT ?1, NULL, value, 'pending', ?2 FROM json_each(?3)`,
    )
    .bind(sendId, now, JSON.stringify(emails))
    .run();
  return result.meta.changes;
}

// A pending row may be taken once it is due: it has no due time, or its time has come.
const DUE = (nowParam: string) => `(due_at IS NULL OR due_at <= ${nowParam})`;

/**
 * Pending rows after `afterId`, oldest first, due by `now`, that no queue message has carried
 * since `staleBefore` (or since they came due: a message that carried one early could not take it).
 */
export async function pendingDeliveryIds(db: D1Database, sendId: number, afterId: number, limit: number, staleBefore: number, now: number): Promise<number[]> {
  const { results } = await db
    .prepare(
      `SELECT id FROM deliveries WHERE send_id = ?1 AND status = 'pending' AND id > ?2 AND ${DUE("?5")}
         AND (enqueued_at IS NULL OR enqueued_at < ?4 OR enqueued_at < due_at)
       ORDER BY id LIMIT ?3`,
    )
    .bind(sendId, afterId, limit, staleBefore, now)
    .all<{ id: number }>();
  return results.map((r) => r.id);
}

/**
 * Rows whose due time has come by `now` and that no message carried since: what the send's
 * watch puts on the queue when it wakes at a due time. Read through the index of waiting rows
 * (deliveries_due), so a look costs the rows that came due, not the send's whole ledger.
 */
export async function cameDueIds(db: D1Database, sendId: number, now: number, afterId: number, limit: number): Promise<number[]> {
  const { results } = await db
    .prepare(
      `SELECT id FROM deliveries INDEXED BY deliveries_due
       WHERE send_id = ?1 AND status = 'pending' AND due_at IS NOT NULL AND due_at <= ?2 AND id > ?3
         AND (enqueued_at IS NULL OR enqueued_at < due_at)
       ORDER BY id LIMIT ?4`,
    )
    .bind(sendId, now, afterId, limit)
    .all<{ id: number }>();
  return results.map((r) => r.id);
}

/** The first due time after `now` among a send's rows waiting for theirs (one index probe). */
export async function nextDueAt(db: D1Database, sendId: number, now: number): Promise<number | null> {
  const row = await db
    .prepare("SELECT MIN(due_at) AS next FROM deliveries INDEXED BY deliveries_due WHERE send_id = ?1 AND status = 'pending' AND due_at IS NOT NULL AND due_at > ?2")
    .bind(sendId, now)
    .first<{ next: number | null }>();
  return row?.next ?? null;
}

/** A send's rows waiting for their time after `now`: how many, and the first and last due time. */
export async function scheduledRows(db: D1Database, sendId: number, now: number): Promise<{ count: number; next: number | null; last: number | null }> {
  const row = await db
    .prepare(
      `SELECT COUNT(*) AS n, MIN(due_at) AS next, MAX(due_at) AS last FROM deliveries INDEXED BY deliveries_due
       WHERE send_id = ?1 AND status = 'pending' AND due_at IS NOT NULL AND due_at > ?2`,
    )
    .bind(sendId, now)
    .first<{ n: number; next: number | null; last: number | null }>();
  return { count: row?.n ?? 0, next: row?.next ?? null, last: row?.last ?? null };
}

export async function markEnqueued(db: D1Database, deliveryIds: readonly number[], now: number): Promise<void> {
  await db.prepare("UPDATE deliveries SET enqueued_at = ?2 WHERE id IN (SELECT value FROM json_each(?1))").bind(ids(deliveryIds), now).run();
}

/** Which sends a run may work on: a sending one, or (for the probe) one held for SES. */
export type RunScope = "sending" | "probe";

const sendOpen = (sendRef: string, scopeParam: string) =>
  `EXISTS (SELECT 1 FROM sends WHERE sends.id = ${sendRef} AND (sends.status = 'sending' OR (${scopeParam} = 'probe' AND sends.status = 'paused' AND sends.hold = 'ses')))`;

/**
 * Claims up to `limit` of the rows that are pending (or claimed by a consumer whose lease
 * ran out before it called SES) and due, lowest ids first, re-checking each subscriber: one
 * who is no longer active is skipped (and counts against the limit). A subscriber's row is
 * not taken while their row of an earlier day's running send is still open: nobody gets
 * D+1's email before D's, whatever their due times and the queue's order (a paused or
 * cancelled earlier send holds nobody back: an author stopped it). Fewer than `limit` back means
 * nothing claimable is left among `deliveryIds`. (`+send_id`: rows are found by id; without
 * ANALYZE statistics, as in D1, SQLite would otherwise walk every row of the send through the
 * (send_id, subscriber_id) index, for each claim.)
 */
export async function claimDeliveries(db: D1Database, sendId: number, deliveryIds: readonly number[], now: number, leaseMs: number, token: string, limit: number, scope: RunScope = "sending"): Promise<ClaimedDelivery[]> {
  const { results } = await db
    .prepare(
      `UPDATE deliveries SET
         status = CASE WHEN subscriber_id IS NULL OR (SELECT s.status FROM subscribers s WHERE s.id = deliveries.subscriber_id) = 'active'
                       THEN 'claimed' ELSE 'skipped' END,
         error = CASE WHEN subscriber_id IS NULL OR (SELECT s.status FROM subscribers s WHERE s.id = deliveries.subscriber_id) = 'active'
                      THEN error ELSE 'not an active subscriber at send time' END,
         lease_until = ?3 + ?4, updated_at = ?3, claim_token = ?5
       WHERE id IN (SELECT d.id FROM deliveries d WHERE +d.send_id = ?1 AND d.id IN (SELECT value FROM json_each(?2))
                      AND (d.status = 'pending' OR (d.status = 'claimed' AND d.lease_until <= ?3))
                      AND (d.due_at IS NULL OR d.due_at <= ?3)
                      AND (d.subscriber_id IS NULL OR NOT EXISTS (
                        -- The earlier running sends, listed once per statement (index sends_running), then
                        -- the subscriber's row in each by the (send_id, subscriber_id) key.
                        SELECT 1 FROM deliveries e
                        WHERE e.send_id IN (SELECT id FROM sends WHERE status = 'sending' AND date < (SELECT date FROM sends WHERE id = ?1) AND kind <> 'test')
                          AND e.subscriber_id = d.subscriber_id AND e.status IN ('pending', 'claimed', 'sending')))
                    ORDER BY d.id LIMIT ?6)
         AND ${sendOpen("?1", "?7")}
       RETURNING id, subscriber_id, email, status, variant`,
    )
    .bind(sendId, ids(deliveryIds), now, leaseMs, token, limit, scope)
    .all<{ id: number; subscriber_id: number | null; email: string; status: "claimed" | "skipped"; variant: number }>();
  return results.map((r) => ({ id: r.id, subscriberId: r.subscriber_id, email: r.email, status: r.status, variant: r.variant })).sort((a, b) => a.id - b.id);
}

/**
 * These rows' SES calls start within the next few tens of milliseconds: from here on a lost
 * answer means `unknown`. Only rows this claim still holds (token, live lease) of a send the
 * run may still work on are marked; returns them.
 */
export async function markSending(db: D1Database, deliveryIds: readonly number[], token: string, now: number, leaseMs: number, scope: RunScope = "sending"): Promise<number[]> {
  const { results } = await db
    .prepare(
      `UPDATE deliveries SET status = 'sending', lease_until = ?3 + ?4, updated_at = ?3
       WHERE id IN (SELECT value FROM json_each(?1)) AND status = 'claimed' AND claim_token = ?2 AND lease_until > ?3
         AND ${sendOpen("deliveries.send_id", "?5")}
       RETURNING id`,
    )
    .bind(ids(deliveryIds), token, now, leaseMs, scope)
    .all<{ id: number }>();
  return results.map((r) => r.id);
}

/** Rows this claim marked in flight but did not hand to SES after all: claimed again. */
export async function unmarkSending(db: D1Database, deliveryIds: readonly number[], token: string, now: number): Promise<void> {
  if (deliveryIds.length === 0) return;
  await db
    .prepare("UPDATE deliveries SET status = 'claimed', updated_at = ?3 WHERE id IN (SELECT value FROM json_each(?1)) AND status = 'sending' AND claim_token = ?2")
    .bind(ids(deliveryIds), token, now)
    .run();
}

/** Failed rows of a send whose subscribers are still active go back to pending; returns how many. */
export async function retryFailed(db: D1Database, sendId: number, now: number): Promise<number> {
  const result = await db
    .prepare(
      `UPDATE deliveries SET status = 'pending', enqueued_at = NULL, updated_at = ?2, error = 'retrying after: ' || COALESCE(error, '')
       WHERE send_id = ?1 AND status = 'failed'
         AND (subscriber_id IS NULL OR (SELECT s.status FROM subscribers s WHERE s.id = deliveries.subscriber_id) = 'active')`,
    )
    .bind(sendId, now)
    .run();
  return result.meta.changes;
}

/** What SES answered for one row in flight: sent, final, or not taken (pending again). */
export type DeliveryOutcome =
  | { id: number; status: "sent"; messageId: string }
  | { id: number; status: "failed" | "unknown"; error: string }
  | { id: number; status: "pending"; error: string };

/** Claimed rows whose message could not even be made (e.g. an address stored before a stricter rule): failed, with why. */
export async function failClaimed(db: D1Database, failures: readonly { id: number; error: string }[], token: string, now: number): Promise<void> {
  if (failures.length === 0) return;
  await db
    .prepare(
      `UPDATE deliveries SET status = 'failed', error = substr(json_extract(f.value, '$.error'), 1, 500), lease_until = NULL, updated_at = ?3
       FROM json_each(?1) AS f
       WHERE deliveries.id = json_extract(f.value, '$.id') AND deliveries.status = 'claimed' AND deliveries.claim_token = ?2`,
    )
    .bind(JSON.stringify(failures), token, now)
    .run();
}

/**
 * Records SES's answers for rows this claim put in flight, in one statement. A row goes back
 * to pending only when SES certainly did not take the message (throttled, the account
 * refused, or the request never left).
 */
export async function recordOutcomes(db: D1Database, token: string, outcomes: readonly DeliveryOutcome[], now: number): Promise<void> {
  if (outcomes.length === 0) return;
  await db
    .prepare(
      `UPDATE deliveries SET
         status = o.status,
         message_id = CASE WHEN o.status = 'sent' THEN o.message_id ELSE deliveries.message_id END,
         error = CASE WHEN o.status = 'sent' THEN deliveries.error ELSE substr(o.error, 1, 500) END,
         lease_until = NULL, updated_at = ?3,
         enqueued_at = CASE WHEN o.status = 'pending' THEN NULL ELSE deliveries.enqueued_at END,
         claim_token = CASE WHEN o.status = 'pending' THEN NULL ELSE deliveries.claim_token END
       FROM (SELECT json_extract(value, '$.id') AS id, json_extract(value, '$.status') AS status,
                    json_extract(value, '$.messageId') AS message_id, json_extract(value, '$.error') AS error FROM json_each(?1)) AS o
       WHERE deliveries.id = o.id AND deliveries.status = 'sending' AND deliveries.claim_token = ?2`,
    )
    .bind(JSON.stringify(outcomes), token, now)
    .run();
}

/** Rows this claim took and never handed to SES go back to pending, for any consumer. */
export async function releaseClaimed(db: D1Database, deliveryIds: readonly number[], token: string, error: string, now: number): Promise<void> {
  if (deliveryIds.length === 0) return;
  await db
    .prepare(
      `UPDATE deliveries SET status = 'pending', error = ?3, lease_until = NULL, enqueued_at = NULL, claim_token = NULL, updated_at = ?4
       WHERE id IN (SELECT value FROM json_each(?1)) AND status = 'claimed' AND claim_token = ?2`,
    )
    .bind(ids(deliveryIds), token, error, now)
    .run();
}

/** Claims whose consumer went away before calling SES: pending again, for any consumer. */
export async function releaseExpiredClaims(db: D1Database, sendId: number, now: number): Promise<number> {
  const result = await db
    .prepare(
      `UPDATE deliveries SET status = 'pending', lease_until = NULL, enqueued_at = NULL, claim_token = NULL, updated_at = ?2
       WHERE send_id = ?1 AND status = 'claimed' AND lease_until <= ?2`,
    )
    .bind(sendId, now)
    .run();
  return result.meta.changes;
}

/** In-flight rows whose lease ran out: their SES call never reported back. `ids`: only those rows (found by id), else the whole send. */
export async function expireInFlight(db: D1Database, sendId: number, deliveryIds: readonly number[] | "all", now: number): Promise<number> {
  const set = "status = 'unknown', error = 'the SES call never reported back (consumer lost); not re-sent', lease_until = NULL, updated_at = ?2";
  const statement =
    deliveryIds === "all"
      ? db.prepare(`UPDATE deliveries SET ${set} WHERE send_id = ?1 AND status = 'sending' AND lease_until <= ?2`).bind(sendId, now)
      : db.prepare(`UPDATE deliveries SET ${set} WHERE id IN (SELECT value FROM json_each(?3)) AND +send_id = ?1 AND status = 'sending' AND lease_until <= ?2`).bind(sendId, now, ids(deliveryIds));
  return (await statement.run()).meta.changes;
}

/**
 * Rows among `deliveryIds` not yet final and due by `now`, with the earliest time one may be
 * taken again. (A row not due yet is the watch's to put on the queue when it is.)
 */
export async function openDeliveries(db: D1Database, deliveryIds: readonly number[], now: number): Promise<{ pending: number; leasedUntil: number | null }> {
  const row = await db
    .prepare(
      `SELECT SUM(status = 'pending' AND ${DUE("?2")}) AS pending, MIN(CASE WHEN status IN ('claimed', 'sending') THEN lease_until END) AS leased_until
       FROM deliveries WHERE id IN (SELECT value FROM json_each(?1))`,
    )
    .bind(ids(deliveryIds), now)
    .first<{ pending: number | null; leased_until: number | null }>();
  return { pending: row?.pending ?? 0, leasedUntil: row?.leased_until ?? null };
}

export type DeliveryCounts = Record<DeliveryStatus, number>;

export async function deliveryCounts(db: D1Database, sendId: number): Promise<DeliveryCounts> {
  const { results } = await db.prepare("SELECT status, COUNT(*) AS n FROM deliveries WHERE send_id = ?1 GROUP BY status").bind(sendId).all<{ status: DeliveryStatus; n: number }>();
  const counts: DeliveryCounts = { pending: 0, claimed: 0, sending: 0, sent: 0, failed: 0, skipped: 0, unknown: 0 };
  for (const r of results) counts[r.status] = r.n;
  return counts;
}

export async function sentSince(db: D1Database, sendId: number, since: number): Promise<number> {
  const row = await db.prepare("SELECT COUNT(*) AS n FROM deliveries WHERE send_id = ?1 AND status = 'sent' AND updated_at > ?2").bind(sendId, since).first<{ n: number }>();
  return row?.n ?? 0;
}

/**
 * Rows of a cancelled send still open (put back by a run that raced the cancel): skipped.
 * The send is read first: in one statement, SQLite walked every open row of the send (through
 * the status index) to test the send's status for each, on every batch of a running send.
 */
export async function skipOpenIfCancelled(db: D1Database, sendId: number, now: number): Promise<number> {
  const send = await db.prepare("SELECT status FROM sends WHERE id = ?1").bind(sendId).first<{ status: string }>();
  if (send?.status !== "cancelled") return 0;
  return skipOpen(db, sendId, "cancelled", now);
}

/** How many of a send's rows are not final yet and due by `now` (pending, claimed or in flight); rows waiting for their time are not counted. */
export async function openCount(db: D1Database, sendId: number, now: number): Promise<number> {
  const row = await db
    // Two counts, each through the (send_id, status) index: an OR of them walked every row of the send.
    .prepare(
      `SELECT (SELECT COUNT(*) FROM deliveries WHERE send_id = ?1 AND status IN ('claimed', 'sending'))
            + (SELECT COUNT(*) FROM deliveries WHERE send_id = ?1 AND status = 'pending' AND ${DUE("?2")}) AS n`,
    )
    .bind(sendId, now)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

/** A cancelled send's rows that never went out. */
export async function skipOpen(db: D1Database, sendId: number, reason: string, now: number): Promise<number> {
  const result = await db
    .prepare("UPDATE deliveries SET status = 'skipped', error = ?2, lease_until = NULL, updated_at = ?3 WHERE send_id = ?1 AND status IN ('pending', 'claimed')")
    .bind(sendId, reason, now)
    .run();
  return result.meta.changes;
}

/** Deletes up to `limit` delivery rows of a send (after its counts were kept); returns how many. */
export async function deleteDeliveries(db: D1Database, sendId: number, limit: number): Promise<number> {
  const result = await db
    .prepare("DELETE FROM deliveries WHERE id IN (SELECT id FROM deliveries WHERE send_id = ?1 ORDER BY id LIMIT ?2)")
    .bind(sendId, limit)
    .run();
  return result.meta.changes;
}

// --- Resolving unknown rows: resend-unknown and SES's own events (appended; see
// src/sending/resend-unknown.ts and src/webhooks/settle-delivery.ts for the rules).

/** Why a send's unknown rows would be, or were, left alone by resend-unknown. */
export interface UnknownRows {
  /** Unknown, never resent, subscriber still active (or a test send's address). */
  resendable: number;
  alreadyResent: number;
  notActive: number;
}

// Never NULL, so NOT of it is the rows it leaves out (a subscriber row that is gone counts as not active).
const ACTIVE_OR_TEST = "(subscriber_id IS NULL OR COALESCE((SELECT s.status FROM subscribers s WHERE s.id = deliveries.subscriber_id) = 'active', 0))";

export async function countUnknownRows(db: D1Database, sendId: number): Promise<UnknownRows> {
  const row = await db
    .prepare(
      `SELECT SUM(resent_at IS NULL AND ${ACTIVE_OR_TEST}) AS resendable,
              SUM(resent_at IS NOT NULL) AS already_resent,
              SUM(resent_at IS NULL AND NOT ${ACTIVE_OR_TEST}) AS not_active
       FROM deliveries WHERE send_id = ?1 AND status = 'unknown'`,
    )
    .bind(sendId)
    .first<{ resendable: number | null; already_resent: number | null; not_active: number | null }>();
  return { resendable: row?.resendable ?? 0, alreadyResent: row?.already_resent ?? 0, notActive: row?.not_active ?? 0 };
}

/** Unknown rows never resent, whose subscriber is still active, go back to pending, marked resent; returns how many. */
export async function resendUnknown(db: D1Database, sendId: number, now: number): Promise<number> {
  const result = await db
    .prepare(
      `UPDATE deliveries SET status = 'pending', resent_at = ?2, enqueued_at = NULL, lease_until = NULL, claim_token = NULL, updated_at = ?2,
         error = 'resent after: ' || COALESCE(error, '')
       WHERE send_id = ?1 AND status = 'unknown' AND resent_at IS NULL AND ${ACTIVE_OR_TEST}`,
    )
    .bind(sendId, now)
    .run();
  return result.meta.changes;
}

/**
 * SES says it took a copy of this row: a row not yet final becomes sent with SES's message id.
 * That is an unknown row, one still in flight (the event can come before the call's answer,
 * or instead of an answer that was lost), and one waiting to go out again after a resend (the
 * copy SES took makes a second one needless). The consumer's own writes all require the row
 * to be claimed or in flight under its token, so none of them can undo this. A final row
 * (sent, failed, skipped) is left alone; returns whether the row was settled.
 */
export async function settleDelivery(db: D1Database, sendId: number, deliveryId: number, sesMessageId: string, note: string, now: number): Promise<boolean> {
  const row = await db
    .prepare(
      `UPDATE deliveries SET status = 'sent', message_id = ?3, error = ?4, lease_until = NULL, claim_token = NULL, updated_at = ?5
       WHERE id = ?2 AND send_id = ?1 AND status IN ('unknown', 'sending', 'claimed', 'pending')
       RETURNING id`,
    )
    .bind(sendId, deliveryId, sesMessageId, note.slice(0, 500), now)
    .first<{ id: number }>();
  return row !== null;
}

// --- A subscriber's change of choice while a send runs (src/sending/open-rows.ts has the rule).

/**
 * Subscriber ?1's rows not taken yet (pending), in sends that are running or paused, as `d`:
 * through the few open sends and the (send_id, subscriber_id) key, since the ledger has no
 * index by subscriber. Test sends have no subscriber, so none of theirs.
 */
const ROWS_NOT_TAKEN_OF_1 = `FROM sends s CROSS JOIN deliveries d ON d.send_id = s.id AND d.subscriber_id = ?1
       WHERE s.status IN ('sending', 'paused') AND d.status = 'pending'`;

/** A subscriber's rows not taken yet, in sends that are running or paused. */
export async function openRowsOf(db: D1Database, subscriberId: number): Promise<{ id: number; sendId: number; variant: number; dueAt: number | null }[]> {
  const { results } = await db
    .prepare(`SELECT d.id, d.send_id, d.variant, d.due_at ${ROWS_NOT_TAKEN_OF_1}`)
    .bind(subscriberId)
    .all<{ id: number; send_id: number; variant: number; due_at: number | null }>();
  return results.map((r) => ({ id: r.id, sendId: r.send_id, variant: r.variant, dueAt: r.due_at }));
}

/**
 * A row not taken yet gets another variant and due time; the variants' counts follow. Only a
 * row still pending with the variant it was read with changes (a consumer that took it
 * meanwhile sends what it took). Returns whether it changed.
 */
export async function changeOpenRow(db: D1Database, row: { id: number; sendId: number; variant: number }, variant: number, dueAt: number | null, now: number): Promise<boolean> {
  const changed = await db
    .prepare("UPDATE deliveries SET variant = ?3, due_at = ?4, updated_at = ?5 WHERE id = ?1 AND status = 'pending' AND variant = ?2 RETURNING id")
    .bind(row.id, row.variant, variant, dueAt, now)
    .first<{ id: number }>();
  if (changed === null) return false;
  if (variant !== row.variant) {
    await db
      .prepare("UPDATE send_variants SET recipients = recipients + CASE WHEN variant = ?3 THEN 1 ELSE -1 END WHERE send_id = ?1 AND variant IN (?2, ?3)")
      .bind(row.sendId, row.variant, variant)
      .run();
  }
  return true;
}

/**
 * A subscriber who is no longer active (unsubscribed, bounced, complained) has their rows of
 * running or paused sends that are not taken yet skipped now, in the statement's batch with
 * the change of status: a row waiting for its time would otherwise count as `scheduled`
 * until then (the claim would skip it at its time anyway). Does nothing while they are active.
 */
export function skipRowsOfLeaverStatement(db: D1Database, subscriberId: number, now: number): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE deliveries SET status = 'skipped', error = 'not an active subscriber at send time', lease_until = NULL, updated_at = ?2
       WHERE id IN (SELECT d.id ${ROWS_NOT_TAKEN_OF_1})
         AND (SELECT status FROM subscribers WHERE id = ?1) <> 'active'`,
    )
    .bind(subscriberId, now);
}

/** A row not taken yet that its subscriber no longer wants (they stopped following its events): skipped, with why. */
export async function skipOpenRow(db: D1Database, deliveryId: number, reason: string, now: number): Promise<boolean> {
  const changed = await db
    .prepare("UPDATE deliveries SET status = 'skipped', error = ?2, updated_at = ?3 WHERE id = ?1 AND status = 'pending' RETURNING id")
    .bind(deliveryId, reason, now)
    .first<{ id: number }>();
  return changed !== null;
}
