// Idempotency-key statements: a request holds its key through a random claim, and a send it
// makes carries that claim (see createSend), so a key that may have sent anything is never
// freed and answers with its send.

/** How long a key is kept, and after how long a claim that made no send counts as stalled (rules: sending/idempotency.ts). */
export interface KeyLifetimes {
  ttlMs: number;
  stalledMs: number;
}

export type KeyClaim =
  | { state: "new"; claim: string }
  | { state: "mismatch" }
  | { state: "in_progress" }
  /** The request made this send and has not stored its answer (still running, or it failed after). */
  | { state: "made"; sendId: number }
  | { state: "replay"; status: number; response: string };

/** Another request took this key over after this one stalled; this one must not act. */
export class ClaimLostError extends Error {
  override name = "ClaimLostError";
}

// The one rule for freeing a key early: nothing was sent under its claim.
const NO_SEND_UNDER_CLAIM = "NOT EXISTS (SELECT 1 FROM sends WHERE idempotency_claim = idempotency_keys.claim)";

/** Takes the key for this body, or reports what an earlier request with it did. */
export async function claimIdempotencyKey(db: D1Database, key: string, bodyHash: string, now: number, lifetimes: KeyLifetimes): Promise<KeyClaim> {
  // Forgotten after the TTL; before that only if its request stalled without making a send.
  await db
    .prepare(
      `DELETE FROM idempotency_keys WHERE key = ?1
         AND (created_at <= ?2 OR (status IS NULL AND claim IS NOT NULL AND created_at <= ?3 AND ${NO_SEND_UNDER_CLAIM}))`,
    )
    .bind(key, now - lifetimes.ttlMs, now - lifetimes.stalledMs)
    .run();
  const claim = crypto.randomUUID();
  const inserted = await db
    .prepare("INSERT INTO idempotency_keys (key, body_hash, created_at, claim) VALUES (?1, ?2, ?3, ?4) ON CONFLICT (key) DO NOTHING RETURNING key")
    .bind(key, bodyHash, now, claim)
    .first();
  if (inserted) return { state: "new", claim };
  const row = await db
    .prepare(
      `SELECT body_hash, status, response, (SELECT MIN(id) FROM sends WHERE idempotency_claim = idempotency_keys.claim) AS send_id
       FROM idempotency_keys WHERE key = ?1`,
    )
    .bind(key)
    .first<{ body_hash: string; status: number | null; response: string | null; send_id: number | null }>();
  if (!row) return { state: "in_progress" }; // freed between the two statements: ask again
  if (row.body_hash !== bodyHash) return { state: "mismatch" };
  if (row.status !== null && row.response !== null) return { state: "replay", status: row.status, response: row.response };
  if (row.send_id !== null) return { state: "made", sendId: row.send_id };
  return { state: "in_progress" };
}

/** Keeps the first answer, if this request still holds the key. */
export async function storeIdempotentResponse(db: D1Database, key: string, claim: string, status: number, response: string): Promise<void> {
  await db.prepare("UPDATE idempotency_keys SET status = ?3, response = ?4 WHERE key = ?1 AND claim = ?2").bind(key, claim, status, response).run();
}

/** The request failed: the key may be used again, unless a send was made under it. */
export async function releaseIdempotencyKey(db: D1Database, key: string, claim: string): Promise<void> {
  await db.prepare(`DELETE FROM idempotency_keys WHERE key = ?1 AND claim = ?2 AND status IS NULL AND ${NO_SEND_UNDER_CLAIM}`).bind(key, claim).run();
}
