import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { fetchAt } from "./app-at.ts";
import { addSubscribers, clearLedger, DAY1, DAY1_DUE, waitForStatus } from "./sending-helpers.ts";
import { inbox } from "./subscription-helpers.ts";

const AT = DAY1_DUE + 60_000;
const headers = (extra: Record<string, string> = {}) => ({ Authorization: "Bearer test-author-token-0001", "Content-Type": "application/json", ...extra });
const post = (body: unknown, extra: Record<string, string> = {}, raw?: string) =>
  fetchAt(AT, "/api/sends", { method: "POST", headers: headers(extra), body: raw ?? JSON.stringify(body) });
const sendCount = async () => (await env.DB.prepare("SELECT COUNT(*) AS n FROM sends").first<{ n: number }>())!.n;

beforeEach(clearLedger);

describe("POST /api/sends", () => {
  it("a dry run answers the recipient count and subject and sends nothing", async () => {
    await addSubscribers(3);
    const res = await post({ date: DAY1, dryRun: true });
    expect(res.status).toBe(200);
    const subject = "KubeCon 2015 — Day 1: Kubernetes 1.1, a live upgrade and federation plans";
    expect(await res.json()).toEqual({ dryRun: true, date: DAY1, subject, recipients: 3, posts: ["kubecon-2015-day-1"], summarized: [], variants: [{ events: ["kubecon-2015"], subject, recipients: 3 }], due: { atOnce: 3, hours: [] } });
    expect(await sendCount()).toBe(0);
  });

  it("a test send goes to the given addresses only, outside the daily record", async () => {
    const [subscriber] = await addSubscribers(1);
    const to = [`tester-${crypto.randomUUID().slice(0, 6)}@example.com`, `editor-${crypto.randomUUID().slice(0, 6)}@example.com`];
    const res = await post({ date: DAY1, to });
    expect(res.status).toBe(202);
    const view = (await res.json()) as { id: number; kind: string; total: number };
    expect(view).toMatchObject({ kind: "test", total: 2 });
    await waitForStatus(view.id, ["done"]);
    for (const a of to) expect((await inbox(a)).map((m) => m.subject)).toEqual(["[Test] KubeCon 2015 — Day 1: Kubernetes 1.1, a live upgrade and federation plans"]);
    expect(await inbox(subscriber!.email)).toHaveLength(0);
    // The day's real send is still possible.
    expect((await post({ date: DAY1 })).status).toBe(202);
  });

  it("a date that already has its daily send answers 409 with that send, whatever its status", async () => {
    const first = await post({ date: DAY1 });
    expect(first.status).toBe(202);
    const { id } = (await first.json()) as { id: number };
    await env.DB.prepare("UPDATE sends SET status = 'cancelled' WHERE id = ?1").bind(id).run();
    const again = await post({ date: DAY1 });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: { code: "send_exists", field: "date" }, send: { id, status: "cancelled" } });
    expect(await sendCount()).toBe(1);
  });

  it("replays the first answer for the same Idempotency-Key and body, and refuses the key with another body", async () => {
    const key = `key-${crypto.randomUUID()}`;
    const first = await post({ date: DAY1 }, { "Idempotency-Key": key });
    const second = await post({ date: DAY1 }, { "Idempotency-Key": key });
    expect(first.status).toBe(202);
    expect(second.status).toBe(202);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(await second.json()).toEqual(await first.json());
    // The same body with its fields in another order is the same body.
    const keyed = `key-${crypto.randomUUID()}`;
    await post({ date: DAY1, to: ["a@example.com"] }, { "Idempotency-Key": keyed });
    const swapped = await post({ to: ["a@example.com"], date: DAY1 }, { "Idempotency-Key": keyed });
    expect(swapped.status).toBe(202);
    expect(swapped.headers.get("idempotent-replayed")).toBe("true");
    const other = await post({ date: DAY1, dryRun: true }, { "Idempotency-Key": key });
    expect(other.status).toBe(422);
    expect(((await other.json()) as { error: { field: string } }).error.field).toBe("Idempotency-Key");
    expect(await sendCount()).toBe(2); // the day's send and the one test send
  });

  it("forgets a key after 24 hours", async () => {
    const key = `key-${crypto.randomUUID()}`;
    expect((await post({ date: DAY1, dryRun: true }, { "Idempotency-Key": key })).status).toBe(200);
    const later = await fetchAt(AT + 24 * 3600_000 + 1, "/api/sends", { method: "POST", headers: headers({ "Idempotency-Key": key }), body: JSON.stringify({ date: DAY1, to: "x@example.com", dryRun: true }) });
    expect(later.status).toBe(200);
  });

  it.each([
    ["no body", undefined, "{}", 400, "date"],
    ["a number for date", { date: 20151109 }, undefined, 400, "date"],
    ["an impossible date", { date: "2015-02-30" }, undefined, 400, "date"],
    ["a date written otherwise", { date: "09/11/2015" }, undefined, 400, "date"],
    ["a string for dryRun", { date: DAY1, dryRun: "yes" }, undefined, 400, "dryRun"],
    ["a bad test address", { date: DAY1, to: ["not-an-address"] }, undefined, 400, "to.0"],
    ["an empty test list", { date: DAY1, to: [] }, undefined, 400, "to"],
    ["too many test addresses", { date: DAY1, to: Array.from({ length: 21 }, (_, i) => `t${i}@example.com`) }, undefined, 400, "to"],
    ["an unknown field", { date: DAY1, everyone: true }, undefined, 400, "everyone"],
    ["a date without posts", { date: "2015-11-12" }, undefined, 404, "date"],
    ["not JSON", undefined, "{date:", 400, "body"],
    ["a huge body", undefined, JSON.stringify({ date: DAY1, pad: "x".repeat(20_000) }), 413, "body"],
  ])("answers %s with a clear 4xx naming the field, and creates nothing", async (_, body, raw, status, field) => {
    const res = await post(body, {}, raw);
    expect(res.status).toBe(status);
    expect(((await res.json()) as { error: { field: string } }).error.field).toBe(field);
    expect(await sendCount()).toBe(0);
  });

  it("refuses a bad Idempotency-Key and a non-JSON body", async () => {
    expect((await post({ date: DAY1 }, { "Idempotency-Key": "has spaces in it" })).status).toBe(400);
    const text = await fetchAt(AT, "/api/sends", { method: "POST", headers: { Authorization: "Bearer test-author-token-0001", "Content-Type": "text/plain" }, body: "date=2015-11-09" });
    expect(text.status).toBe(415);
    expect(await sendCount()).toBe(0);
  });

  it("refuses a missing or wrong token on every sends route, creating nothing", async () => {
    for (const auth of [{}, { Authorization: "Bearer nope-nope-nope-nope" }] as Record<string, string>[]) {
      expect((await fetchAt(AT, "/api/sends", { method: "POST", headers: { "Content-Type": "application/json", ...auth }, body: JSON.stringify({ date: DAY1 }) })).status).toBe(401);
      expect((await fetchAt(AT, "/api/sends", { headers: auth })).status).toBe(401);
      expect((await fetchAt(AT, "/api/sends/1", { headers: auth })).status).toBe(401);
    }
    expect(await sendCount()).toBe(0);
  });
});

describe("GET /api/sends", () => {
  it("lists sends newest first and shows one with its progress", async () => {
    await addSubscribers(2);
    const a = (await (await post({ date: DAY1 })).json()) as { id: number };
    const afterDay2 = Date.parse("2015-11-10T19:01:00-08:00");
    const b = (await (await fetchAt(afterDay2, "/api/sends", { method: "POST", headers: headers(), body: JSON.stringify({ date: "2015-11-10" }) })).json()) as { id: number };
    const list = (await (await fetchAt(AT, "/api/sends", { headers: headers() })).json()) as { sends: { id: number }[] };
    expect(list.sends.map((s) => s.id)).toEqual([b.id, a.id]);
    await waitForStatus(a.id, ["done"]);
    const one = (await (await fetchAt(AT, `/api/sends/${a.id}`, { headers: headers() })).json()) as Record<string, unknown>;
    expect(one).toMatchObject({ id: a.id, kind: "manual", date: DAY1, status: "done", total: 2, sent: 2, pending: 0, failed: 0, skipped: 0, unknown: 0 });
    expect(typeof one.rate).toBe("number");
  });

  it("answers 400 for a bad id or limit and 404 for a missing send", async () => {
    expect((await fetchAt(AT, "/api/sends/abc", { headers: headers() })).status).toBe(400);
    expect((await fetchAt(AT, "/api/sends/0", { headers: headers() })).status).toBe(400);
    expect((await fetchAt(AT, "/api/sends/999999", { headers: headers() })).status).toBe(404);
    expect((await fetchAt(AT, "/api/sends?limit=1000", { headers: headers() })).status).toBe(400);
  });
});
