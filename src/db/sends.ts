// Send queries: the only module that writes the sends table (idempotency-keys.ts reads it
// to tell whether a key made a send).
import type { EmailSnapshot } from "../email/snapshot.ts";
import { ClaimLostError } from "./idempotency-keys.ts";

/** What a daily or manual send carried: its posts (slug and title as sent) and its cut-off (content/send-posts.ts). */
export interface CarriedPosts {
  posts: { slug: string; title: string }[];
  cutOffMs: number;
}

/** Some of the posts chosen for a send were carried by another send in the meantime: choose again. */
export class PostsTakenError extends Error {
  override name = "PostsTakenError";
}

export type SendKind = "daily" | "manual" | "test";
export type SendStatus = "queued" | "sending" | "paused" | "done" | "cancelled" | "skipped" | "failed";

export interface Send {
  id: number;
  kind: SendKind;
  date: string;
  status: SendStatus;
  reason: string | null;
  subject: string | null;
  prepared: boolean;
  prepareCursor: number;
  total: number;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  updatedAt: number;
  /** Counts by delivery status kept when the rows were compacted away. */
  compactedCounts: Record<string, number> | null;
  /** Paused by Herald, not an author: "ses" while it waits for SES to answer again. */
  hold: "ses" | null;
  /** Since when its open rows stopped moving, while they do not. */
  stalledSince: number | null;
  /** The event slugs of its posts, sorted (its whole-day variant); null for sends from before audiences. */
  events: string[] | null;
}

interface SendRow {
  id: number;
  kind: SendKind;
  date: string;
  status: SendStatus;
  reason: string | null;
  subject: string | null;
  prepared: number;
  prepare_cursor: number;
  total: number;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
  updated_at: number;
  compacted_counts: string | null;
  hold: "ses" | null;
  stalled_since: number | null;
  events: string | null;
}

const COLUMNS = "id, kind, date, status, reason, subject, prepared, prepare_cursor, total, created_at, started_at, finished_at, updated_at, compacted_counts, hold, stalled_since, events";

export function toSend(row: SendRow): Send {
  return {
    id: row.id,
    kind: row.kind,
    date: row.date,
    status: row.status,
    reason: row.reason,
    subject: row.subject,
    prepared: row.prepared === 1,
    prepareCursor: row.prepare_cursor,
    total: row.total,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    updatedAt: row.updated_at,
    compactedCounts: row.compacted_counts === null ? null : (JSON.parse(row.compacted_counts) as Record<string, number>),
    hold: row.hold,
    stalledSince: row.stalled_since,
    events: row.events === null ? null : (JSON.parse(row.events) as string[]),
  };
}

/**
 * Creates the send, or finds that the date already has its daily send: for a send that
 * takes the date's daily slot, the unique key on daily_date decides, so a cron firing twice
 * and an author at the same moment yield one.
 * With an idempotency claim, the send is created only while that claim still holds its key
 * (checked in the same statement), and carries it, so the key answers with this send.
 * With carried posts, it is created only while no daily send carries any of them (checked
 * in the same statement too); otherwise PostsTakenError, and the caller chooses again.
 * A scan of the sends' records: one row a day, so small for years.
 */
export async function createSend(
  db: D1Database,
  input: { kind: SendKind; date: string; status: SendStatus; reason?: string; snapshot?: EmailSnapshot; idempotencyClaim?: string; takesDailySlot: boolean; carried?: CarriedPosts; webHtml?: string; events?: readonly string[] },
  now: number,
): Promise<{ created: boolean; send: Send }> {
  const dailyDate = input.takesDailySlot ? input.date : null;
  const snapshot = input.snapshot ? JSON.stringify({ html: input.snapshot.html, text: input.snapshot.text, markers: input.snapshot.markers }) : null;
  const claim = input.idempotencyClaim ?? null;
  const carried = input.carried ? JSON.stringify(input.carried.posts) : null;
  const row = await db
    .prepare(
      `INSERT INTO sends (kind, date, daily_date, status, reason, subject, snapshot, created_at, updated_at, started_at, idempotency_claim, carried_posts, cut_off_at, web_html, events)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, CASE WHEN ?4 = 'sending' THEN ?8 END, ?9, ?10, ?11, ?12, ?13
       WHERE (?9 IS NULL OR EXISTS (SELECT 1 FROM idempotency_keys WHERE claim = ?9))
         -- The record is the guard: no post goes into two daily sends, even when two start at once.
         AND (?10 IS NULL OR NOT EXISTS (
           SELECT 1 FROM sends s, json_each(s.carried_posts) c
           WHERE s.daily_date IS NOT NULL AND json_extract(c.value, '$.slug') IN (SELECT json_extract(value, '$.slug') FROM json_each(?10))))
       ON CONFLICT (daily_date) DO NOTHING
       RETURNING ${COLUMNS}`,
    )
    .bind(input.kind, input.date, dailyDate, input.status, input.reason ?? null, input.snapshot?.subject ?? null, snapshot, now, claim, carried, input.carried?.cutOffMs ?? null, input.webHtml ?? null, input.events ? JSON.stringify([...input.events].sort()) : null)
    .first<SendRow>();
  if (row) return { created: true, send: toSend(row) };
  const existing = dailyDate === null ? undefined : await findDailySend(db, input.date);
  if (existing) return { created: false, send: existing };
  // Nothing was created and no daily send is in the way: the claim had been taken over, or
  // another send carried one of these posts since they were chosen.
  if (claim !== null && !(await db.prepare("SELECT 1 FROM idempotency_keys WHERE claim = ?1").bind(claim).first())) {
    throw new ClaimLostError("another request took over this Idempotency-Key while this one was held up");
  }
  if (carried !== null) throw new PostsTakenError(`another send carried some of the posts chosen for ${input.date} meanwhile`);
  throw new Error(`the send of ${input.date} was neither created nor found`);
}

export async function findSend(db: D1Database, id: number): Promise<Send | undefined> {
  const row = await db.prepare(`SELECT ${COLUMNS} FROM sends WHERE id = ?1`).bind(id).first<SendRow>();
  return row ? toSend(row) : undefined;
}

export async function findDailySend(db: D1Database, date: string): Promise<Send | undefined> {
  const row = await db.prepare(`SELECT ${COLUMNS} FROM sends WHERE daily_date = ?1`).bind(date).first<SendRow>();
  return row ? toSend(row) : undefined;
}

export async function listSends(db: D1Database, limit: number, beforeId?: number): Promise<Send[]> {
  const { results } = await db
    .prepare(`SELECT ${COLUMNS} FROM sends WHERE id < ?1 ORDER BY id DESC LIMIT ?2`)
    .bind(beforeId ?? Number.MAX_SAFE_INTEGER, limit)
    .all<SendRow>();
  return results.map(toSend);
}

/** The frozen snapshot a send's messages are made from. */
export async function sendSnapshot(db: D1Database, id: number): Promise<EmailSnapshot | undefined> {
  const row = await db.prepare("SELECT date, subject, snapshot FROM sends WHERE id = ?1").bind(id).first<{ date: string; subject: string | null; snapshot: string | null }>();
  if (!row?.snapshot || row.subject === null) return undefined;
  const stored = JSON.parse(row.snapshot) as Pick<EmailSnapshot, "html" | "text" | "markers">;
  return { date: row.date, subject: row.subject, preheader: "", postSlugs: [], summarized: [], ...stored };
}

/**
 * Moves a send from one of `from` to `to`; false if it was not in one of them. A reason
 * replaces the old one; `null` clears it; leaving it out keeps it. Any change of hands ends
 * Herald's own hold and a stall.
 */
export async function setSendStatus(db: D1Database, id: number, from: SendStatus[], to: SendStatus, now: number, reason?: string | null): Promise<boolean> {
  const result = await db
    .prepare(
      `UPDATE sends SET status = ?2, updated_at = ?3, reason = CASE WHEN ?6 = 1 THEN ?4 ELSE reason END, hold = NULL, stalled_since = NULL,
         finished_at = CASE WHEN ?2 IN ('done', 'cancelled', 'failed') THEN ?3 ELSE finished_at END
       WHERE id = ?1 AND status IN (SELECT value FROM json_each(?5))`,
    )
    .bind(id, to, now, reason ?? null, JSON.stringify(from), reason === undefined ? 0 : 1)
    .run();
  return result.meta.changes === 1;
}

/** The circuit breaker holds a sending send until SES answers again; false if it was not sending. */
export async function holdForSes(db: D1Database, id: number, reason: string, now: number): Promise<boolean> {
  const result = await db
    .prepare("UPDATE sends SET status = 'paused', hold = 'ses', reason = ?2, updated_at = ?3, stalled_since = NULL WHERE id = ?1 AND status = 'sending'")
    .bind(id, reason, now)
    .run();
  return result.meta.changes === 1;
}

/** SES answered again: a send still held for it goes on; false if an author took it over meanwhile. */
export async function releaseSesHold(db: D1Database, id: number, now: number): Promise<boolean> {
  const result = await db
    .prepare("UPDATE sends SET status = 'sending', hold = NULL, reason = NULL, updated_at = ?2 WHERE id = ?1 AND status = 'paused' AND hold = 'ses'")
    .bind(id, now)
    .run();
  return result.meta.changes === 1;
}

/** Records since when a sending send's rows stopped moving (the first time kept), or clears it with null. */
export async function markStalled(db: D1Database, id: number, since: number | null): Promise<void> {
  await db
    .prepare("UPDATE sends SET stalled_since = ?2 WHERE id = ?1 AND status = 'sending' AND (stalled_since IS NULL) <> (?2 IS NULL)")
    .bind(id, since)
    .run();
}

/**
 * Moves the preparation cursor from `from` to `to` (compare-and-set: false if another step
 * moved it first) and recounts the rows, so overlapping steps cannot corrupt the total.
 */
export async function recordPrepared(db: D1Database, id: number, from: number, to: number, done: boolean, now: number): Promise<boolean> {
  const result = await recordPreparedStatement(db, id, from, to, done, now).run();
  return result.meta.changes === 1;
}

/** recordPrepared's statement, for a batch that makes a chunk's rows in the same transaction (deliveries.ts). */
export function recordPreparedStatement(db: D1Database, id: number, from: number, to: number, done: boolean, now: number): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE sends SET prepare_cursor = ?3, prepared = ?4, updated_at = ?5,
         total = (SELECT COUNT(*) FROM deliveries WHERE send_id = ?1)
       WHERE id = ?1 AND prepare_cursor = ?2 AND prepared = 0`,
    )
    .bind(id, from, to, done ? 1 : 0, now);
}

/** Marks a sending send done once every delivery row exists and none is still open. */
export async function finishIfComplete(db: D1Database, id: number, now: number): Promise<boolean> {
  const result = await db
    .prepare(
      `UPDATE sends SET status = 'done', finished_at = ?2, updated_at = ?2, stalled_since = NULL
       WHERE id = ?1 AND status = 'sending' AND prepared = 1
         AND NOT EXISTS (SELECT 1 FROM deliveries WHERE send_id = ?1 AND status IN ('pending', 'claimed', 'sending'))`,
    )
    .bind(id, now)
    .run();
  return result.meta.changes === 1;
}

export async function sendsWithStatus(db: D1Database, status: SendStatus, limit = 100): Promise<Send[]> {
  const { results } = await db.prepare(`SELECT ${COLUMNS} FROM sends WHERE status = ?1 ORDER BY id LIMIT ?2`).bind(status, limit).all<SendRow>();
  return results.map(toSend);
}

/** Finished sends whose delivery rows are older than `before` and not yet compacted away. */
export async function compactableSends(db: D1Database, before: number, limit = 20): Promise<Send[]> {
  const { results } = await db
    .prepare(
      `SELECT ${COLUMNS} FROM sends s WHERE status IN ('done', 'cancelled', 'failed') AND finished_at < ?1
         AND (compacted_counts IS NULL OR EXISTS (SELECT 1 FROM deliveries d WHERE d.send_id = s.id))
       ORDER BY id LIMIT ?2`,
    )
    .bind(before, limit)
    .all<SendRow>();
  return results.map(toSend);
}

/** Keeps the counts in the send, once; later calls leave the first counts alone. */
export async function storeCompactedCounts(db: D1Database, id: number, counts: Record<string, number>): Promise<void> {
  await db.prepare("UPDATE sends SET compacted_counts = ?2 WHERE id = ?1 AND compacted_counts IS NULL").bind(id, JSON.stringify(counts)).run();
}
