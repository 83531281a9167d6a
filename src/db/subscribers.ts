// Subscriber statements: the row's life from request to confirmation, unsubscribe and erasure
// (bounces.ts marks bounces and complaints; notices.ts and deliveries.ts read rows to mail).
import { sha256Hex } from "../tokens/sha256.ts";
import { skipRowsOfLeaverStatement } from "./deliveries.ts";
import { decodeDelivery, encodeDelivery, type DeliveryTime } from "../content/delivery-time.ts";
import { decodeFollows, encodeFollows, sameFollows, unionFollows, type Follows } from "../content/follows.ts";

export type SubscriberStatus = "pending" | "active" | "unsubscribed" | "bounced" | "complained";

export interface Subscriber {
  id: number;
  email: string;
  status: SubscriberStatus;
  source: string;
  createdAt: number;
  updatedAt: number;
  confirmationSentAt: number | null;
  consentAt: number | null;
  consentSource: string | null;
  unsubscribedAt: number | null;
  bouncedAt: number | null;
  complainedAt: number | null;
  /** What they follow (null: everything). */
  follows: Follows;
  /** When the day's email comes: as soon as it is out, or at a local time in `zone`. */
  delivery: DeliveryTime;
  /** The IANA zone a delivery time is read in (kept when they go back to asap); null: never chosen. */
  zone: string | null;
}

interface SubscriberRow {
  id: number;
  email: string;
  status: SubscriberStatus;
  source: string;
  created_at: number;
  updated_at: number;
  confirmation_sent_at: number | null;
  consent_at: number | null;
  consent_source: string | null;
  unsubscribed_at: number | null;
  bounced_at: number | null;
  complained_at: number | null;
  follows: string | null;
  delivery: string | null;
  zone: string | null;
}

export function toSubscriber(row: SubscriberRow): Subscriber {
  return {
    id: row.id,
    email: row.email,
    status: row.status,
    source: row.source,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    confirmationSentAt: row.confirmation_sent_at,
    consentAt: row.consent_at,
    consentSource: row.consent_source,
    unsubscribedAt: row.unsubscribed_at,
    bouncedAt: row.bounced_at,
    complainedAt: row.complained_at,
    follows: decodeFollows(row.follows),
    delivery: decodeDelivery(row.delivery),
    zone: row.zone,
  };
}

export async function findSubscriber(db: D1Database, id: number): Promise<Subscriber | undefined> {
  const row = await db.prepare("SELECT * FROM subscribers WHERE id = ?1").bind(id).first<SubscriberRow>();
  return row ? toSubscriber(row) : undefined;
}

/**
 * The address's row, created as pending with `follows` and `time` if it is new. An existing
 * row keeps its status; what it follows and when its mail comes change only while nobody has
 * confirmed it: a pending request adds to the events waiting and replaces the time (a part it
 * does not name stays), a request after an unsubscribe or a bounce replaces the old choice (it
 * applies once confirmed). An active subscriber's choice is theirs, changed on their
 * preference page, never by a form anyone can fill in.
 */
export async function ensureSubscriber(db: D1Database, email: string, source: string, now: number, follows: Follows = null, time: Pick<SubscriberChoice, "delivery" | "zone"> = {}): Promise<Subscriber> {
  const row = await db
    .prepare(
      `INSERT INTO subscribers (email, status, source, created_at, updated_at, follows, delivery, zone) VALUES (?1, 'pending', ?2, ?3, ?3, ?4, ?5, ?6)
       ON CONFLICT (email) DO UPDATE SET updated_at = updated_at
       RETURNING *`,
    )
    .bind(email, source, now, encodeFollows(follows), time.delivery === undefined ? null : encodeDelivery(time.delivery), time.zone ?? null)
    .first<SubscriberRow>();
  let subscriber = toSubscriber(row!);
  if (subscriber.status !== "active" && !sameTime(subscriber, time)) {
    const timed = await db
      .prepare(
        `UPDATE subscribers SET delivery = CASE WHEN ?2 THEN ?3 ELSE delivery END, zone = CASE WHEN ?4 THEN ?5 ELSE zone END
         WHERE id = ?1 AND status != 'active' RETURNING *`,
      )
      .bind(subscriber.id, time.delivery === undefined ? 0 : 1, time.delivery === undefined ? null : encodeDelivery(time.delivery), time.zone === undefined ? 0 : 1, time.zone ?? null)
      .first<SubscriberRow>();
    if (timed) subscriber = toSubscriber(timed);
  }
  for (let attempt = 0; attempt < 3 && subscriber.status !== "active"; attempt++) {
    const wanted = subscriber.status === "pending" ? unionFollows(subscriber.follows, follows) : follows;
    if (sameFollows(wanted, subscriber.follows)) break;
    // Only over the choice this request read: a racing request's union is not lost.
    const updated = await db
      .prepare("UPDATE subscribers SET follows = ?2 WHERE id = ?1 AND status = ?3 AND follows IS ?4 RETURNING *")
      .bind(subscriber.id, encodeFollows(wanted), subscriber.status, encodeFollows(subscriber.follows))
      .first<SubscriberRow>();
    if (updated) return toSubscriber(updated);
    subscriber = (await findSubscriber(db, subscriber.id)) ?? subscriber;
  }
  return subscriber;
}

/** The row already holds every part of `time` that is named (a new row, or the same request again). */
function sameTime(subscriber: Subscriber, time: Pick<SubscriberChoice, "delivery" | "zone">): boolean {
  const delivery = time.delivery === undefined || encodeDelivery(time.delivery) === encodeDelivery(subscriber.delivery);
  return delivery && (time.zone === undefined || time.zone === subscriber.zone);
}

/** What a preference-page press changes; a part left out keeps what is stored. */
export interface SubscriberChoice {
  follows?: Follows;
  delivery?: DeliveryTime;
  /** The zone a delivery time is read in; left out, the stored one stays (also when going back to asap). */
  zone?: string;
}

/**
 * The preference page's change of what a subscriber follows, when their mail comes, or both,
 * in one statement: only while the address is subscribed or waiting to confirm, so a page
 * opened before an unsubscribe or a bounce cannot quietly change a closed row, and a press
 * that changes both never lands half.
 */
export async function setChoiceWhileSubscribed(db: D1Database, id: number, choice: SubscriberChoice, now: number): Promise<Subscriber | undefined> {
  const given = (part: unknown) => (part === undefined ? 0 : 1);
  const row = await db
    .prepare(
      `UPDATE subscribers SET
         follows = CASE WHEN ?3 THEN ?4 ELSE follows END,
         delivery = CASE WHEN ?5 THEN ?6 ELSE delivery END,
         zone = CASE WHEN ?7 THEN ?8 ELSE zone END,
         updated_at = ?2
       WHERE id = ?1 AND status IN ('pending', 'active') RETURNING *`,
    )
    .bind(
      id,
      now,
      given(choice.follows),
      choice.follows === undefined ? null : encodeFollows(choice.follows),
      given(choice.delivery),
      choice.delivery === undefined ? null : encodeDelivery(choice.delivery),
      given(choice.zone),
      choice.zone ?? null,
    )
    .first<SubscriberRow>();
  return row ? toSubscriber(row) : undefined;
}

/** Active subscribers by what they follow: one row per distinct choice, for variants and stats. */
export async function activeByFollows(db: D1Database): Promise<{ follows: Follows; count: number }[]> {
  const { results } = await db
    .prepare("SELECT follows, COUNT(*) AS n FROM subscribers WHERE status = 'active' GROUP BY follows")
    .all<{ follows: string | null; n: number }>();
  return results.map((r) => ({ follows: decodeFollows(r.follows), count: r.n }));
}

/**
 * Takes the right to send a confirmation mail now: succeeds for at most one caller per
 * `intervalMs`, even when requests race. Returns the previous time to give back on failure.
 */
export async function claimConfirmationSlot(db: D1Database, id: number, now: number, intervalMs: number, freeIfSentBefore: number | null = null): Promise<{ claimed: boolean; previous: number | null }> {
  const before = await db.prepare("SELECT confirmation_sent_at FROM subscribers WHERE id = ?1").bind(id).first<{ confirmation_sent_at: number | null }>();
  const result = await db
    .prepare(
      `UPDATE subscribers SET confirmation_sent_at = ?2
       WHERE id = ?1 AND (confirmation_sent_at IS NULL OR confirmation_sent_at <= ?3 OR confirmation_sent_at < ?4)`,
    )
    .bind(id, now, now - intervalMs, freeIfSentBefore)
    .run();
  return { claimed: result.meta.changes === 1, previous: before?.confirmation_sent_at ?? null };
}

/** Gives the slot back after a confirmation mail that did not go out. */
export async function releaseConfirmationSlot(db: D1Database, id: number, claimedAt: number, previous: number | null): Promise<void> {
  await db.prepare("UPDATE subscribers SET confirmation_sent_at = ?3 WHERE id = ?1 AND confirmation_sent_at = ?2").bind(id, claimedAt, previous).run();
}

/**
 * Double opt-in done: active, with consent recorded, for the request made at `requestedAt`.
 * Clears an unsubscribe, bounce or complaint from before that request; one from after it
 * means the person said no since, and nothing changes (undefined).
 */
export async function confirmSubscriber(db: D1Database, id: number, consentSource: string, requestedAt: number, now: number): Promise<Subscriber | undefined> {
  const row = await db
    .prepare(
      `UPDATE subscribers SET
         status = 'active', updated_at = ?2, consent_at = ?2, consent_source = ?3,
         unsubscribed_at = NULL, bounced_at = NULL, complained_at = NULL
       WHERE id = ?1 AND status != 'active'
         AND COALESCE(unsubscribed_at, 0) <= ?4 AND COALESCE(bounced_at, 0) <= ?4 AND COALESCE(complained_at, 0) <= ?4
       RETURNING *`,
    )
    .bind(id, now, consentSource, requestedAt)
    .first<SubscriberRow>();
  return row ? toSubscriber(row) : undefined;
}

export async function unsubscribeSubscriber(db: D1Database, id: number, now: number): Promise<Subscriber | undefined> {
  const [changed] = await db.batch([
    db
      .prepare(
        `UPDATE subscribers SET status = 'unsubscribed', updated_at = ?2, unsubscribed_at = ?2
         WHERE id = ?1 AND status IN ('pending', 'active')
         RETURNING *`,
      )
      .bind(id, now),
    skipRowsOfLeaverStatement(db, id, now),
  ]);
  const row = (changed!.results as SubscriberRow[])[0];
  return row ? toSubscriber(row) : findSubscriber(db, id);
}

export async function countActiveSubscribers(db: D1Database): Promise<number> {
  const row = await db.prepare("SELECT COUNT(*) AS n FROM subscribers WHERE status = 'active'").first<{ n: number }>();
  return row?.n ?? 0;
}

/**
 * A page in id order. `following`: only those who follow everything or name one of these keys
 * (keysFollowing of an event); filtered in the query, so a page is full whenever rows remain.
 */
export async function listSubscribers(db: D1Database, options: { status?: SubscriberStatus; following?: readonly string[]; afterId: number; limit: number }): Promise<Subscriber[]> {
  const { results } = await db
    .prepare(
      `SELECT * FROM subscribers
       WHERE id > ?1 AND (?2 IS NULL OR status = ?2)
         AND (?4 IS NULL OR follows IS NULL OR EXISTS (SELECT 1 FROM json_each(subscribers.follows) AS f WHERE f.value IN (SELECT value FROM json_each(?4))))
       ORDER BY id LIMIT ?3`,
    )
    .bind(options.afterId, options.status ?? null, options.limit, options.following ? JSON.stringify(options.following) : null)
    .all<SubscriberRow>();
  return results.map(toSubscriber);
}

export async function countByStatus(db: D1Database): Promise<Record<SubscriberStatus, number>> {
  const { results } = await db.prepare("SELECT status, COUNT(*) AS n FROM subscribers GROUP BY status").all<{ status: SubscriberStatus; n: number }>();
  const counts: Record<SubscriberStatus, number> = { pending: 0, active: 0, unsubscribed: 0, bounced: 0, complained: 0 };
  for (const r of results) counts[r.status] = r.n;
  return counts;
}

/** A row of an import: the address and what it chose (follows, delivery time and zone). */
export interface NewSubscriber {
  email: string;
  follows: Follows;
  /** Absent: asap. */
  delivery?: DeliveryTime;
  /** Absent or null: no zone chosen. */
  zone?: string | null;
}

/**
 * Adds addresses that are not on the list yet, each with what it follows and when it wants its
 * mail; returns the ones it added. An address already there keeps its row, choices included.
 * Pending ones count as sent a confirmation now.
 */
export async function insertSubscribers(db: D1Database, rows: readonly NewSubscriber[], status: "pending" | "active", source: string, now: number): Promise<string[]> {
  const { results } = await db
    .prepare(
      `INSERT INTO subscribers (email, status, source, created_at, updated_at, consent_at, consent_source, confirmation_sent_at, follows, delivery, zone)
       SELECT json_extract(value, '$[0]'), ?2, ?3, ?4, ?4, CASE WHEN ?2 = 'active' THEN ?4 END, CASE WHEN ?2 = 'active' THEN ?3 END, CASE WHEN ?2 = 'pending' THEN ?4 END,
              json_extract(value, '$[1]'), json_extract(value, '$[2]'), json_extract(value, '$[3]')
       FROM json_each(?1) WHERE true
       ON CONFLICT (email) DO NOTHING
       RETURNING email`,
    )
    // [email, stored follows (JSON text, or null for everything), stored delivery ('HH:MM' or null), zone or null] per row.
    .bind(JSON.stringify(rows.map((r) => [r.email, encodeFollows(r.follows), encodeDelivery(r.delivery ?? "asap"), r.zone ?? null])), status, source, now)
    .all<{ email: string }>();
  return results.map((r) => r.email);
}

/**
 * Erases an address and every row that names it; returns whether it was on the list. An
 * address that complained or hard-bounced leaves only its hash behind (see suppressedOf).
 */
export async function eraseAddress(db: D1Database, email: string, now: number, rememberIf: readonly ("bounced" | "complained")[]): Promise<boolean> {
  const results = await db.batch([
    db
      .prepare(
        `INSERT INTO erased_suppressions (hash, reason, created_at)
         SELECT ?2, status, ?3 FROM subscribers WHERE email = ?1 AND status IN (SELECT value FROM json_each(?4))
         ON CONFLICT (hash) DO NOTHING`,
      )
      .bind(email, await addressHash(email), now, JSON.stringify(rememberIf)),
    db.prepare("DELETE FROM deliveries WHERE email = ?1 COLLATE NOCASE OR subscriber_id IN (SELECT id FROM subscribers WHERE email = ?1)").bind(email),
    db.prepare("DELETE FROM notices WHERE recipient = ?1 COLLATE NOCASE OR subscriber_id IN (SELECT id FROM subscribers WHERE email = ?1)").bind(email),
    db.prepare("DELETE FROM subscribers WHERE email = ?1").bind(email),
  ]);
  return (results[3]?.meta.changes ?? 0) > 0;
}

/** Of these addresses, the ones erased after a complaint or a hard bounce (lower-cased). */
export async function suppressedOf(db: D1Database, emails: readonly string[]): Promise<Set<string>> {
  const byHash = new Map<string, string>();
  for (const email of emails) byHash.set(await addressHash(email), email.toLowerCase());
  const { results } = await db
    .prepare("SELECT hash FROM erased_suppressions WHERE hash IN (SELECT value FROM json_each(?1))")
    .bind(JSON.stringify([...byHash.keys()]))
    .all<{ hash: string }>();
  return new Set(results.map((r) => byHash.get(r.hash)!));
}

/** When the address was erased after a complaint or a hard bounce, if it was. */
export async function erasedAt(db: D1Database, email: string): Promise<number | undefined> {
  const row = await db.prepare("SELECT created_at FROM erased_suppressions WHERE hash = ?1").bind(await addressHash(email)).first<{ created_at: number }>();
  return row?.created_at;
}

const addressHash = (email: string) => sha256Hex(email.toLowerCase());
