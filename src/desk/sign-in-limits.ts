// How many wrong tokens one client may try: 5 per 15 minutes, counted per CF-Connecting-IP
// (an IPv6 client by its /64). Past that, sign-in answers 429 without looking at the token.
import { countHit, peekHits } from "../db/rate-limits.ts";
import { clientKey } from "../subscriptions/subscribe-limits.ts";

export const SIGN_IN_FAILURES = 5;
export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;

const key = (client: string) => `desk-sign-in:${clientKey(client)}`;

/** Seconds until this client may try again, or undefined if it may now. */
export async function signInBlocked(db: D1Database, client: string, now: number): Promise<number | undefined> {
  const hits = await peekHits(db, key(client), SIGN_IN_WINDOW_MS, now);
  return hits.count >= SIGN_IN_FAILURES ? Math.ceil((hits.resetAt - now) / 1000) : undefined;
}

export async function countSignInFailure(db: D1Database, client: string, now: number): Promise<void> {
  await countHit(db, key(client), SIGN_IN_WINDOW_MS, now);
}
