// How often one client may use the subscribe form. Counted per CF-Connecting-IP, which only
// Cloudflare's edge sets reliably (README, "Which client header is trusted"); the limit per
// mailbox in request-subscription.ts is what bounds the mail one person gets.
import { countHit } from "../db/rate-limits.ts";

/** Per client: this many subscribe requests per window. */
export const SUBSCRIBE_LIMIT = 10;
export const SUBSCRIBE_WINDOW_MS = 10 * 60 * 1000;

/** Counts one request; undefined if it is within the limit, else the seconds until the window ends. */
export async function clientOverLimit(db: D1Database, client: string, at: number): Promise<number | undefined> {
  const hit = await countHit(db, `subscribe:${client}`, SUBSCRIBE_WINDOW_MS, at);
  return hit.count > SUBSCRIBE_LIMIT ? Math.ceil((hit.resetAt - at) / 1000) : undefined;
}
