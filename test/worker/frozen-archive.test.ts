// /emails/:date of a day whose send went out is the web version that send froze, byte for
// byte, whatever the content or the settings do later; a day without such a send is
// rendered as before. Neither carries any recipient's data.
import { env } from "cloudflare:test";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { runDailyJob } from "../../src/sending/daily-job.ts";
import { fetchAt } from "./app-at.ts";
import { addSubscribers, capturingQueue, clearLedger, config, DAY1, DAY1_DUE, drain, testDeps, waitForStatus } from "./sending-helpers.ts";
import { inbox } from "./subscription-helpers.ts";

beforeEach(clearLedger);
afterAll(clearLedger);

const AUTH = { Authorization: "Bearer test-author-token-0001", "Content-Type": "application/json" };
const LATER = "2016-01-15T12:00:00Z";
const RENAMED = { SITE_TITLE: "Renamed Recaps", POSTAL_ADDRESS: "2 Other Road, Elsewhere" };

/** The day's send, as the scheduled job makes it at `at`, delivered to everyone through the played queue. */
async function sendDay(at: number) {
  const q = capturingQueue();
  const deps = testDeps(() => at, { queue: q.queue });
  await runDailyJob(deps, at);
  await drain(q, deps);
}

async function storedWebHtml(date: string) {
  return (await env.DB.prepare("SELECT web_html FROM sends WHERE daily_date = ?1").bind(date).first<{ web_html: string | null }>())?.web_html;
}

describe("the archive of a day whose send went out", () => {
  it("serves what the send froze, byte for byte, after the site title, address and SEND_AT change", async () => {
    await sendDay(DAY1_DUE);
    const asSent = await (await fetchAt(DAY1_DUE + 60_000, `/emails/${DAY1}`)).text();
    expect(asSent).toContain("Kubernetes 1.1");
    // A later SEND_AT moves Day 1 (18:30) out of 11-09's window; a new title and address change every rendered page.
    for (const vars of [RENAMED, { SEND_AT: "18:00" }, { ...RENAMED, SEND_AT: "18:00", TIMEZONE: "Asia/Tokyo" }]) {
      const res = await fetchAt(LATER, `/emails/${DAY1}`, undefined, vars);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe(asSent);
    }
    expect(await storedWebHtml(DAY1)).toBe(asSent);
  });

  it("has no recipient data: no address, no unsubscribe link or token, no marker", async () => {
    const people = await addSubscribers(2);
    await sendDay(DAY1_DUE);
    const send = await env.DB.prepare("SELECT id, snapshot FROM sends WHERE daily_date = ?1").bind(DAY1).first<{ id: number; snapshot: string }>();
    await waitForStatus(send!.id, ["done"]);
    const mail = (await inbox(people[0]!.email))[0]!;
    const token = /unsubscribe\?token=([^"&\s]+)/.exec(mail.body.html)![1]!;
    const { markers } = JSON.parse(send!.snapshot) as { markers: { email: string; unsubscribeUrl: string } };
    const html = await (await fetchAt(LATER, `/emails/${DAY1}`)).text();
    for (const forbidden of [...people.map((p) => p.email), token, "/unsubscribe", markers.email, markers.unsubscribeUrl, "[[herald-"]) expect(html).not.toContain(forbidden);
    expect(html).toContain(`This is the web version of the ${config.siteTitle} email`);
  });

  it("takes its ETag from the stored version, answers 304 to it, and keeps both when the settings change", async () => {
    await sendDay(DAY1_DUE);
    const first = await fetchAt(DAY1_DUE + 60_000, `/emails/${DAY1}`);
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"[0-9a-z]+"$/);
    const later = await fetchAt(LATER, `/emails/${DAY1}`, undefined, RENAMED);
    expect(later.headers.get("etag")).toBe(etag);
    // It never changes, so a cache may keep it longer than a page rendered from today's content.
    expect(first.headers.get("cache-control")).toBe("public, max-age=86400");
    const revalidated = await fetchAt(LATER, `/emails/${DAY1}`, { headers: { "If-None-Match": etag } }, RENAMED);
    expect(revalidated.status).toBe(304);
    expect(await revalidated.text()).toBe("");
  });

  it("stays frozen for a cancelled send, whose first mails went out", async () => {
    await sendDay(DAY1_DUE);
    const asSent = await (await fetchAt(DAY1_DUE + 60_000, `/emails/${DAY1}`)).text();
    await env.DB.prepare("UPDATE sends SET status = 'cancelled' WHERE daily_date = ?1").bind(DAY1).run();
    expect(await (await fetchAt(LATER, `/emails/${DAY1}`, undefined, RENAMED)).text()).toBe(asSent);
  });

  it("is served and listed from the moment an author sends the day early, before it is due", async () => {
    const early = "2015-11-11T18:00:00-08:00"; // 11-11 is due at 19:00; both of its posts are out
    const res = await fetchAt(early, "/api/sends", { method: "POST", headers: AUTH, body: JSON.stringify({ date: "2015-11-11" }) }, {}, { sending: (e, c) => testDeps(() => Date.parse(early), { config: c, queue: capturingQueue().queue }) });
    expect(res.status).toBe(202);
    expect((await fetchAt(early, "/emails/2015-11-11")).status).toBe(200);
    expect(await (await fetchAt(early, "/emails")).text()).toContain('href="http://127.0.0.1:8787/emails/2015-11-11"');
  });

  it("lists the titles the send carried, whatever the settings do later", async () => {
    await sendDay(DAY1_DUE);
    // At 18:00 the live rule would put Day 1 into 11-10; the list keeps it under 11-09, as sent.
    const list = await (await fetchAt(LATER, "/emails", undefined, { SEND_AT: "18:00" })).text();
    const day1 = /<li><a href="[^"]*\/emails\/2015-11-09">[\s\S]*?<\/li>/.exec(list)?.[0];
    expect(day1).toContain("Kubernetes 1.1");
  });
});

describe("the archive of a day without a send that went out", () => {
  it("still renders from today's content and settings", async () => {
    const res = await fetchAt(LATER, "/emails/2015-11-10", undefined, RENAMED);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("This is the web version of the Renamed Recaps email");
    expect(html).toContain("KubeCon 2015 — Day 2");
  });

  it("renders a skipped day from today's content: it never went out, so nothing was frozen", async () => {
    const late = DAY1_DUE + 7 * 3_600_000;
    await sendDay(late);
    expect(await env.DB.prepare("SELECT status FROM sends WHERE daily_date = ?1").bind(DAY1).first()).toEqual({ status: "skipped" });
    expect(await (await fetchAt(LATER, `/emails/${DAY1}`, undefined, RENAMED)).text()).toContain("This is the web version of the Renamed Recaps email");
  });
});
