// The desk's Today page: which email comes next, its figures per variant, the framed preview
// and its own frame policy, the test send, and send-now behind a dry-run confirmation that
// a double press cannot turn into two sends.
import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import type { SendingDeps } from "../../src/sending/sending-deps.ts";
import { AFTER_ALL, fetchAt } from "./app-at.ts";
import { signIn, type DeskBrowser } from "./desk-helpers.ts";
import { seedSend } from "./desk-seeds.ts";
import { addSubscribers, capturingQueue, clearLedger, DAY1, DAY1_DUE, MIXED_FOLLOWS, testDeps, VARIANT_DAY } from "./sending-helpers.ts";

const AT = Date.parse(AFTER_ALL);

let desk: DeskBrowser;
let deps: SendingDeps;
beforeEach(async () => {
  await clearLedger();
  await env.DB.prepare("DELETE FROM desk_sessions").run();
  desk = await signIn(AT);
  // A captured queue: a send started here stays where it is, and no mail leaves.
  deps = testDeps(() => AT, { queue: capturingQueue().queue });
});

const get = (path: string) => fetchAt(AT, path, { headers: { Cookie: desk.cookie }, redirect: "manual" }, {}, { sending: () => deps });
const post = (path: string, fields: Record<string, string | string[]>) => {
  const body = new URLSearchParams({ csrf: desk.csrf });
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one);
  return fetchAt(AT, path, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: desk.cookie, Origin: "http://127.0.0.1:8787", "Sec-Fetch-Site": "same-origin" }, body, redirect: "manual" }, {}, { sending: () => deps });
};
const sends = async () => (await env.DB.prepare("SELECT id, kind, date, status FROM sends ORDER BY id").all<{ id: number; kind: string; date: string; status: string }>()).results;

describe("which email Today shows", () => {
  it("picks the newest date whose send has not been made, and lists the others as links", async () => {
    const first = await (await get("/admin")).text();
    expect(first).toContain("<h1>Today</h1>");
    expect(first).toMatch(/<dt>Date<\/dt><dd>2015-11-11<\/dd>/);
    const sent = await seedSend({ date: "2015-11-11", status: "done", rows: [], at: AT });
    const next = await (await get("/admin")).text();
    expect(next).toMatch(/<dt>Date<\/dt><dd>2015-11-10<\/dd>/);
    expect(next).toContain(`<a href="/admin?date=2015-11-11">2015-11-11</a> — <a href="/admin/sends/${sent}">send #${sent}</a> (done)`);
    expect(next).toContain('<a href="/admin?date=2015-11-09">2015-11-09</a> — not sent');
  });

  it("shows a date's time in TIMEZONE, subject, recipients per variant, and a link to its send once made", async () => {
    await addSubscribers(8, undefined, "active", MIXED_FOLLOWS);
    const page = await (await get(`/admin?date=${VARIANT_DAY}`)).text();
    expect(page).toContain("was due Tuesday 10 November 2015 at 19:00 (America/Los_Angeles; the daily send goes out at 19:00)");
    expect(page).toContain("8 active subscribers would get it now.");
    const rows = [...page.matchAll(/<tr><td>([^<]+)<\/td><td>[^<]+<\/td><td class="num">(\d+)<\/td>/g)].map((m) => [m[1], Number(m[2])]);
    expect(rows).toHaveLength(3);
    expect(rows.reduce((n, r) => n + (r[1] as number), 0)).toBe(8);
    expect(page).toContain("Not sent: no daily send was made for this date.");
    const id = await seedSend({ date: VARIANT_DAY, status: "sending", rows: [], at: AT });
    const after = await (await get(`/admin?date=${VARIANT_DAY}`)).text();
    expect(after).toContain(`<dt>Its send</dt><dd><a href="/admin/sends/${id}">Send #${id}</a> (sending)</dd>`);
    expect(after).not.toContain('action="/admin/send-now"');
  });

  it("frames the preview in a sandbox that allows only popups out of it, and shows the text version", async () => {
    const res = await get(`/admin?date=${DAY1}`);
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(res.headers.get("content-security-policy")).toContain("frame-src 'self'");
    const page = await res.text();
    expect(page).toMatch(new RegExp(`<iframe class="preview" sandbox="allow-popups allow-popups-to-escape-sandbox" src="/admin/preview/${DAY1}" title="The ${DAY1} email as subscribers will see it"></iframe>`));
    expect(page).not.toMatch(/allow-scripts|allow-same-origin|allow-forms/);
    expect(page).toMatch(/<pre class="text-version">[^<]*KubeCon 2015/);
    expect(page).toContain(`<a href="/admin/preview/${DAY1}">Open the email on its own page</a>`);
  });

  it("says so when a day has no posts, with nothing to send", async () => {
    const res = await get("/admin?date=2015-11-12");
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain("2015-11-12 has no published posts that its email would carry, so there is nothing to send.");
    expect(page).not.toContain("<iframe");
    expect(page).not.toContain('action="/admin/test-send"');
  });

  it("refuses a date that is no calendar date, naming the field", async () => {
    const res = await get("/admin?date=2015-02-30");
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("The date must be a real calendar date written YYYY-MM-DD");
  });
});

describe("an old or cancelled date", () => {
  it("says the daily job would skip a date due more than SEND_LATENESS_HOURS ago, and still offers it by hand", async () => {
    const page = await (await get(`/admin?date=${DAY1}`)).text();
    expect(page).toContain("The daily job no longer sends this one by itself: it is more than 6 hours late. You can still send it by hand.");
    expect(page).toContain('action="/admin/send-now"');
    // An hour after it was due, the job would still send it.
    const soon = DAY1_DUE + 60 * 60_000;
    const early = await signIn(soon);
    const res = await fetchAt(soon, `/admin?date=${DAY1}`, { headers: { Cookie: early.cookie } }, {}, { sending: () => testDeps(() => soon, { queue: capturingQueue().queue }) });
    const fresh = await res.text();
    expect(fresh).toContain(`<dt>Date</dt><dd>${DAY1}</dd>`);
    expect(fresh).not.toContain("no longer sends this one by itself");
  });

  it("a date whose send was cancelled says so with a link, and offers neither recipients nor send-now", async () => {
    await addSubscribers(2);
    const id = await seedSend({ date: DAY1, status: "cancelled", rows: [], at: AT });
    const page = await (await get(`/admin?date=${DAY1}`)).text();
    expect(page).toContain(`The ${DAY1} email's send was cancelled: <a href="/admin/sends/${id}">send #${id}</a>.`);
    expect(page).not.toContain("would get it now");
    expect(page).not.toContain('action="/admin/send-now"');
    expect(page).not.toContain("no longer sends this one by itself");
  });
});

describe("the framed preview", () => {
  it("answers the email with frame-ancestors 'self' and SAMEORIGIN, where the desk's pages keep 'none'", async () => {
    const res = await get(`/admin/preview/${DAY1}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'self'");
    expect(res.headers.get("content-security-policy")).not.toContain("frame-ancestors 'none'");
    expect(res.headers.get("x-frame-options")).toBe("SAMEORIGIN");
    // Framed in an empty sandbox (an opaque origin), it cannot be origin-keyed; Chromium would warn.
    expect(res.headers.get("origin-agent-cluster")).toBeNull();
    expect(res.headers.get("cache-control")).toBe("no-store");
    const framed = await res.text();
    expect(framed).toContain("<!doctype html>");
    // Its links open as new tabs: navigating the frame would load a page that refuses to be framed.
    expect(framed).toMatch(/<head(?:\s[^>]*)?><base target="_blank">/);
    expect(framed.match(/<base /g)).toHaveLength(1);
    for (const path of ["/admin", "/admin/sends", `/admin/send-now?date=${DAY1}`]) {
      const page = await get(path);
      expect(page.headers.get("content-security-policy"), path).toContain("frame-ancestors 'none'");
      expect(page.headers.get("x-frame-options"), path).toBe("DENY");
    }
  });

  it("leaves the API's preview without the frame's base target", async () => {
    const token = env.AUTHOR_TOKEN.split(",")[0]!.trim();
    const api = await fetchAt(AT, `/api/preview/${DAY1}`, { headers: { Authorization: `Bearer ${token}` } }, {}, { sending: () => deps });
    expect(api.status).toBe(200);
    expect(await api.text()).not.toContain('<base target="_blank">');
  });

  it("shows a variant with ?events=, and refuses unknown events and days without posts", async () => {
    const variant = await get(`/admin/preview/${VARIANT_DAY}?events=container-night-sf-2015`);
    expect(variant.status).toBe(200);
    expect(await variant.text()).not.toContain("Day 2: Stateful apps");
    const unknown = await get(`/admin/preview/${VARIANT_DAY}?events=nope`);
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain("The events field names no event or series of this site");
    expect((await get("/admin/preview/2015-11-12")).status).toBe(404);
    expect((await get("/admin/preview/11-12-2015")).status).toBe(400);
  });

  it("needs a session like every desk page", async () => {
    const res = await fetchAt(AT, `/admin/preview/${DAY1}`, { redirect: "manual" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/admin/sign-in?next=${encodeURIComponent(`/admin/preview/${DAY1}`)}`);
  });
});

describe("a test send from Today", () => {
  it("makes a test send to the addresses given and goes to its page", async () => {
    const res = await post("/admin/test-send", { date: DAY1, to: "one@example.com,\n two@Example.COM" });
    expect(res.status).toBe(303);
    const [send] = await sends();
    expect(send).toMatchObject({ kind: "test", date: DAY1 });
    expect(res.headers.get("location")).toBe(`/admin/sends/${send!.id}?done=test`);
    const { results } = await env.DB.prepare("SELECT email FROM deliveries WHERE send_id = ?1 ORDER BY email").bind(send!.id).all<{ email: string }>();
    expect(results.map((r) => r.email)).toEqual(["one@example.com", "two@example.com"]);
  });

  it("mails an address once however its case is written, keeping the first spelling", async () => {
    const res = await post("/admin/test-send", { date: DAY1, to: "dup@example.com, DUP@example.com\nDup@Example.com" });
    expect(res.status).toBe(303);
    const [send] = await sends();
    const { results } = await env.DB.prepare("SELECT email FROM deliveries WHERE send_id = ?1").bind(send!.id).all<{ email: string }>();
    expect(results.map((r) => r.email)).toEqual(["dup@example.com"]);
  });

  it("a bad address list for a date without posts is the refusal's own page, since there is no form to fill", async () => {
    const res = await post("/admin/test-send", { date: "1999-01-01", to: "not-an-address" });
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain("“not-an-address” is not an address we can send to");
    expect(page).not.toContain('id="to"');
    expect(await sends()).toEqual([]);
  });

  it("a date without posts answers the desk's sentence, for a test and for send-now, and sends nothing", async () => {
    const cases: [string, Record<string, string>][] = [["/admin/test-send", { date: "1999-01-01", to: "a@example.com" }], ["/admin/send-now", { date: "1999-01-01" }]];
    for (const [path, fields] of cases) {
      const res = await post(path, fields);
      expect(res.status, path).toBe(404);
      const page = await res.text();
      expect(page).toContain("1999-01-01 has no published posts, so there is no email to send.");
      expect(page).not.toContain("no published posts for 1999-01-01");
    }
    expect(await sends()).toEqual([]);
  });

  it("refuses no address, too many and a bad one with a 400 naming the field, and sends nothing", async () => {
    const cases: [string, string][] = [
      ["", "Enter at least one address"],
      [Array.from({ length: 21 }, (_, i) => `p${i}@example.com`).join("\n"), "takes up to 20 addresses; it had 21"],
      ["good@example.com, not-an-address", "“not-an-address” is not an address we can send to"],
    ];
    for (const [to, sentence] of cases) {
      const res = await post("/admin/test-send", { date: DAY1, to });
      expect(res.status).toBe(400);
      const page = await res.text();
      expect(page).toContain(sentence);
      // Back on Today, next to the field, with what was typed still in it (escaped).
      expect(page).toMatch(/<p class="notice" id="to-error" role="alert">[^<]*Nothing was sent\.<\/p>/);
      expect(/<textarea id="to"[^>]*>([^<]*)<\/textarea>/.exec(page)?.[1]).toBe(to);
      expect(page).toMatch(/<textarea id="to"[^>]* aria-invalid="true" aria-describedby="to-error"/);
    }
    const hostile = await post("/admin/test-send", { date: DAY1, to: "</textarea><script>alert(1)</script>" });
    expect(hostile.status).toBe(400);
    expect(await hostile.text()).toContain("&lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt;</textarea>");
    const badDate = await post("/admin/test-send", { date: "yesterday", to: "a@example.com" });
    expect(badDate.status).toBe(400);
    expect(await sends()).toEqual([]);
  });
});

describe("sending the day's email now", () => {
  it("first shows what the dry run says, changing nothing", async () => {
    await addSubscribers(3);
    const res = await get(`/admin/send-now?date=${DAY1}`);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain("<strong>3 subscribers</strong>");
    expect(page).toContain("Yes, send it to 3 subscribers");
    expect(page).toMatch(/name="csrf"/);
    expect(await sends()).toEqual([]);
  });

  it("the confirming POST starts the send once; a second press is a 409 naming the send it made", async () => {
    await addSubscribers(3);
    const first = await post("/admin/send-now", { date: DAY1 });
    expect(first.status).toBe(303);
    const made = await sends();
    expect(made).toHaveLength(1);
    expect(first.headers.get("location")).toBe(`/admin/sends/${made[0]!.id}?done=started`);
    const again = await post("/admin/send-now", { date: DAY1 });
    expect(again.status).toBe(409);
    const page = await again.text();
    expect(page).toContain(`Nothing new was sent: a date is sent once`);
    expect(page).toContain(`<a href="/admin/sends/${made[0]!.id}">send #${made[0]!.id}</a>`);
    expect(await sends()).toHaveLength(1);
    // Its confirmation page now says so instead of offering the button.
    const ask = await (await get(`/admin/send-now?date=${DAY1}`)).text();
    expect(ask).toContain("already has its send");
    expect(ask).not.toContain("Yes, send it");
  });

  it("says how many get it now and how many at the delivery time they chose", async () => {
    const people = await addSubscribers(3);
    await env.DB.prepare("UPDATE subscribers SET delivery = '07:00', zone = 'Europe/Berlin' WHERE id = ?1").bind(people[0]!.id).run();
    const page = await (await get(`/admin/send-now?date=${DAY1}`)).text();
    expect(page).toContain("to <strong>3 subscribers</strong>: 2 now and 1 at the delivery time they chose");
    expect(page).not.toContain("subscribers</strong> now");
  });

  it("a date without posts has nothing to confirm", async () => {
    const res = await get("/admin/send-now?date=2015-11-12");
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("has no published posts");
    const sent = await post("/admin/send-now", { date: "2015-11-12" });
    expect(sent.status).toBe(404);
    expect(await sends()).toEqual([]);
  });
});
