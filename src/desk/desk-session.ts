// Sessions of the authors' desk: an author token is exchanged for a session row (D1) and a
// cookie that names it, signed with SIGNING_SECRET's newest key. A session holds while
//   - the cookie's signature checks out with a key still configured (dropping the key ends it),
//   - its row exists (signing out deletes it) and has not expired (12 h),
//   - the token that opened it is still one of AUTHOR_TOKEN (removing it ends it).
import { timingSafeEqual } from "hono/utils/buffer";
import type { Config } from "../config/config.ts";
import { deleteDeskSession, findDeskSession, insertDeskSession } from "../db/desk-sessions.ts";
import { hexOf } from "../tokens/hex.ts";
import { sha256Hex } from "../tokens/sha256.ts";
import { signToken, verifyToken } from "../tokens/signed-token.ts";

export const SESSION_COOKIE = "herald_desk";
export const SESSION_MS = 12 * 60 * 60 * 1000;

export interface DeskSession {
  /** The hash of the session's id: its row's key. */
  idHash: string;
  /** The synchronizer token its forms carry. */
  csrf: string;
  expiresAt: number;
}

export function randomHex(bytes = 32): string {
  return hexOf(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** Which configured author token `given` is, compared with each in constant time; undefined if none. */
export async function matchAuthorToken(config: Config, given: string): Promise<string | undefined> {
  let found: string | undefined;
  for (const token of config.authorTokens) {
    if (await timingSafeEqual(token, given)) found = token;
  }
  return found;
}

/** Opens a session for a token already matched; answers the cookie's value and the session. */
export async function openSession(db: D1Database, config: Config, token: string, now: number): Promise<{ cookie: string; session: DeskSession }> {
  const id = randomHex();
  const session: DeskSession = { idHash: await sha256Hex(id), csrf: randomHex(), expiresAt: now + SESSION_MS };
  await insertDeskSession(db, { idHash: session.idHash, tokenHash: await sha256Hex(token), csrf: session.csrf, createdAt: now, expiresAt: session.expiresAt });
  const cookie = signToken(config.signingKeys, { purpose: "desk", subject: id, expiresAt: Math.floor(session.expiresAt / 1000) });
  return { cookie, session };
}

/** The session a cookie names, if it still holds; a row that no longer may is removed. */
export async function readSession(db: D1Database, config: Config, cookie: string | undefined, now: number): Promise<DeskSession | undefined> {
  if (!cookie) return undefined;
  const check = await verifyToken(config.signingKeys, cookie, "desk", now);
  if (!check.ok || !/^[0-9a-f]{64}$/.test(check.claims.subject)) return undefined;
  const idHash = await sha256Hex(check.claims.subject);
  const row = await findDeskSession(db, idHash);
  if (!row) return undefined;
  let tokenHeld = false;
  for (const token of config.authorTokens) {
    if (await timingSafeEqual(await sha256Hex(token), row.tokenHash)) tokenHeld = true;
  }
  if (row.expiresAt <= now || !tokenHeld) {
    await deleteDeskSession(db, idHash);
    return undefined;
  }
  return { idHash, csrf: row.csrf, expiresAt: row.expiresAt };
}

export async function closeSession(db: D1Database, session: DeskSession): Promise<void> {
  await deleteDeskSession(db, session.idHash);
}

/** The cookie's attributes: host-only, the desk's paths only, never readable by a script or sent cross-site. */
export function sessionCookieOptions(secure: boolean, maxAgeSeconds: number) {
  return { path: "/admin", httpOnly: true, sameSite: "Strict" as const, secure, maxAge: maxAgeSeconds };
}
