// The desk's look-ups of subscribers by address: a search by part of it, and one address
// exactly (for the erase confirmation).
import { toSubscriber, type Subscriber } from "./subscribers.ts";

type SubscriberRow = Parameters<typeof toSubscriber>[0];

/** The escape character of the LIKE patterns below. */
const ESCAPE = "\\";

/** `text` as a LIKE pattern that matches it literally anywhere: %, _ and the escape character lose their meaning. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (ch) => ESCAPE + ch)}%`;
}

/**
 * Subscribers whose address contains `text` (ASCII letters compared without case, as LIKE
 * does): the address itself first, then those that start with it, shortest first (so
 * `reader2` finds reader2@… before reader20…@), then in address order; at most `limit`.
 */
export async function searchSubscribers(db: D1Database, text: string, limit: number): Promise<Subscriber[]> {
  const pattern = containsPattern(text);
  const { results } = await db
    .prepare(
      `SELECT * FROM subscribers WHERE email LIKE ?1 ESCAPE '\\'
       ORDER BY lower(email) = lower(?3) DESC, email LIKE substr(?1, 2) ESCAPE '\\' DESC, length(email), email LIMIT ?2`,
    )
    .bind(pattern, limit, text)
    .all<SubscriberRow>();
  return results.map(toSubscriber);
}

/** The subscriber with this address (compared without case), if any. */
export async function subscriberByEmail(db: D1Database, email: string): Promise<Subscriber | undefined> {
  const row = await db.prepare("SELECT * FROM subscribers WHERE email = ?1").bind(email).first<SubscriberRow>();
  return row ? toSubscriber(row) : undefined;
}
