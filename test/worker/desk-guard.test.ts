// Every route of every desk router is guarded: without a session a page sends the browser
// to sign in and a state change is refused; with a session, a state change without the
// session's CSRF token, with another one, or from another site is refused. Each refusal is
// a 403 page and leaves every table as it was.
import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { DESK_ROUTERS } from "../../src/app.ts";
import { AFTER_ALL, fetchAt } from "./app-at.ts";
import { deskPost, signIn } from "./desk-helpers.ts";
import { addSubscribers, clearLedger } from "./sending-helpers.ts";

const NOW = Date.parse(AFTER_ALL);
const TABLES = ["sends", "deliveries", "subscribers", "subscriber_status_log", "desk_sessions", "alerts"];

/** A concrete path for a route pattern: `:action{pause|…}` takes its first choice, other parameters a sample. */
const SAMPLES: Record<string, string> = { date: "2015-11-11", id: "1" };
const concrete = (pattern: string) => pattern.replace(/:(\w+)(?:\{([^}|]+)[^}]*\})?/g, (_, name: string, first?: string) => first ?? SAMPLES[name] ?? "1");

const routes = DESK_ROUTERS.flatMap((router) => router.routes.filter((r) => r.method !== "ALL").map((r) => ({ method: r.method, path: concrete(r.path) })));
const changes = routes.filter((r) => r.method !== "GET");
const pages = routes.filter((r) => r.method === "GET");

/** Fields that would do something if a check let the request through. */
const FIELDS: Record<string, string> = { email: "guarded@example.com", to: "guarded@example.com", date: "2015-11-11", confirm: "yes", csv: "email\nnewcomer@example.com\n", consent: "asserted" };

async function snapshot(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) counts[table] = (await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table}`).first<{ n: number }>())!.n;
  const send = await env.DB.prepare("SELECT group_concat(status) AS s FROM sends").first<{ s: string | null }>();
  counts[`sends:${send?.s ?? ""}`] = 1;
  return counts;
}

beforeEach(async () => {
  await clearLedger();
  await env.DB.batch([env.DB.prepare("DELETE FROM desk_sessions"), env.DB.prepare("DELETE FROM rate_limits")]);
});

describe("the desk's routes", () => {
  it("are found", () => {
    expect(changes.length).toBeGreaterThan(0);
    expect(pages.length).toBeGreaterThan(0);
  });

  it("send a browser without a session to sign in, from every page", async () => {
    for (const { path } of pages) {
      const res = await fetchAt(NOW, path, { redirect: "manual" });
      expect(res.status, path).toBe(303);
      expect(res.headers.get("location"), path).toMatch(/^\/admin\/sign-in/);
    }
  });

  it("refuse every state change without a session, without the CSRF token, with a wrong one, or cross-site, and change nothing", async () => {
    // The erase form names a real subscriber: a check that let it through would erase them.
    const [person] = await addSubscribers(3);
    const fields = { ...FIELDS, email: person!.email };
    const desk = await signIn(NOW);
    const before = await snapshot();
    const refusals: [string, Parameters<typeof deskPost>][] = [];
    for (const { method, path } of changes) {
      expect(method, path).toBe("POST");
      refusals.push(
        ["no session", [NOW, path, { cookie: "", csrf: desk.csrf }, fields]],
        ["no CSRF token", [NOW, path, desk, { ...fields, csrf: "" }]],
        ["a wrong CSRF token", [NOW, path, desk, { ...fields, csrf: "f".repeat(64) }]],
        ["cross-site, with the token", [NOW, path, desk, fields, {}, { Origin: "https://elsewhere.example", "Sec-Fetch-Site": "cross-site" }]],
        ["same-site but another origin", [NOW, path, desk, fields, {}, { Origin: "http://desk.127.0.0.1.example:8787", "Sec-Fetch-Site": "same-site" }]],
      );
    }
    for (const [what, args] of refusals) {
      const res = await deskPost(...args);
      expect(res.status, `${args[1]}: ${what}`).toBe(403);
      expect(await res.text(), `${args[1]}: ${what}`).toMatch(/nothing was changed/);
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe("the desk's body cap", () => {
  it("refuses a form past it before reading it, with a page that says so", async () => {
    const desk = await signIn(NOW);
    const res = await deskPost(NOW, "/admin/sign-out", desk, { filler: "x".repeat(2 * 1024 * 1024) });
    expect(res.status).toBe(413);
    expect(await res.text()).toMatch(/more than the desk takes/);
    expect((await env.DB.prepare("SELECT COUNT(*) AS n FROM desk_sessions").first<{ n: number }>())!.n).toBe(1);
  });
});

describe("paths the desk does not have", () => {
  it("answer the desk's own page, 404, or 405 naming the methods a path answers; /admin/ goes to /admin", async () => {
    const desk = await signIn(NOW);
    const get = (path: string, method = "GET") => fetchAt(NOW, path, { method, headers: { Cookie: desk.cookie }, redirect: "manual" });
    const missing = await get("/admin/no-such-page");
    expect(missing.status).toBe(404);
    const page = await missing.text();
    expect(page).toContain("The desk has no page at /admin/no-such-page.");
    expect(page).toContain('<nav class="desk"');
    const wrong = await get("/admin/sends/1/pause");
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("POST");
    expect(await wrong.text()).toContain("it answers POST");
    const slash = await get("/admin/");
    expect(slash.status).toBe(308);
    expect(slash.headers.get("location")).toBe("/admin");
    const subscribersSlash = await get("/admin/subscribers/?q=x");
    expect(subscribersSlash.status).toBe(308);
    expect(subscribersSlash.headers.get("location")).toBe("/admin/subscribers?q=x");
    // The desk's first page takes no POST: its own 405, not the site's 404.
    const postToday = await deskPost(NOW, "/admin", desk);
    expect(postToday.status).toBe(405);
    expect(postToday.headers.get("allow")).toBe("GET, HEAD");
    expect(await postToday.text()).toContain('<nav class="desk"');
    // Without a session, nothing about the desk's paths is told: sign in first.
    expect((await fetchAt(NOW, "/admin/no-such-page", { redirect: "manual" })).status).toBe(303);
  });
});
