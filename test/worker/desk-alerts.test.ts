// The desk's Alerts page: newest first, each with its time, cause, message and its send's
// page, a page at a time; an empty list says so.
import { env } from "cloudflare:test";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ALERTS_PER_PAGE } from "../../src/desk/alert-list.ts";
import { fetchAt } from "./app-at.ts";
import { signIn, type DeskBrowser } from "./desk-helpers.ts";

const NOW = Date.parse("2031-07-01T20:00:00Z");
let desk: DeskBrowser;

beforeAll(async () => {
  desk = await signIn(NOW);
});

beforeEach(async () => {
  await env.DB.batch([env.DB.prepare("DELETE FROM notices WHERE kind = 'alert'"), env.DB.prepare("DELETE FROM alerts")]);
});

const pageOf = async (path: string) => {
  const res = await fetchAt(NOW, path, { headers: { Cookie: desk.cookie }, redirect: "manual" });
  return { status: res.status, text: await res.text() };
};

/** The alerts a page lists, in its order: the send and cause of each heading. */
const listed = (page: string) => [...page.matchAll(/<h2>Send #(\d+): <code>([^<]*)<\/code><\/h2>/g)].map((m) => `${m[1]} ${m[2]}`);

async function addSend(): Promise<number> {
  const row = await env.DB.prepare("INSERT INTO sends (kind, date, status, created_at, updated_at) VALUES ('test', '2031-07-01', 'done', ?1, ?1) RETURNING id").bind(NOW).first<{ id: number }>();
  return row!.id;
}

async function addAlerts(sendId: number, count: number): Promise<void> {
  await env.DB.batch(
    Array.from({ length: count }, (_, i) =>
      env.DB.prepare("INSERT INTO alerts (send_id, cause, message, created_at) VALUES (?1, ?2, ?3, ?4)").bind(sendId, `cause-${String(i).padStart(3, "0")}`, `message ${i}`, NOW - (count - i) * 60_000),
    ),
  );
}

describe("the alerts page", () => {
  it("says so when there are none", async () => {
    const { status, text } = await pageOf("/admin/alerts");
    expect(status).toBe(200);
    expect(text).toContain("No alerts yet.");
    expect(text).toContain('<a href="/admin/alerts" aria-current="page">Alerts</a>');
  });

  it("lists each alert with its local time, cause, message (escaped), mail state and a link to its send", async () => {
    const sendId = await addSend();
    await env.DB.prepare("INSERT INTO alerts (send_id, cause, message, created_at) VALUES (?1, 'paused:error_budget', ?2, ?3)").bind(sendId, "Paused after <50> refusals & more", Date.parse("2031-07-01T02:30:00Z")).run();
    const { text } = await pageOf("/admin/alerts");
    expect(listed(text)).toEqual([`${sendId} paused:error_budget`]);
    // In the site's zone (02:30 UTC is 19:30 the day before in Los Angeles), as every desk page writes times.
    expect(text).toContain('<time datetime="2031-07-01T02:30:00.000Z">Monday 30 June 2031 at 19:30</time>');
    expect(text).toContain("Paused after &lt;50&gt; refusals &amp; more");
    expect(text).toContain("not mailed (ALERT_TO is not set)");
    expect(text).toContain(`<a href="/admin/sends/${sendId}">Send #${sendId}’s page</a>`);
  });

  it(`shows the newest first, ${ALERTS_PER_PAGE} a page, with a link to older ones`, async () => {
    const sendId = await addSend();
    await addAlerts(sendId, ALERTS_PER_PAGE + 3);
    const first = await pageOf("/admin/alerts");
    const causes = (page: string) => listed(page).map((l) => l.split(" ")[1]);
    expect(causes(first.text)).toEqual(Array.from({ length: ALERTS_PER_PAGE }, (_, i) => `cause-${String(ALERTS_PER_PAGE + 2 - i).padStart(3, "0")}`));
    const older = /<a href="(\/admin\/alerts\?before=\d+)">Older alerts<\/a>/.exec(first.text)![1]!;
    const second = await pageOf(older);
    expect(causes(second.text)).toEqual(["cause-002", "cause-001", "cause-000"]);
    expect(second.text).not.toContain("Older alerts");
    expect(second.text).toContain('<a href="/admin/alerts">Newest alerts</a>');
    const past = await pageOf(`/admin/alerts?before=1`);
    expect(past.text).toContain("No older alerts.");
  });

  it("refuses a cursor that is not one, naming it", async () => {
    const { status, text } = await pageOf("/admin/alerts?before=abc");
    expect(status).toBe(400);
    expect(text).toContain("The before field must be the number from an “Older alerts” link.");
  });

  it("is not shown without a session", async () => {
    const res = await fetchAt(NOW, "/admin/alerts", { redirect: "manual" });
    expect(res.status).toBe(303);
  });
});
