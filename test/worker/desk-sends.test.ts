// The desk's Sends pages: the list, a send's figures and chart, the controls that apply to
// its status and what each does, the progress JSON, and that every POST the Today and Sends
// pages make is refused without the session's CSRF token.
import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { sentPerMinute } from "../../src/db/send-minutes.ts";
import { eraseAddress } from "../../src/db/subscribers.ts";
import { SEND_PROGRESS_SCRIPT, SESSION_ENDED } from "../../src/desk/send-progress-script.ts";
import type { SendingDeps } from "../../src/sending/sending-deps.ts";
import { fetchAt } from "./app-at.ts";
import { deskPost, signIn, type DeskBrowser } from "./desk-helpers.ts";
import { rowsOf, seedAddress, seedSend } from "./desk-seeds.ts";
import { addSubscribers, capturingQueue, clearLedger, DAY1, DAY1_DUE, testDeps } from "./sending-helpers.ts";

const AT = DAY1_DUE + 60 * 60_000;
/** 19:01, 19:02 and 19:03 Pacific on DAY1. */
const MINUTE = (m: number) => DAY1_DUE + m * 60_000;

let desk: DeskBrowser;
beforeEach(async () => {
  await clearLedger();
  await env.DB.prepare("DELETE FROM desk_sessions").run();
  desk = await signIn(AT);
});

const get = (path: string, headers: Record<string, string> = {}) => fetchAt(AT, path, { headers: { Cookie: desk.cookie, ...headers }, redirect: "manual" });
/** A desk form post (as deskPost) with the sending dependencies given: a captured queue keeps a send where it is. */
const formPost = (path: string, fields: Record<string, string>, deps: SendingDeps) =>
  fetchAt(AT, path, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: desk.cookie, Origin: "http://127.0.0.1:8787", "Sec-Fetch-Site": "same-origin" },
    body: new URLSearchParams({ csrf: desk.csrf, ...fields }),
    redirect: "manual",
  }, {}, { sending: () => deps });
const json = async (id: number) => (await (await get(`/admin/sends/${id}/progress`)).json()) as Record<string, unknown>;
const statusOf = async (id: number) => (await env.DB.prepare("SELECT status FROM sends WHERE id = ?1").bind(id).first<{ status: string }>())!.status;
const buttons = (page: string) => [...page.matchAll(/<button type="submit"[^>]*>([^<]+)<\/button>/g)].map((m) => m[1]!).filter((b) => b !== "Sign out");

describe("the list of sends", () => {
  it("shows each send newest first with its status and counts, and pages with before", async () => {
    const older = await seedSend({ date: "2015-11-09", status: "done", rows: [...rowsOf("sent", 3, MINUTE(1)), ...rowsOf("failed", 1, MINUTE(1))], at: AT });
    const newer = await seedSend({ date: "2015-11-10", status: "paused", rows: [...rowsOf("sent", 2, MINUTE(2)), ...rowsOf("pending", 5, MINUTE(2))], at: AT });
    const res = await get("/admin/sends");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    const page = await res.text();
    expect(page.indexOf(`#${newer}`)).toBeLessThan(page.indexOf(`#${older}`));
    expect(page).toMatch(new RegExp(`#${newer}</a></td><td>2015-11-10</td><td>daily</td><td>Paused</td><td class="num">2</td><td class="num">0</td><td class="num">0</td><td class="num">5</td><td class="num">0</td><td class="num">7</td>`));
    expect(page).toMatch(new RegExp(`#${older}</a></td><td>2015-11-09</td><td>daily</td><td>Done</td><td class="num">3</td><td class="num">1</td>`));
    const paged = await (await get(`/admin/sends?before=${newer}`)).text();
    expect(paged).toContain(`#${older}`);
    expect(paged).not.toContain(`#${newer}</a>`);
  });

  it("refuses a cursor that is no send id, naming it", async () => {
    const res = await get("/admin/sends?before=abc");
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("The send in “before” must be a positive whole number");
  });
});

describe("a send's page", () => {
  it("shows every figure, the progress bar, and a running send's script under a nonce", async () => {
    const id = await seedSend({ status: "sending", rows: [...rowsOf("sent", 4, MINUTE(1)), ...rowsOf("failed", 1, MINUTE(1)), ...rowsOf("skipped", 1, MINUTE(1)), ...rowsOf("unknown", 1, MINUTE(1)), ...rowsOf("pending", 2, MINUTE(1)), ...rowsOf("sending", 1, MINUTE(1))], at: AT });
    const res = await get(`/admin/sends/${id}`);
    expect(res.status).toBe(200);
    const page = await res.text();
    const figure = (field: string) => new RegExp(`data-field="${field}">([^<]*)<`).exec(page)?.[1];
    expect({ sent: figure("sent"), failed: figure("failed"), skipped: figure("skipped"), unknown: figure("unknown"), pending: figure("pending"), scheduled: figure("scheduled"), inFlight: figure("inFlight"), total: figure("total"), handled: figure("handled") })
      .toEqual({ sent: "4", failed: "1", skipped: "1", unknown: "1", pending: "2", scheduled: "0", inFlight: "1", total: "10", handled: "7" });
    expect(page).toContain('<progress id="send-progress" max="10" value="7">');
    expect(page).toMatch(/aria-live="polite">Sending: 7 of 10 handled \(4 sent, 1 failed, 1 skipped, 1 unknown\)\.</);
    // The script runs under this answer's nonce; nothing inline else, no eval.
    const csp = res.headers.get("content-security-policy")!;
    const nonce = /'nonce-([0-9a-f]+)'/.exec(csp)![1]!;
    expect(page).toContain(`<script nonce="${nonce}">`);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(SEND_PROGRESS_SCRIPT).not.toMatch(/\beval\(|new Function|innerHTML/);
    // The no-script reload, for readers without the script only.
    // Reloads without the query, so a notice does not outlive what it announced.
    expect(page).toMatch(/<noscript><meta http-equiv="refresh" content="5; url=\/admin\/sends\/\d+"><\/noscript>/);
    expect(buttons(page)).toEqual(["Pause the send", "Cancel the send…", "Retry the 1 failed", "Resend to the 1 unknown…"]);
  });

  it("a finished send has no script, no reload, and only the controls that apply", async () => {
    const done = await seedSend({ status: "done", rows: rowsOf("sent", 3, MINUTE(1)), at: AT });
    const page = await (await get(`/admin/sends/${done}`)).text();
    expect(page).not.toContain("<script");
    expect(page).not.toContain('http-equiv="refresh"');
    expect(buttons(page)).toEqual([]);
    expect(page).toContain("nothing is left to pause, resume, cancel or retry");
    const paused = await seedSend({ date: "2015-11-10", status: "paused", rows: [...rowsOf("sent", 1, MINUTE(1)), ...rowsOf("pending", 2, MINUTE(1))], at: AT });
    const pausedPage = await (await get(`/admin/sends/${paused}`)).text();
    expect(buttons(pausedPage)).toEqual(["Resume the send", "Cancel the send…"]);
    expect(pausedPage).toContain("Carries on with the 2 recipients not yet mailed. Nobody already mailed gets it again.");
  });

  it("charts the messages sent per minute, quiet minutes as 0, with the same figures in a table", async () => {
    const id = await seedSend({ status: "done", rows: [...rowsOf("sent", 3, MINUTE(1) + 5_000), ...rowsOf("failed", 4, MINUTE(2)), ...rowsOf("sent", 2, MINUTE(3) + 59_000)], at: AT });
    await seedSend({ date: "2015-11-10", status: "done", rows: rowsOf("sent", 9, MINUTE(2)), at: AT }); // another send's rows count for it alone
    expect(await sentPerMinute(env.DB, id)).toEqual([
      { minuteMs: MINUTE(1), count: 3 },
      { minuteMs: MINUTE(3), count: 2 },
    ]);
    const page = await (await get(`/admin/sends/${id}`)).text();
    expect(page.match(/<rect class="bar"/g)).toHaveLength(3);
    expect(page).toContain("<title>19:02: 0 messages</title>");
    expect(page).toMatch(/<tr><td>19:01<\/td><td class="num">3<\/td><\/tr><tr><td>19:02<\/td><td class="num">0<\/td><\/tr><tr><td>19:03<\/td><td class="num">2<\/td><\/tr>/);
    expect(page).toContain("5 messages over 3 minutes, from 19:01 to 19:03; the busiest minute, 19:01, sent 3.");
  });

  it("says so when a compacted send has no rows to chart, and when nothing is sent yet", async () => {
    const compacted = await seedSend({ status: "done", rows: [], at: AT, compacted: { sent: 120, failed: 2 } });
    const page = await (await get(`/admin/sends/${compacted}`)).text();
    expect(page).toContain("compacted away");
    expect(page).not.toContain("<svg");
    expect(page).toMatch(/data-field="sent">120</);
    const fresh = await seedSend({ date: "2015-11-10", status: "sending", rows: rowsOf("pending", 2, MINUTE(1)), at: AT });
    expect(await (await get(`/admin/sends/${fresh}`)).text()).toContain("Nothing has been sent yet.");
  });

  it("answers the same figures as JSON for the page's script", async () => {
    const id = await seedSend({ status: "sending", rows: [...rowsOf("sent", 2, MINUTE(1)), ...rowsOf("pending", 3, MINUTE(1))], at: AT });
    const res = await get(`/admin/sends/${id}/progress`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toMatchObject({ id, status: "sending", sent: 2, pending: 3, total: 5, handled: 2, statusWord: "Sending", summary: "Sending: 2 of 5 handled (2 sent)." });
    const signedOut = await fetchAt(AT, `/admin/sends/${id}/progress`, { redirect: "manual" });
    expect(signedOut.status).toBe(303);
  });

  it("refuses a bad id (400) and an unknown send (404) with a sentence", async () => {
    const bad = await get("/admin/sends/x1");
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("The send id must be a positive whole number");
    const missing = await get("/admin/sends/999999");
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain("There is no send #999999");
    const json = await get("/admin/sends/999999/progress", { Accept: "application/json" });
    expect(json.status).toBe(404);
    expect(((await json.json()) as { error: { field: string } }).error.field).toBe("id");
  });
});

describe("figures that stay true as the send and the list change", () => {
  it("counts a subscriber erased after the send as handled, so a finished send still adds up", async () => {
    const id = await seedSend({ status: "done", rows: rowsOf("sent", 3, MINUTE(1)), at: AT });
    await eraseAddress(env.DB, seedAddress(id, 0), AT, []);
    const page = await (await get(`/admin/sends/${id}`)).text();
    expect(page).toContain("Done: 3 of 3 handled (2 sent, 1 erased since).");
    expect(page).toMatch(/data-field="erased">1<\/span> <span class="label">erased since/);
    expect(page).toContain('<progress id="send-progress" max="3" value="3">');
    expect(await json(id)).toMatchObject({ total: 3, sent: 2, erased: 1, handled: 3 });
    // A compacted send's kept counts are whole: nothing reads as erased.
    const compacted = await seedSend({ date: "2015-11-10", status: "done", rows: [], at: AT, compacted: { sent: 5 } });
    await env.DB.prepare("UPDATE sends SET total = 5 WHERE id = ?1").bind(compacted).run();
    expect(await json(compacted)).toMatchObject({ total: 5, sent: 5, erased: 0, handled: 5 });
  });

  it("a send still writing its recipient list says it is preparing, not sending to 0", async () => {
    const id = await seedSend({ status: "sending", rows: [], at: AT, prepared: false });
    const page = await (await get(`/admin/sends/${id}`)).text();
    expect(page).toMatch(/aria-live="polite">Preparing the recipient list\.</);
    expect(page).toContain('<strong data-field="statusWord">Preparing the recipient list</strong>');
    expect(page).not.toContain("0 of 0 handled");
    expect(await json(id)).toMatchObject({ statusWord: "Preparing the recipient list", summary: "Preparing the recipient list." });
    // The controls speak of everyone, not of the 0 rows written so far.
    expect(page).toContain("Everyone not yet mailed waits until you resume.");
    expect(page).toContain("Ends the send for good: everyone not yet mailed never gets it.");
    expect(page).not.toMatch(/\b0 recipients/);
    const controls = (await json(id))["controls"] as Record<string, { what: string }>;
    expect(controls["pause"]!.what).toContain("Everyone not yet mailed waits");
    const cancel = await (await get(`/admin/sends/${id}/cancel`)).text();
    expect(cancel).toContain("<strong>everyone not yet mailed never gets it</strong>");
  });

  it("says when the rows waiting for their recipients' own time go out, and keeps it in the JSON", async () => {
    const id = await seedSend({ status: "sending", rows: [...rowsOf("sent", 1, MINUTE(1)), ...rowsOf("pending", 1, MINUTE(1), AT + 60 * 60_000), ...rowsOf("pending", 2, MINUTE(1), AT + 3 * 60 * 60_000)], at: AT });
    const note = "3 scheduled for later (their own delivery time): the next at Monday 9 November 2015 at 21:00, the last at Monday 9 November 2015 at 23:00.";
    const page = await (await get(`/admin/sends/${id}`)).text();
    expect(page).toContain(`<p id="send-scheduled" data-field="scheduledNote">${note}</p>`);
    expect(await json(id)).toMatchObject({ scheduled: 3, scheduledNote: note });
    const none = await seedSend({ date: "2015-11-10", status: "sending", rows: rowsOf("pending", 1, MINUTE(1)), at: AT });
    expect(await (await get(`/admin/sends/${none}`)).text()).toContain('<p id="send-scheduled" data-field="scheduledNote" hidden></p>');
  });

  it("the JSON carries each control's label and line as they are now, for the script to keep current", async () => {
    const id = await seedSend({ status: "sending", rows: [...rowsOf("failed", 2, MINUTE(1)), ...rowsOf("pending", 3, MINUTE(1))], at: AT });
    const page = await (await get(`/admin/sends/${id}`)).text();
    expect(page).toContain('data-actions="pause cancel retry-failed"');
    expect(page).toContain('data-label-of="retry-failed">Retry the 2 failed</button>');
    await env.DB.prepare("UPDATE deliveries SET status = 'sent' WHERE send_id = ?1 AND status = 'pending' AND id IN (SELECT id FROM deliveries WHERE send_id = ?1 AND status = 'pending' LIMIT 2)").bind(id).run();
    const view = await json(id);
    expect(view["actions"]).toEqual(["pause", "cancel", "retry-failed"]);
    expect((view["controls"] as Record<string, { what: string }>)["pause"]!.what).toContain("1 recipient not yet mailed");
    expect((view["controls"] as Record<string, { label: string }>)["retry-failed"]!.label).toBe("Retry the 2 failed");
  });

  it("the script reloads without the notice's query, and stops with a sentence when the session has ended", () => {
    expect(SEND_PROGRESS_SCRIPT).toContain("location.replace(location.pathname)");
    expect(SEND_PROGRESS_SCRIPT).not.toContain("location.reload()");
    expect(SEND_PROGRESS_SCRIPT).toContain("res.redirected");
    expect(SEND_PROGRESS_SCRIPT).toContain(JSON.stringify(SESSION_ENDED));
  });

  it("names a send's kind with the same words on the list and on its page", async () => {
    const id = await seedSend({ status: "done", kind: "manual", rows: rowsOf("sent", 1, MINUTE(1)), at: AT });
    expect(await (await get("/admin/sends")).text()).toContain(`#${id}</a></td><td>2015-11-09</td><td>by hand</td>`);
    expect(await (await get(`/admin/sends/${id}`)).text()).toContain("<dt>Kind</dt><dd>by hand</dd>");
  });

  it("a long send's chart says quiet minutes are left out, and a send over two days labels its minutes with the day", async () => {
    const long = await seedSend({ status: "done", rows: [...rowsOf("sent", 1, MINUTE(1)), ...rowsOf("sent", 2, MINUTE(300))], at: AT });
    const page = await (await get(`/admin/sends/${long}`)).text();
    expect(page.match(/<rect class="bar"/g)).toHaveLength(2);
    expect(page).toContain("Quiet minutes left out");
    expect(page).toContain("3 messages in the 2 minutes that sent something");
    // 19:01 on 9 November to 00:00 on 10 November, Pacific.
    expect(page).toContain("<tr><td>9 Nov 19:01</td>");
    expect(page).toContain("<tr><td>10 Nov 00:00</td>");
    const short = await (await get(`/admin/sends/${await seedSend({ date: "2015-11-10", status: "done", rows: rowsOf("sent", 1, MINUTE(1)), at: AT })}`)).text();
    expect(short).not.toContain("Quiet minutes left out");
    expect(short).toContain("<tr><td>19:01</td>");
  });
});

describe("the controls", () => {
  /** A real daily send started from the desk, its queue captured so it stays where it is. */
  async function started() {
    await addSubscribers(4);
    const q = capturingQueue();
    const deps = testDeps(() => AT, { queue: q.queue });
    const post = (path: string, fields: Record<string, string> = {}) => formPost(path, fields, deps);
    const res = await post("/admin/send-now", { date: DAY1 });
    expect(res.status).toBe(303);
    const id = Number(/\/admin\/sends\/(\d+)/.exec(res.headers.get("location")!)![1]);
    return { id, post: (action: string) => post(`/admin/sends/${id}/${action}`) };
  }

  it("pause and resume each change the send and come back to its page with a notice", async () => {
    const { id, post } = await started();
    const paused = await post("pause");
    expect(paused.status).toBe(303);
    expect(paused.headers.get("location")).toBe(`/admin/sends/${id}?done=pause`);
    expect(await statusOf(id)).toBe("paused");
    expect(await (await get(`/admin/sends/${id}?done=pause`)).text()).toContain("Paused. No new messages go out until you resume.");
    expect((await post("resume")).status).toBe(303);
    expect(await statusOf(id)).toBe("sending");
  });

  it("a second pause is a 409 page saying why, and changes nothing", async () => {
    const { id, post } = await started();
    await post("pause");
    const again = await post("pause");
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("cannot pause a send that is paused");
    expect(await statusOf(id)).toBe("paused");
  });

  it("cancel asks first on a page that changes nothing, then cancels", async () => {
    const { id, post } = await started();
    const ask = await get(`/admin/sends/${id}/cancel`);
    expect(ask.status).toBe(200);
    const page = await ask.text();
    expect(page).toContain(`Yes, cancel send #${id}`);
    expect(page).toMatch(/name="csrf"/);
    expect(await statusOf(id)).not.toBe("cancelled");
    expect((await post("cancel")).status).toBe(303);
    expect(await statusOf(id)).toBe("cancelled");
    const late = await get(`/admin/sends/${id}/cancel`);
    expect(late.status).toBe(409);
  });

  it("retry-failed puts the failed rows back and the send going again", async () => {
    const id = await seedSend({ status: "done", rows: [...rowsOf("sent", 2, MINUTE(1)), ...rowsOf("failed", 2, MINUTE(1))], at: AT });
    const q = capturingQueue();
    const deps = testDeps(() => AT, { queue: q.queue });
    const res = await formPost(`/admin/sends/${id}/retry-failed`, {}, deps);
    expect(res.status).toBe(303);
    expect(await statusOf(id)).toBe("sending");
    const { results } = await env.DB.prepare("SELECT status, COUNT(*) AS n FROM deliveries WHERE send_id = ?1 GROUP BY status ORDER BY status").bind(id).all();
    expect(results).toEqual([{ status: "pending", n: 2 }, { status: "sent", n: 2 }]);
  });

  it("resend-unknown asks first with its dry run's count, then puts those rows back", async () => {
    const id = await seedSend({ status: "done", rows: [...rowsOf("sent", 3, MINUTE(1)), ...rowsOf("unknown", 2, MINUTE(1))], at: AT });
    expect(buttons(await (await get(`/admin/sends/${id}`)).text())).toEqual(["Resend to the 2 unknown…"]);
    const ask = await get(`/admin/sends/${id}/resend-unknown`);
    expect(ask.status).toBe(200);
    const page = await ask.text();
    expect(page).toContain("This sends the email once more to <strong>2 recipients</strong>");
    expect(page).toContain("Yes, resend to 2");
    expect(await statusOf(id)).toBe("done");
    const res = await formPost(`/admin/sends/${id}/resend-unknown`, {}, testDeps(() => AT, { queue: capturingQueue().queue }));
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/admin/sends/${id}?done=resend-unknown`);
    expect(await statusOf(id)).toBe("sending");
    expect((await env.DB.prepare("SELECT COUNT(*) AS n FROM deliveries WHERE send_id = ?1 AND status = 'pending'").bind(id).first<{ n: number }>())!.n).toBe(2);
  });

  it("retry-failed and resend-unknown with nobody to retry or resend to are a 409 page that changes nothing", async () => {
    const id = await seedSend({ status: "done", rows: rowsOf("sent", 2, MINUTE(1)), at: AT });
    const deps = testDeps(() => AT, { queue: capturingQueue().queue });
    const before = await env.DB.prepare("SELECT status, updated_at, finished_at FROM sends WHERE id = ?1").bind(id).first();
    for (const [action, sentence] of [["retry-failed", "There are no failed deliveries to retry"], ["resend-unknown", "There are no unknown deliveries to resend"]] as const) {
      const res = await formPost(`/admin/sends/${id}/${action}`, {}, deps);
      expect(res.status, action).toBe(409);
      expect(await res.text()).toContain(sentence);
    }
    expect(await env.DB.prepare("SELECT status, updated_at, finished_at FROM sends WHERE id = ?1").bind(id).first()).toEqual(before);
    expect(buttons(await (await get(`/admin/sends/${id}`)).text())).toEqual([]);
  });

  it("an unknown action is the desk's 404 for GET and POST alike, and a bad id a 400", async () => {
    const id = await seedSend({ status: "sending", rows: rowsOf("pending", 1, MINUTE(1)), at: AT });
    const unknown = await deskPost(AT, `/admin/sends/${id}/explode`, desk);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain(`The desk has no page at /admin/sends/${id}/explode.`);
    expect((await fetchAt(AT, `/admin/sends/${id}/explode`, { headers: { Cookie: desk.cookie } })).status).toBe(404);
    expect((await deskPost(AT, "/admin/sends/0/pause", desk)).status).toBe(400);
    expect(await statusOf(id)).toBe("sending");
  });
});

describe("every POST of the Today and Sends pages needs the session's CSRF token", () => {
  it.each([
    ["/admin/test-send", { date: DAY1, to: "someone@example.com" }],
    ["/admin/send-now", { date: DAY1 }],
    ["/admin/sends/{id}/pause", {}],
    ["/admin/sends/{id}/resume", {}],
    ["/admin/sends/{id}/cancel", {}],
    ["/admin/sends/{id}/retry-failed", {}],
    ["/admin/sends/{id}/resend-unknown", {}],
  ])("%s without it is 403 and changes nothing", async (path, fields) => {
    await addSubscribers(2);
    const id = await seedSend({ date: "2015-11-10", status: "paused", rows: [...rowsOf("failed", 1, MINUTE(1)), ...rowsOf("pending", 1, MINUTE(1))], at: AT });
    const before = await env.DB.prepare("SELECT id, status, updated_at FROM sends ORDER BY id").all();
    for (const csrf of [undefined, "0".repeat(64)]) {
      const res = await fetchAt(AT, path.replace("{id}", String(id)), {
        method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: desk.cookie, "Sec-Fetch-Site": "same-origin" },
        body: new URLSearchParams({ ...fields, ...(csrf ? { csrf } : {}) }), redirect: "manual",
      });
      expect(res.status).toBe(403);
    }
    expect((await env.DB.prepare("SELECT id, status, updated_at FROM sends ORDER BY id").all()).results).toEqual(before.results);
    expect((await env.DB.prepare("SELECT COUNT(*) AS n FROM deliveries WHERE status = 'failed'").first<{ n: number }>())!.n).toBe(1);
  });
});
