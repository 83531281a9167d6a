// The desk's two checks, run once per request whichever desk router sees it first:
//   - deskSession: a signed-in author, or a way to sign in (GET: 303 to the form; other
//     methods: 403, nothing done);
//   - deskCsrf: every state change comes from the desk's own pages: not cross-site (Origin,
//     Sec-Fetch-Site), and carrying the session's CSRF token in its form, compared in
//     constant time. Either failing answers 403 before the route runs.
import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie } from "hono/cookie";
import { timingSafeEqual } from "hono/utils/buffer";
import type { AppEnv } from "../app-env.ts";
import { ApiError } from "../http/api-error.ts";
import { readSession, SESSION_COOKIE, sessionCookieOptions } from "./desk-session.ts";

/** Desk paths served to anyone: the sign-in form and the stylesheet. */
export const OPEN_DESK_PATHS = new Set(["/admin/sign-in", "/admin/desk.css"]);

export const CSRF_FIELD = "csrf";

const SAFE_METHODS = new Set(["GET", "HEAD"]);

export function isSecureRequest(c: Context): boolean {
  return new URL(c.req.url).protocol === "https:";
}

export function deskSession(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.get("desk") || OPEN_DESK_PATHS.has(c.req.path)) return next();
    const cookie = getCookie(c, SESSION_COOKIE);
    const session = await readSession(c.env.DB, c.get("config"), cookie, c.get("deps").now());
    if (!session) {
      // A cookie that opens nothing is of no use to keep.
      if (cookie !== undefined) deleteCookie(c, SESSION_COOKIE, sessionCookieOptions(isSecureRequest(c), 0));
      if (SAFE_METHODS.has(c.req.method)) {
        const back = c.req.path === "/admin" ? "" : `?next=${encodeURIComponent(c.req.path + new URL(c.req.url).search)}`;
        return c.redirect(`/admin/sign-in${back}`, 303);
      }
      throw new ApiError(403, "signed_out", "You are not signed in, or your session has ended. Sign in again; nothing was changed.");
    }
    c.set("desk", session);
    await next();
  };
}

/** The request comes from another site: its browser says so, or its Origin is not this one. */
export function isCrossSite(c: Context<AppEnv>): boolean {
  const fetchSite = c.req.header("sec-fetch-site");
  if (fetchSite !== undefined && fetchSite !== "same-origin" && fetchSite !== "none") return true;
  const origin = c.req.header("origin");
  if (origin === undefined) return false;
  const own = new Set([new URL(c.req.url).origin, new URL(c.get("config").siteUrl).origin]);
  return !own.has(origin);
}

export function deskCsrf(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method) || c.get("csrfChecked") || OPEN_DESK_PATHS.has(c.req.path)) return next();
    if (isCrossSite(c)) throw new ApiError(403, "cross_site", "This form was sent from another site; nothing was changed.");
    const session = c.get("desk");
    const given = await formField(c, CSRF_FIELD);
    if (!session || given === undefined || !(await timingSafeEqual(session.csrf, given))) {
      throw new ApiError(403, "csrf", "This form is out of date or did not come from the desk. Reload the page and try again; nothing was changed.", CSRF_FIELD);
    }
    c.set("csrfChecked", true);
    await next();
  };
}

/** One field of a form body (urlencoded or multipart), or undefined; the body stays readable for the route. */
export async function formField(c: Context<AppEnv>, name: string): Promise<string | undefined> {
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(c.req.header("content-type") ?? "")) return undefined;
  try {
    const value = (await c.req.parseBody({ all: true }))[name];
    return typeof value === "string" ? value : undefined;
  } catch {
    return undefined;
  }
}
