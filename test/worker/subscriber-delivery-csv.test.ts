// When subscribers want their mail, as authors see it through the real routes: the CSV's
// `delivery` and `zone` columns both ways, the import's row errors for them, and the list.
import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { csvValue, parseCsv } from "../../src/admin/csv.ts";
import { fetchAt } from "./app-at.ts";
import { clearLedger } from "./sending-helpers.ts";

const AT = Date.parse("2026-11-26T10:00:00Z");
const auth = { Authorization: "Bearer test-author-token-0001" };
const exportCsv = async () => (await fetchAt(AT, "/api/subscribers.csv", { headers: auth })).text();
type Report = { imported: number; duplicates: { row: number; email: string; reason: string }[]; errors: { row: number; field: string; message: string; email?: string }[] };
const importCsv = async (csv: string, query = "?consent=asserted") => {
  const res = await fetchAt(AT, `/api/subscribers/import${query}`, { method: "POST", headers: { ...auth, "Content-Type": "text/csv" }, body: csv });
  expect(res.status).toBe(200);
  return (await res.json()) as Report;
};

/** A confirmed row with a delivery time as stored ('HH:MM' or null for asap) and a zone. */
async function person(email: string, delivery: string | null, zone: string | null, status = "active") {
  await env.DB.prepare("INSERT INTO subscribers (email, status, source, created_at, updated_at, consent_at, delivery, zone) VALUES (?1, ?2, 'test', 0, 0, 0, ?3, ?4)")
    .bind(email, status, delivery, zone)
    .run();
}
const stored = async () =>
  (await env.DB.prepare("SELECT email, delivery, zone FROM subscribers ORDER BY email").all<{ email: string; delivery: string | null; zone: string | null }>()).results.map((r) => [r.email, r.delivery, r.zone]);

beforeEach(async () => {
  await clearLedger();
  await env.DB.prepare("DELETE FROM subscribers").run();
});

const people: [string, string | null, string | null][] = [
  ["asap@example.com", null, null],
  ["berlin@example.com", "07:00", "Europe/Berlin"],
  // Stored as parseZone gives it: workerd's ICU spells Asia/Kathmandu the old way.
  ["kathmandu@example.com", "06:45", "Asia/Katmandu"],
  // Back to asap after choosing a time: the zone stays, for the next time they choose one.
  ["back@example.com", null, "America/Los_Angeles"],
];

describe("the CSV delivery and zone columns", () => {
  it("exports delivery (asap or HH:MM) and zone after events, the earlier columns where they were", async () => {
    for (const [email, delivery, zone] of people) await person(email, delivery, zone);
    const records = parseCsv(await exportCsv());
    expect(records[0]!.fields).toEqual(["email", "status", "source", "created_at", "consent_at", "consent_source", "unsubscribed_at", "bounced_at", "complained_at", "events", "delivery", "zone"]);
    const cells = Object.fromEntries(records.slice(1).map((r) => [r.fields[0]!, [csvValue(r.fields[10]!), csvValue(r.fields[11]!)]]));
    expect(cells).toEqual({
      "asap@example.com": ["asap", ""],
      "berlin@example.com": ["07:00", "Europe/Berlin"],
      "kathmandu@example.com": ["06:45", "Asia/Katmandu"],
      "back@example.com": ["asap", "America/Los_Angeles"],
    });
  });

  it("an export imported into an empty list gives everyone the same delivery time and zone", async () => {
    for (const [email, delivery, zone] of people) await person(email, delivery, zone);
    const before = await stored();
    const csv = await exportCsv();
    await env.DB.prepare("DELETE FROM subscribers").run();
    expect(await importCsv(csv)).toMatchObject({ imported: people.length, errors: [], duplicates: [] });
    expect(await stored()).toEqual(before);
  });

  it("reads times and zones as the preference page does: asap in any case, zone names in any case, stored as the runtime names them", async () => {
    const report = await importCsv(
      [
        "email,delivery,zone",
        "a@example.com,07:30,Europe/Berlin",
        "b@example.com, 06:00 , europe/berlin ",
        // workerd's ICU names Asia/Kolkata Asia/Calcutta; one zone is stored one way.
        "c@example.com,08:15,Asia/Kolkata",
        "cc@example.com,05:45,Asia/Kathmandu",
        "d@example.com,ASAP,",
        "e@example.com,,",
        "f@example.com,,Australia/Sydney",
        "g@example.com,asap,UTC",
      ].join("\r\n"),
    );
    expect(report).toMatchObject({ imported: 8, errors: [], duplicates: [] });
    expect(await stored()).toEqual([
      ["a@example.com", "07:30", "Europe/Berlin"],
      ["b@example.com", "06:00", "Europe/Berlin"],
      ["c@example.com", "08:15", "Asia/Calcutta"],
      ["cc@example.com", "05:45", "Asia/Katmandu"],
      ["d@example.com", null, null],
      ["e@example.com", null, null],
      ["f@example.com", null, "Australia/Sydney"],
      ["g@example.com", null, "UTC"],
    ]);
  });

  it("reports a bad time, a bad zone and a time without a zone with the row's line, address and field, and imports none of those rows", async () => {
    const csv = [
      "email,events,delivery,zone", // 1
      "good@example.com,,07:00,Europe/Berlin", // 2
      "short@example.com,,7:30,Europe/Berlin", // 3
      "midnight@example.com,,24:00,Europe/Berlin", // 4
      "offset@example.com,,07:00,+05:30", // 5
      "mars@example.com,,07:00,Mars/Olympus_Mons", // 6
      "nozone@example.com,,07:00,", // 7
      "nozone@example.com,,asap,", // 8: the same address, now fine: taken, since line 7 was refused
      "events@example.com,nope,nonsense,", // 9: events are checked first, one error per row
    ].join("\n");
    const report = await importCsv(csv);
    expect(report.errors).toEqual([
      { row: 3, field: "delivery", email: "short@example.com", message: expect.stringContaining("HH:MM") },
      { row: 4, field: "delivery", email: "midnight@example.com", message: expect.stringContaining("00:00") },
      { row: 5, field: "zone", email: "offset@example.com", message: expect.stringContaining("not an offset") },
      { row: 6, field: "zone", email: "mars@example.com", message: expect.stringContaining('"Mars/Olympus_Mons"') },
      { row: 7, field: "zone", email: "nozone@example.com", message: expect.stringContaining("needs a time zone") },
      { row: 9, field: "events", email: "events@example.com", message: expect.any(String), unknown: ["nope"] },
    ]);
    expect(report.imported).toBe(2);
    expect(await stored()).toEqual([
      ["good@example.com", "07:00", "Europe/Berlin"],
      ["nozone@example.com", null, null],
    ]);
  });

  it("a time in a file with no zone column is a row error naming zone", async () => {
    const report = await importCsv("email,delivery\nearly@example.com,06:00\nlate@example.com,asap\n");
    expect(report.errors).toEqual([{ row: 2, field: "zone", email: "early@example.com", message: expect.stringContaining("needs a time zone") }]);
    expect(await stored()).toEqual([["late@example.com", null, null]]);
  });

  it("leaves an address already on the list as it was, its delivery time and zone included, whatever the row says", async () => {
    await person("kept@example.com", "07:00", "Europe/Berlin");
    await person("asap@example.com", null, null, "pending");
    const before = await stored();
    const report = await importCsv(["email,delivery,zone", "kept@example.com,asap,", "asap@example.com,09:00,Asia/Tokyo"].join("\n"));
    expect(report.imported).toBe(0);
    expect(report.duplicates.map((d) => [d.row, d.reason])).toEqual([
      [2, "already on the list (left as it was)"],
      [3, "already on the list (left as it was)"],
    ]);
    expect(await stored()).toEqual(before);
  });

  it("a file without the columns imports everyone as asap with no zone", async () => {
    expect((await importCsv("email,events\nplain@example.com,\n")).imported).toBe(1);
    expect(await stored()).toEqual([["plain@example.com", null, null]]);
  });
});

describe("GET /api/subscribers", () => {
  it("shows each subscriber's delivery time and zone", async () => {
    for (const [email, delivery, zone] of people) await person(email, delivery, zone);
    const res = await fetchAt(AT, "/api/subscribers", { headers: auth });
    expect(res.status).toBe(200);
    const page = (await res.json()) as { subscribers: { email: string; delivery: string; zone: string | null }[] };
    expect(page.subscribers.map((s) => [s.email, s.delivery, s.zone])).toEqual([
      ["asap@example.com", "asap", null],
      ["berlin@example.com", "07:00", "Europe/Berlin"],
      ["kathmandu@example.com", "06:45", "Asia/Katmandu"],
      ["back@example.com", "asap", "America/Los_Angeles"],
    ]);
  });
});
