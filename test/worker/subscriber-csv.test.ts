// The subscriber CSV both ways: an export imports back to exactly the same list, and
// import reports point at the line in the file where each row starts.
import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { fetchAt } from "./app-at.ts";
import { clearLedger } from "./sending-helpers.ts";

const AT = Date.parse("2026-11-26T10:00:00Z");
const auth = { Authorization: "Bearer test-author-token-0001" };
const exportCsv = async () => (await fetchAt(AT, "/api/subscribers.csv", { headers: auth })).text();
const importCsv = async (csv: string, query = "") => {
  const res = await fetchAt(AT, `/api/subscribers/import${query}`, { method: "POST", headers: { ...auth, "Content-Type": "text/csv" }, body: csv });
  expect(res.status).toBe(200);
  return (await res.json()) as { imported: number; duplicates: { row: number; email: string; reason: string }[]; errors: { row: number; field: string; message: string }[] };
};
const list = async () => (await env.DB.prepare("SELECT email, status, source FROM subscribers ORDER BY id").all<{ email: string; status: string; source: string }>()).results;

/** Addresses a spreadsheet would take for formulas, or that start with the defusing quote itself. */
const AWKWARD = ["-dash@example.com", "+plus@example.com", "=eq@example.com", "'quote@example.com", "''twice@example.com", "o'brien@example.com", "plain@example.com"];

beforeEach(async () => {
  await clearLedger();
  await env.DB.prepare("DELETE FROM subscribers").run();
  for (const email of AWKWARD) {
    await env.DB.prepare("INSERT INTO subscribers (email, status, source, created_at, updated_at, consent_at) VALUES (?1, 'active', '=HYPERLINK(\"x\")', 0, 0, 0)").bind(email).run();
  }
});

describe("CSV export and import", () => {
  it("defuses formulas in the export: no cell starts with = + - @", async () => {
    const csv = await exportCsv();
    expect(csv.split("\r\n")[0]).toBe("email,status,source,created_at,consent_at,consent_source,unsubscribed_at,bounced_at,complained_at,events,delivery,zone");
    expect(csv).toContain("'=eq@example.com");
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    // No cell, quoted or not, opens with a formula character.
    expect(csv).not.toMatch(/(^|[\n,])"?[=+\-@]/);
  });

  it("an export imported again onto the same list changes nothing: every row is already there", async () => {
    const before = await list();
    const report = await importCsv(await exportCsv());
    expect(report.imported).toBe(0);
    expect(report.errors).toEqual([]);
    expect(report.duplicates.map((d) => [d.email, d.reason])).toEqual(AWKWARD.map((email) => [email, "already on the list (left as it was)"]));
    expect(await list()).toEqual(before);
  });

  it("an export imported into an empty list brings back the same addresses", async () => {
    const csv = await exportCsv();
    await env.DB.prepare("DELETE FROM subscribers").run();
    const report = await importCsv(csv, "?consent=asserted");
    expect(report).toMatchObject({ imported: AWKWARD.length, errors: [], duplicates: [] });
    expect((await list()).map((s) => s.email)).toEqual(AWKWARD);
  });

  it("names the line in the file where a row starts, counting line breaks inside quoted fields and blank lines", async () => {
    const csv = [
      "note,email", // line 1
      '"two', // line 2: a note over three lines
      "line",
      'note",first@example.com',
      "", // line 5: blank
      "x,not-an-address", // line 6
      '"a ""quoted"" note\r\nover two lines",first@example.com', // line 7, \r\n inside
      "y,'-dash-new@example.com", // line 9
    ].join("\n");
    const report = await importCsv(csv);
    expect(report.errors.map((e) => [e.row, e.field])).toEqual([[6, "email"]]);
    expect(report.duplicates).toEqual([{ row: 7, email: "first@example.com", reason: "same as the row on line 2" }]);
    expect(report.imported).toBe(2);
    expect(await env.DB.prepare("SELECT email FROM subscribers WHERE email IN ('first@example.com', '-dash-new@example.com') ORDER BY id").all()).toMatchObject({
      results: [{ email: "first@example.com" }, { email: "-dash-new@example.com" }],
    });
  });

  it("names the line where an unclosed quoted field opens", async () => {
    const res = await fetchAt(AT, "/api/subscribers/import", { method: "POST", headers: { ...auth, "Content-Type": "text/csv" }, body: 'email\nok@example.com\n"broken@example.com\nnext@example.com\n' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: "invalid_csv", message: "the quoted field that opens on line 3 is never closed", field: "body" } });
  });
});
