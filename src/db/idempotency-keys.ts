// Idempotency keys for author requests: the first answer is kept for 24 hours.
export const IDEMPOTENCY_TTL_MS = 24 * 3600 * 1000;
/** A request still "in progress" after this long died without an answer; its key is free again. */
export const IN_PROGRESS_TTL_MS = 60 * 1000;

export type KeyClaim =
  | { state: "new" }
  | { state: "mismatch" }
  | { state: "in_progress" }
  | { state: "replay"; status: number; response: string };

/** Takes the key for this body, or reports what an earlier request with it did. */
export async function claimIdempotencyKey(db: D1Database, key: string, bodyHash: string, now: number): Promise<KeyClaim> {
  // A key older than the TTL is forgotten first, so it can be used afresh.
  await db
    .prepare("DELETE FROM idempotency_keys WHERE key = ?1 AND (created_at <= ?2 OR (status IS NULL AND created_at <= ?3))")
    .bind(key, now - IDEMPOTENCY_TTL_MS, now - IN_PROGRESS_TTL_MS)
    .run();
  const inserted = await db
    .prepare("INSERT INTO idempotency_keys (key, body_hash, created_at) VALUES (?1, ?2, ?3) ON CONFLICT (key) DO NOTHING RETURNING key")
    .bind(key, bodyHash, now)
    .first();
  if (inserted) return { state: "new" };
  const row = await db.prepare("SELECT body_hash, status, response FROM idempotency_keys WHERE key = ?1").bind(key).first<{ body_hash: string; status: number | null; response: string | null }>();
  if (!row || row.body_hash !== bodyHash) return { state: "mismatch" };
  if (row.status === null || row.response === null) return { state: "in_progress" };
  return { state: "replay", status: row.status, response: row.response };
}

export async function storeIdempotentResponse(db: D1Database, key: string, status: number, response: string): Promise<void> {
  await db.prepare("UPDATE idempotency_keys SET status = ?2, response = ?3 WHERE key = ?1").bind(key, status, response).run();
}

/** The request failed before it had an answer worth repeating: let the key be used again. */
export async function releaseIdempotencyKey(db: D1Database, key: string): Promise<void> {
  await db.prepare("DELETE FROM idempotency_keys WHERE key = ?1 AND status IS NULL").bind(key).run();
}
