// Signing in to the desk from a worker test: the form's double-submit token, the session
// cookie, and the CSRF token its pages carry.
import { expect } from "vitest";
import { fetchAt } from "./app-at.ts";

export const DESK_TOKEN = "test-author-token-0001";

export interface DeskBrowser {
  /** The cookie header a browser would send to /admin paths. */
  cookie: string;
  /** The session's CSRF token, read from a desk page's form. */
  csrf: string;
}

/** The Set-Cookie values of an answer, by name. */
export function cookiesOf(res: Response): Map<string, { value: string; attributes: string }> {
  const found = new Map<string, { value: string; attributes: string }>();
  for (const line of res.headers.getSetCookie()) {
    const [pair, ...rest] = line.split(";");
    const eq = pair!.indexOf("=");
    found.set(pair!.slice(0, eq).trim(), { value: pair!.slice(eq + 1).trim(), attributes: rest.join(";").trim() });
  }
  return found;
}

/** Opens the sign-in form: its double-submit cookie and field. */
export async function openSignInForm(at: string | number, vars: Partial<Env> = {}): Promise<{ formCookie: string; formField: string }> {
  const res = await fetchAt(at, "/admin/sign-in", undefined, vars);
  expect(res.status).toBe(200);
  const page = await res.text();
  const formField = /name="form" value="([0-9a-f]+)"/.exec(page)![1]!;
  return { formCookie: cookiesOf(res).get("herald_desk_form")!.value, formField };
}

/** Posts the sign-in form with a token; answers the raw response. */
export async function postSignIn(at: string | number, token: string, vars: Partial<Env> = {}, headers: Record<string, string> = {}): Promise<Response> {
  const form = await openSignInForm(at, vars);
  return fetchAt(
    at,
    "/admin/sign-in",
    {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: `herald_desk_form=${form.formCookie}`, ...headers },
      body: new URLSearchParams({ form: form.formField, token }),
      redirect: "manual",
    },
    vars,
  );
}

/** Signs in and reads the CSRF token off the desk's first page. */
export async function signIn(at: string | number, vars: Partial<Env> = {}, token = DESK_TOKEN): Promise<DeskBrowser> {
  const res = await postSignIn(at, token, vars);
  expect(res.status).toBe(303);
  const cookie = `herald_desk=${cookiesOf(res).get("herald_desk")!.value}`;
  const page = await fetchAt(at, "/admin", { headers: { Cookie: cookie } }, vars);
  expect(page.status).toBe(200);
  const csrf = /name="csrf" value="([0-9a-f]+)"/.exec(await page.text())![1]!;
  return { cookie, csrf };
}

/** A desk form post as the desk's own page sends it (same origin, the session's CSRF token). */
export function deskPost(at: string | number, path: string, desk: DeskBrowser, fields: Record<string, string> = {}, vars: Partial<Env> = {}, headers: Record<string, string> = {}): Promise<Response> {
  return fetchAt(
    at,
    path,
    {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: desk.cookie, Origin: "http://127.0.0.1:8787", "Sec-Fetch-Site": "same-origin", ...headers },
      body: new URLSearchParams({ csrf: desk.csrf, ...fields }),
      redirect: "manual",
    },
    vars,
  );
}
