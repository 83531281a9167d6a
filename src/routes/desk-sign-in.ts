// Signing in to the desk and out of it, and the desk's stylesheet. Sign-in takes one of
// AUTHOR_TOKEN in a form and answers a session cookie; the form itself is guarded by a
// double-submit token (a cookie and a field that must match) besides the cross-site check,
// so another site cannot sign a browser in to its own session.
import { Hono, type Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { html } from "hono/html";
import { timingSafeEqual } from "hono/utils/buffer";
import type { AppEnv } from "../app-env.ts";
import { deskRouter } from "../desk/desk-router.ts";
import { formField, isCrossSite, isSecureRequest } from "../desk/desk-guard.ts";
import { deskErrorPage, deskPage } from "../desk/desk-page.ts";
import { closeSession, matchAuthorToken, openSession, randomHex, readSession, SESSION_COOKIE, SESSION_MS, sessionCookieOptions } from "../desk/desk-session.ts";
import { DESK_STYLE, DESK_STYLE_PATH } from "../desk/desk-style.ts";
import { countSignInFailure, signInBlocked } from "../desk/sign-in-limits.ts";
import { ApiError } from "../http/api-error.ts";
import { htmlErrors } from "../http/html-errors.ts";
import { limitBody } from "../http/limit-body.ts";
import { counted } from "../desk/counted.ts";

const SIGN_IN_PATH = "/admin/sign-in";
const FORM_COOKIE = "herald_desk_form";

export const deskSignIn = new Hono<AppEnv>();

deskSignIn.get(DESK_STYLE_PATH, (c) => {
  c.header("Cache-Control", "public, max-age=3600");
  return c.body(DESK_STYLE, 200, { "Content-Type": "text/css; charset=utf-8" });
});

/** Where to go once signed in: a desk path the sign-in was asked from, else the desk's first page. */
function nextPath(value: string | undefined): string {
  if (!value || !/^\/admin(\/[A-Za-z0-9/_.-]*)?(\?[^\s#]*)?$/.test(value) || value.startsWith(SIGN_IN_PATH)) return "/admin";
  // No dot segments nor empty ones: the path must stay in the desk as the browser resolves it.
  const path = value.split("?")[0]!;
  return path.split("/").slice(1).some((segment) => segment === "." || segment === ".." || segment === "") ? "/admin" : value;
}

async function signInForm(c: Context<AppEnv>, status: 200 | 400 | 401 | 403 | 429 = 200, problem?: string) {
  const formToken = randomHex(16);
  setCookie(c, FORM_COOKIE, formToken, { path: SIGN_IN_PATH, httpOnly: true, sameSite: "Strict", secure: isSecureRequest(c), maxAge: 3600 });
  const next = nextPath(c.req.query("next"));
  const signedOut = c.req.query("signed-out") !== undefined;
  return deskPage(
    c,
    {
      title: "Sign in",
      body: html`<h1>Sign in to the desk</h1>
${signedOut && !problem ? html`<p class="notice" role="status">You are signed out.</p>` : ""}
<form method="post" action="${SIGN_IN_PATH}${next === "/admin" ? "" : `?next=${encodeURIComponent(next)}`}">
<input type="hidden" name="form" value="${formToken}">
<div class="field"><label for="token">Author token</label>
<input id="token" name="token" type="password" autocomplete="current-password" required${problem ? html` aria-invalid="true" aria-describedby="token-error"` : ""}>
${problem ? html`<p class="field-error error" id="token-error" role="alert">${problem}</p>` : ""}</div>
<p class="muted">One of the tokens in <code>AUTHOR_TOKEN</code>. The session lasts 12 hours, on this browser only.</p>
<p><button type="submit">Sign in</button></p>
</form>`,
    },
    status,
  );
}

deskSignIn.get(SIGN_IN_PATH, htmlErrors(deskErrorPage), async (c) => {
  const session = await readSession(c.env.DB, c.get("config"), getCookie(c, SESSION_COOKIE), c.get("deps").now());
  if (session) return c.redirect(nextPath(c.req.query("next")), 303);
  return signInForm(c);
});

deskSignIn.post(SIGN_IN_PATH, htmlErrors(deskErrorPage), limitBody(4096, "That was more than the sign-in form takes: an author token is a line of text. Check what was pasted and try again.", "sign_in_too_large"), async (c) => {
  c.header("Cache-Control", "no-store");
  if (isCrossSite(c)) throw new ApiError(403, "cross_site", "This form was sent from another site; nothing was changed.");
  const expected = getCookie(c, FORM_COOKIE);
  const given = await formField(c, "form");
  if (!expected || !given || !(await timingSafeEqual(expected, given))) {
    return signInForm(c, 403, "This sign-in form was out of date. Enter the token again.");
  }
  const db = c.env.DB;
  const now = c.get("deps").now();
  const client = c.req.header("cf-connecting-ip") ?? "unknown";
  const wait = await signInBlocked(db, client, now);
  if (wait !== undefined) {
    c.header("Retry-After", String(wait));
    const minutes = Math.max(1, Math.ceil(wait / 60));
    return signInForm(c, 429, `Too many wrong tokens were tried from your network. Try again in ${counted(minutes, "minute")}.`);
  }
  const token = await formField(c, "token");
  if (!token) return signInForm(c, 400, "Enter the author token.");
  const matched = await matchAuthorToken(c.get("config"), token);
  if (!matched) {
    await countSignInFailure(db, client, now);
    return signInForm(c, 401, "That is not an author token. Check for a missing character and try again.");
  }
  const { cookie } = await openSession(db, c.get("config"), matched, now);
  deleteCookie(c, FORM_COOKIE, { path: SIGN_IN_PATH, secure: isSecureRequest(c) });
  setCookie(c, SESSION_COOKIE, cookie, sessionCookieOptions(isSecureRequest(c), SESSION_MS / 1000));
  return c.redirect(nextPath(c.req.query("next")), 303);
});

export const deskSignOut = deskRouter();

deskSignOut.post("/admin/sign-out", async (c) => {
  await closeSession(c.env.DB, c.get("desk")!);
  deleteCookie(c, SESSION_COOKIE, sessionCookieOptions(isSecureRequest(c), 0));
  return c.redirect(`${SIGN_IN_PATH}?signed-out`, 303);
});
