import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { startDailySend } from "../../src/sending/start-send.ts";
import { fetchAt, playingSendingDeps } from "./app-at.ts";
import { addSubscribers, capturingQueue, clearLedger, DAY1, DAY1_DUE, drain, testDeps } from "./sending-helpers.ts";
import { inbox } from "./subscription-helpers.ts";

const AT = Date.parse("2026-11-26T10:00:00Z");
const auth = { Authorization: "Bearer test-author-token-0001" };
const get = (path: string, headers: Record<string, string> = auth) => fetchAt(AT, path, { headers });
// The queue is played in the test, so an import's confirmations are out when it answers.
const importCsv = (csv: string, query = "") =>
  fetchAt(AT, `/api/subscribers/import${query}`, { method: "POST", headers: { ...auth, "Content-Type": "text/csv" }, body: csv }, {}, { sending: (e, c) => playingSendingDeps(e, c, () => AT) });

beforeEach(async () => {
  await clearLedger();
  await env.DB.prepare("DELETE FROM subscribers").run();
});

describe("subscriber admin", () => {
  it("refuses missing and wrong tokens on every admin route, changing nothing", async () => {
    await addSubscribers(1);
    for (const headers of [{}, { Authorization: "Bearer wrong-token-000000000" }] as Record<string, string>[]) {
      expect((await get("/api/subscribers", headers)).status).toBe(401);
      expect((await get("/api/subscribers.csv", headers)).status).toBe(401);
      expect((await get("/api/stats", headers)).status).toBe(401);
      expect((await fetchAt(AT, "/api/subscribers/import", { method: "POST", headers: { ...headers, "Content-Type": "text/csv" }, body: "email\nx@example.com\n" })).status).toBe(401);
      expect((await fetchAt(AT, "/api/subscribers/x%40example.com", { method: "DELETE", headers })).status).toBe(401);
    }
    expect((await env.DB.prepare("SELECT COUNT(*) AS n FROM subscribers").first<{ n: number }>())!.n).toBe(1);
  });

  it("lists by status with cursor pagination, and counts by status", async () => {
    await addSubscribers(5);
    await addSubscribers(2, undefined, "unsubscribed");
    const first = (await (await get("/api/subscribers?status=active&limit=3")).json()) as { subscribers: { status: string }[]; next: string };
    expect(first.subscribers).toHaveLength(3);
    const second = (await (await get(`/api/subscribers?status=active&limit=3&cursor=${first.next}`)).json()) as { subscribers: unknown[]; next: string | null };
    expect(second.subscribers).toHaveLength(2);
    expect(second.next).toBeNull();
    expect(((await (await get("/api/stats")).json()) as { subscribers: unknown }).subscribers).toEqual({ pending: 0, active: 5, unsubscribed: 2, bounced: 0, complained: 0, total: 7 });
    for (const bad of ["status=gone", "limit=0", "cursor=abc"]) expect((await get(`/api/subscribers?${bad}`)).status).toBe(400);
  });

  it("imports good rows as pending with a confirmation, reporting duplicate and broken rows one by one", async () => {
    const [existing] = await addSubscribers(1);
    const fresh = `fresh-${crypto.randomUUID().slice(0, 6)}@example.com`;
    const csv = [
      "Name,Email",
      `Ada,${fresh}`,
      `"Lovelace, A.","${fresh.toUpperCase().replace("EXAMPLE.COM", "example.com")}"`,
      `Bob,not-an-address`,
      `Eve,"evil@example.com\nBcc: x@example.net"`,
      `Old,${existing!.email}`,
      `Cy,cy-${crypto.randomUUID().slice(0, 6)}@EXAMPLE.org`,
    ].join("\r\n");
    const res = await importCsv(csv);
    expect(res.status).toBe(200);
    const report = (await res.json()) as { imported: number; importId: string; confirmationsQueued: number; duplicates: { row: number; reason: string }[]; errors: { row: number; field: string; message: string }[] };
    expect(report.imported).toBe(2);
    expect(report.confirmationsQueued).toBe(2);
    expect(await (await get(`/api/imports/${report.importId}`)).json()).toEqual({ id: report.importId, confirmations: { pending: 0, sending: 0, sent: 2, failed: 0, skipped: 0 } });
    // Rows are named by the line they start on: Eve's quoted address spans lines 5 and 6.
    expect(report.duplicates).toEqual([
      { row: 3, email: expect.any(String), reason: "same as the row on line 2" },
      { row: 7, email: existing!.email, reason: "already on the list (left as it was)" },
    ]);
    expect(report.errors.map((e) => [e.row, e.field])).toEqual([[4, "email"], [5, "email"]]);
    expect(await env.DB.prepare("SELECT status, source FROM subscribers WHERE email = ?1").bind(fresh).first()).toEqual({ status: "pending", source: "import" });
    expect((await inbox(fresh)).map((m) => m.subject)).toEqual(["Confirm your subscription to Herald Recaps"]);
    expect(await env.DB.prepare("SELECT status FROM subscribers WHERE email = ?1").bind(existing!.email).first()).toEqual({ status: "active" });
  });

  it("imports as active, without mail, only when the import asserts prior consent", async () => {
    const email = `consented-${crypto.randomUUID().slice(0, 6)}@example.com`;
    const report = (await (await importCsv(`email\n${email}\n`, "?consent=asserted")).json()) as { imported: number; confirmationsQueued: number };
    expect(report).toMatchObject({ imported: 1, importId: null, confirmationsQueued: 0 });
    expect(await env.DB.prepare("SELECT status, consent_source FROM subscribers WHERE email = ?1").bind(email).first()).toEqual({ status: "active", consent_source: "import (consent asserted)" });
    expect(await inbox(email)).toHaveLength(0);
    expect((await importCsv("email\nx@example.com\n", "?consent=yes")).status).toBe(400);
  });

  it("refuses a CSV with an unclosed quote instead of swallowing rows", async () => {
    const res = await importCsv('email\n"a@example.com\nb@example.com\n');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("invalid_csv");
  });

  it("refuses a CSV without an email column, a non-CSV body and a huge one, importing nothing", async () => {
    expect((await importCsv("name\nAda\n")).status).toBe(400);
    expect((await fetchAt(AT, "/api/subscribers/import", { method: "POST", headers: { ...auth, "Content-Type": "application/json" }, body: "[]" })).status).toBe(415);
    expect((await importCsv(`email\n${"a@example.com\n".repeat(90_000)}`)).status).toBe(413);
    expect((await env.DB.prepare("SELECT COUNT(*) AS n FROM subscribers").first<{ n: number }>())!.n).toBe(0);
  });

  it("erases an address and everything tied to it", async () => {
    const [person, other] = await addSubscribers(2);
    const q = capturingQueue();
    const deps = testDeps(() => DAY1_DUE + 60_000, { queue: q.queue });
    await startDailySend(deps, DAY1, "daily");
    await drain(q, deps);
    const res = await fetchAt(AT, `/api/subscribers/${encodeURIComponent(person!.email)}`, { method: "DELETE", headers: auth });
    expect(res.status).toBe(204);
    // No table holds the address any more.
    const tables = (await env.DB.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name != 'd1_migrations'").all<{ name: string }>()).results;
    for (const { name } of tables) {
      const { results } = await env.DB.prepare(`SELECT * FROM ${name}`).all();
      expect(JSON.stringify(results), name).not.toContain(person!.email);
    }
    expect(JSON.stringify((await env.DB.prepare("SELECT * FROM deliveries").all()).results)).toContain(other!.email);
    expect((await fetchAt(AT, `/api/subscribers/${encodeURIComponent(person!.email)}`, { method: "DELETE", headers: auth })).status).toBe(404);
    expect((await fetchAt(AT, "/api/subscribers/not-an-address", { method: "DELETE", headers: auth })).status).toBe(400);
    // Decoded once: "x%41@…" is its own address, never "xA@…".
    const [, , odd] = [null, null, await env.DB.prepare("INSERT INTO subscribers (email, status, source, created_at, updated_at) VALUES ('xA@example.com', 'active', 't', 0, 0) RETURNING id").first()];
    expect(odd).toBeTruthy();
    expect((await fetchAt(AT, "/api/subscribers/x%2541@example.com", { method: "DELETE", headers: auth })).status).toBe(404);
    expect(await env.DB.prepare("SELECT email FROM subscribers WHERE email = 'xA@example.com'").first()).toEqual({ email: "xA@example.com" });
  });

  it("an address erased after a complaint or a hard bounce cannot be imported again; one erased otherwise can", async () => {
    await env.DB.prepare(
      "INSERT INTO subscribers (email, status, source, created_at, updated_at) VALUES ('angry@example.com', 'complained', 't', 0, 0), ('gone@example.com', 'bounced', 't', 0, 0), ('left@example.com', 'unsubscribed', 't', 0, 0)",
    ).run();
    for (const email of ["angry@example.com", "gone@example.com", "left@example.com"]) {
      expect((await fetchAt(AT, `/api/subscribers/${encodeURIComponent(email)}`, { method: "DELETE", headers: auth })).status).toBe(204);
    }
    // Only a hash is left behind, never the address.
    const kept = (await env.DB.prepare("SELECT hash, reason FROM erased_suppressions ORDER BY reason").all<{ hash: string; reason: string }>()).results;
    expect(kept.map((k) => k.reason)).toEqual(["bounced", "complained"]);
    expect(JSON.stringify(kept)).not.toMatch(/example\.com/);

    for (const query of ["?consent=asserted", ""]) {
      await env.DB.prepare("DELETE FROM subscribers").run();
      const res = await importCsv("email\nAngry@Example.com\nfresh@example.com\ngone@example.com\nleft@example.com", query);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { imported: number; errors: { row: number; field: string; message: string }[]; duplicates: unknown[] };
      expect(body.imported).toBe(2);
      expect(body.errors.map((e) => [e.row, e.field])).toEqual([[2, "email"], [4, "email"]]);
      expect(body.errors[0]!.message).toMatch(/complaint or a hard bounce/);
      expect(body.duplicates).toEqual([]);
      const { results } = await env.DB.prepare("SELECT email FROM subscribers ORDER BY email").all<{ email: string }>();
      expect(results.map((r) => r.email)).toEqual(["fresh@example.com", "left@example.com"]);
    }
  });
});
