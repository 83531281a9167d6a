// Idempotency-Key for author requests, as rules: a key answers with its first answer for a
// day; a key whose request made a send is never freed and answers with that send; a request
// that failed before making anything frees its key. db/idempotency-keys.ts runs the statements.
import { claimIdempotencyKey, releaseIdempotencyKey, storeIdempotentResponse, type KeyClaim } from "../db/idempotency-keys.ts";
import { sha256Hex } from "../tokens/sha256.ts";

export { ClaimLostError } from "../db/idempotency-keys.ts";
export type { KeyClaim };

/** A key's first answer is kept this long. */
export const IDEMPOTENCY_TTL_MS = 24 * 3600 * 1000;
/**
 * A request that made no send this long after taking its key is taken to have died, and the
 * key may be claimed again; the stalled request, should it wake, can then make no send.
 */
export const STALLED_CLAIM_MS = 60 * 1000;

/** Keys are 1 to 255 visible ASCII characters. */
export const isIdempotencyKey = (key: string) => /^[\x21-\x7e]{1,255}$/.test(key);

/** Takes the key for this request body (compared by its SHA-256), or says what an earlier request with it did. */
export async function claimKey(db: D1Database, key: string, body: unknown, now: number): Promise<KeyClaim> {
  return claimIdempotencyKey(db, key, await sha256Hex(canonicalJson(body)), now, { ttlMs: IDEMPOTENCY_TTL_MS, stalledMs: STALLED_CLAIM_MS });
}

/** JSON with every object's keys in order: `{"to":…,"date":…}` and `{"date":…,"to":…}` are one body. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** The request ended: keep its answer, or, if it failed, free the key unless a send was made under it. */
export async function settleKey(db: D1Database, key: string, claim: string, answer: { status: number; body: string } | "failed"): Promise<void> {
  if (answer === "failed") await releaseIdempotencyKey(db, key, claim);
  else await storeIdempotentResponse(db, key, claim, answer.status, answer.body);
}
