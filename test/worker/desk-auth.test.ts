// The desk's sign-in, session and CSRF rules: who gets in, how long for, what ends a
// session, and that a request failing a check changes nothing.
import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { AFTER_ALL, fetchAt } from "./app-at.ts";
import { cookiesOf, deskPost, DESK_TOKEN, openSignInForm, postSignIn, signIn } from "./desk-helpers.ts";

const NOW = Date.parse(AFTER_ALL);
const sessions = async () => (await env.DB.prepare("SELECT COUNT(*) AS n FROM desk_sessions").first<{ n: number }>())!.n;

beforeEach(async () => {
  await env.DB.batch([env.DB.prepare("DELETE FROM desk_sessions"), env.DB.prepare("DELETE FROM rate_limits")]);
});

describe("signing in", () => {
  it("sends a visitor without a session to the form, and the form asks for the token", async () => {
    const res = await fetchAt(NOW, "/admin/sends", { redirect: "manual" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/admin/sign-in?next=%2Fadmin%2Fsends");
    const form = await fetchAt(NOW, "/admin/sign-in");
    const page = await form.text();
    expect(page).toMatch(/<label for="token">Author token<\/label>/);
    expect(form.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(form.headers.get("content-security-policy")).not.toContain("script-src");
  });

  it("exchanges a right token for a session cookie with every attribute", async () => {
    const res = await postSignIn(NOW, DESK_TOKEN);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/admin");
    const cookie = cookiesOf(res).get("herald_desk")!;
    expect(cookie.attributes).toMatch(/Max-Age=43200/);
    expect(cookie.attributes).toMatch(/Path=\/admin/);
    expect(cookie.attributes).toMatch(/HttpOnly/);
    expect(cookie.attributes).toMatch(/SameSite=Strict/);
    // Served over http here (a loopback site): Secure only on https.
    expect(cookie.attributes).not.toMatch(/Secure/);
    expect(await sessions()).toBe(1);
  });

  it("refuses a wrong token with the form again, and opens nothing", async () => {
    const res = await postSignIn(NOW, "not-the-token");
    expect(res.status).toBe(401);
    expect(cookiesOf(res).has("herald_desk")).toBe(false);
    expect(await res.text()).toMatch(/not an author token/);
    expect(await sessions()).toBe(0);
  });

  it("stops a client after 5 wrong tokens, even when the 6th is right", async () => {
    for (let i = 0; i < 5; i++) expect((await postSignIn(NOW, `wrong-${i}`, {}, { "CF-Connecting-IP": "192.0.2.7" })).status).toBe(401);
    const blocked = await postSignIn(NOW, DESK_TOKEN, {}, { "CF-Connecting-IP": "192.0.2.7" });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await sessions()).toBe(0);
    // Another client is not held back by the first one's tries.
    expect((await postSignIn(NOW, DESK_TOKEN, {}, { "CF-Connecting-IP": "192.0.2.8" })).status).toBe(303);
    // And the first may try again once the window has passed.
    expect((await postSignIn(NOW + 15 * 60_000, DESK_TOKEN, {}, { "CF-Connecting-IP": "192.0.2.7" })).status).toBe(303);
  });

  it("refuses a sign-in form posted without its own form token, or from another site", async () => {
    const form = await openSignInForm(NOW);
    const post = (headers: Record<string, string>, fields: Record<string, string>) =>
      fetchAt(NOW, "/admin/sign-in", { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers }, body: new URLSearchParams(fields), redirect: "manual" });
    expect((await post({}, { token: DESK_TOKEN })).status).toBe(403);
    expect((await post({ Cookie: `herald_desk_form=${form.formCookie}` }, { token: DESK_TOKEN, form: "0".repeat(32) })).status).toBe(403);
    expect((await post({ Cookie: `herald_desk_form=${form.formCookie}`, Origin: "https://evil.example" }, { token: DESK_TOKEN, form: form.formField })).status).toBe(403);
    expect(await sessions()).toBe(0);
  });
});

describe("a session", () => {
  it("opens the desk's pages", async () => {
    const desk = await signIn(NOW);
    const res = await fetchAt(NOW, "/admin", { headers: { Cookie: desk.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("ends at 12 hours", async () => {
    const desk = await signIn(NOW);
    expect((await fetchAt(NOW + 12 * 3600_000 - 1000, "/admin", { headers: { Cookie: desk.cookie }, redirect: "manual" })).status).toBe(200);
    expect((await fetchAt(NOW + 12 * 3600_000, "/admin", { headers: { Cookie: desk.cookie }, redirect: "manual" })).status).toBe(303);
  });

  it("ends on sign-out: the old cookie opens nothing", async () => {
    const desk = await signIn(NOW);
    const out = await deskPost(NOW, "/admin/sign-out", desk);
    expect(out.status).toBe(303);
    expect(cookiesOf(out).get("herald_desk")!.attributes).toMatch(/Max-Age=0/);
    expect(await sessions()).toBe(0);
    expect((await fetchAt(NOW, "/admin", { headers: { Cookie: desk.cookie }, redirect: "manual" })).status).toBe(303);
  });

  it("ends when its token is taken out of AUTHOR_TOKEN, and not when another one is", async () => {
    const both = { AUTHOR_TOKEN: "test-author-token-0001,test-author-token-0002" };
    const desk = await signIn(NOW, both, "test-author-token-0002");
    expect((await fetchAt(NOW, "/admin", { headers: { Cookie: desk.cookie }, redirect: "manual" }, { AUTHOR_TOKEN: "test-author-token-0002" })).status).toBe(200);
    expect((await fetchAt(NOW, "/admin", { headers: { Cookie: desk.cookie }, redirect: "manual" }, { AUTHOR_TOKEN: "test-author-token-0001" })).status).toBe(303);
    // Gone for good: putting the token back does not bring the session back.
    expect((await fetchAt(NOW, "/admin", { headers: { Cookie: desk.cookie }, redirect: "manual" }, both)).status).toBe(303);
  });

  it("ends when the key that signed its cookie is dropped, and holds through a rotation that keeps it", async () => {
    const old = { SIGNING_SECRET: "k1:desk-old-signing-key" };
    const desk = await signIn(NOW, old);
    expect((await fetchAt(NOW, "/admin", { headers: { Cookie: desk.cookie }, redirect: "manual" }, { SIGNING_SECRET: "k2:desk-new-signing-key,k1:desk-old-signing-key" })).status).toBe(200);
    expect((await fetchAt(NOW, "/admin", { headers: { Cookie: desk.cookie }, redirect: "manual" }, { SIGNING_SECRET: "k2:desk-new-signing-key" })).status).toBe(303);
  });

  it("is not opened by a forged, tampered or expired cookie", async () => {
    const desk = await signIn(NOW);
    const value = desk.cookie.slice("herald_desk=".length);
    const [kid, payload, sig] = value.split(".");
    const flip = (s: string) => (s[0] === "A" ? "B" : "A") + s.slice(1);
    const forged = [
      `${kid}.${payload}.${flip(sig!)}`,
      `${kid}.${flip(payload!)}.${sig}`,
      "k2.eyJwIjoiZGVzayIsInMiOiIwMDAwIn0.AAAA",
      "nonsense",
    ];
    for (const cookie of forged) {
      const res = await fetchAt(NOW, "/admin", { headers: { Cookie: `herald_desk=${cookie}` }, redirect: "manual" });
      expect(res.status, cookie).toBe(303);
    }
    // Expired: the cookie's own expiry, even with its row still there.
    expect((await fetchAt(NOW + 13 * 3600_000, "/admin", { headers: { Cookie: desk.cookie }, redirect: "manual" })).status).toBe(303);
  });
});

describe("state changes", () => {
  it("without the CSRF token, with a wrong one, or from another site, change nothing", async () => {
    const desk = await signIn(NOW);
    const attempts: { fields: Record<string, string>; headers: Record<string, string> }[] = [
      { fields: { csrf: "" }, headers: {} },
      { fields: { csrf: "0".repeat(64) }, headers: {} },
      { fields: {}, headers: { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" } },
      { fields: {}, headers: { "Sec-Fetch-Site": "same-site" } },
    ];
    for (const { fields, headers } of attempts) {
      const res = await deskPost(NOW, "/admin/sign-out", desk, fields, {}, headers);
      expect(res.status).toBe(403);
      expect(res.headers.get("content-type")).toMatch(/text\/html/);
    }
    expect(await sessions()).toBe(1);
  });

  it("without a session answer 403 and change nothing", async () => {
    const desk = await signIn(NOW);
    const res = await deskPost(NOW, "/admin/sign-out", { cookie: "", csrf: desk.csrf });
    expect(res.status).toBe(403);
    expect(await sessions()).toBe(1);
  });
});

describe("the sign-in form's limits", () => {
  it("refuses an oversized form in words about the token, opening nothing", async () => {
    const form = await openSignInForm(NOW);
    const res = await fetchAt(NOW, "/admin/sign-in", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: `herald_desk_form=${form.formCookie}` },
      body: new URLSearchParams({ form: form.formField, token: "a".repeat(10_000) }),
      redirect: "manual",
    });
    expect(res.status).toBe(413);
    const page = await res.text();
    expect(page).toContain("sign-in form takes");
    expect(page).not.toContain("email address");
    expect(await sessions()).toBe(0);
  });

  it("sends a signed-in author back only to a desk page, never along dot segments", async () => {
    for (const [next, lands] of [
      ["/admin/sends?before=4", "/admin/sends?before=4"],
      ["/admin/../unsubscribe?token=x", "/admin"],
      ["/admin/../..//evil.example", "/admin"],
      ["/admin/%2e%2e/x", "/admin"],
      ["//evil.example/admin", "/admin"],
      ["https://evil.example/admin", "/admin"],
    ]) {
      const form = await openSignInForm(NOW);
      const res = await fetchAt(NOW, `/admin/sign-in?next=${encodeURIComponent(next!)}`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: `herald_desk_form=${form.formCookie}` },
        body: new URLSearchParams({ form: form.formField, token: DESK_TOKEN }),
        redirect: "manual",
      });
      expect(res.headers.get("location"), next).toBe(lands);
    }
  });
});
