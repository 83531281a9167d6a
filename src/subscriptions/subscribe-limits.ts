// How often one client may use the subscribe form. Counted per CF-Connecting-IP, which only
// Cloudflare's edge sets reliably (README, "Which client header is trusted"); the limit per
// mailbox in request-subscription.ts is what bounds the mail one person gets.
import { countHit } from "../db/rate-limits.ts";

/** Per client: this many subscribe requests per window. */
export const SUBSCRIBE_LIMIT = 10;
export const SUBSCRIBE_WINDOW_MS = 10 * 60 * 1000;

/** Counts one request; undefined if it is within the limit, else the seconds until the window ends. */
export async function clientOverLimit(db: D1Database, client: string, at: number): Promise<number | undefined> {
  const hit = await countHit(db, `subscribe:${clientKey(client)}`, SUBSCRIBE_WINDOW_MS, at);
  return hit.count > SUBSCRIBE_LIMIT ? Math.ceil((hit.resetAt - at) / 1000) : undefined;
}

/**
 * One client, however its address is written: an IPv4 address as itself (also when written
 * IPv4-mapped, ::ffff:a.b.c.d), an IPv6 address by its /64, which one home or host holds whole.
 */
export function clientKey(ip: string): string {
  const value = ip.trim().toLowerCase();
  const mapped = /^(?:0{0,4}:){0,4}:?(?:0{0,4}:)?ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(value);
  if (mapped) return mapped[1]!;
  if (!value.includes(":") || !/^[0-9a-f:]+$/.test(value)) return value;
  const [head = "", tail] = value.split("::");
  const left = head ? head.split(":") : [];
  const right = tail === undefined ? [] : tail ? tail.split(":") : [];
  const groups = tail === undefined ? left : [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right];
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, "")).join(":")}::/64`;
}
