// What subscribers follow, as authors see it through the real routes: followers per event in
// the stats, the list filtered by event across pages, and the CSV `events` column both ways.
import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { parseCsv, csvValue } from "../../src/admin/csv.ts";
import type { EventMeta } from "../../src/content/types.ts";
import { contentIndex } from "../../src/generated/content-index.ts";
import { fetchAt } from "./app-at.ts";
import { clearLedger } from "./sending-helpers.ts";

const AT = Date.parse("2026-11-26T10:00:00Z");
const auth = { Authorization: "Bearer test-author-token-0001" };
const KUBECON = "kubecon-2015";
const NIGHT = "container-night-sf-2015";
/** A later edition of the KubeCon series, only in the index of the tests that ask for it. */
const KUBECON_2016: EventMeta = { ...contentIndex.events.find((e) => e.slug === KUBECON)!, slug: "kubecon-2016", title: "KubeCon 2016", start: "2016-11-08", end: "2016-11-09" };
const withKubecon2016 = { index: { ...contentIndex, events: [...contentIndex.events, KUBECON_2016] } };

const get = (path: string, deps = {}) => fetchAt(AT, path, { headers: auth }, {}, deps);
const json = async <T>(path: string, deps = {}) => {
  const res = await get(path, deps);
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
};
const exportCsv = async () => (await get("/api/subscribers.csv")).text();
type Report = { imported: number; duplicates: { row: number; email: string; reason: string }[]; errors: { row: number; field: string; message: string; unknown?: string[] }[] };
const importCsv = async (csv: string, query = "?consent=asserted") => {
  const res = await fetchAt(AT, `/api/subscribers/import${query}`, { method: "POST", headers: { ...auth, "Content-Type": "text/csv" }, body: csv });
  expect(res.status).toBe(200);
  return (await res.json()) as Report;
};

/** One row as it would be after a subscribe and a confirm; `follows` as stored (null: everything). */
async function person(email: string, follows: string[] | null, status = "active") {
  await env.DB.prepare("INSERT INTO subscribers (email, status, source, created_at, updated_at, consent_at, follows) VALUES (?1, ?2, 'test', 0, 0, 0, ?3)")
    .bind(email, status, follows === null ? null : JSON.stringify(follows))
    .run();
}
const choices = async () =>
  (await env.DB.prepare("SELECT email, status, follows FROM subscribers ORDER BY email").all<{ email: string; status: string; follows: string | null }>()).results;

type ListPage = { subscribers: { email: string; status: string; everything: boolean; events: string[] }[]; next: string | null };

beforeEach(async () => {
  await clearLedger();
  await env.DB.prepare("DELETE FROM subscribers").run();
});

describe("followers per event in GET /api/stats", () => {
  it("counts, for each event, the active subscribers who follow everything, the event or its series, once each", async () => {
    for (let i = 0; i < 3; i++) await person(`all-${i}@example.com`, null);
    await person("k1@example.com", [KUBECON]);
    await person("k2@example.com", [KUBECON]);
    await person("series@example.com", ["series:kubecon"]);
    await person("both@example.com", [KUBECON, "series:kubecon"]);
    await person("night@example.com", [NIGHT]);
    await person("two@example.com", [KUBECON, NIGHT]);
    // Not active: counted by status, never as followers.
    await person("pending@example.com", null, "pending");
    await person("left@example.com", [KUBECON], "unsubscribed");
    await person("bounced@example.com", ["series:kubecon"], "bounced");
    await person("complained@example.com", [NIGHT], "complained");

    const stats = await json<{ subscribers: Record<string, number>; followers: { everything: number; events: { event: string; title: string; series: string | null; followers: number }[] } }>("/api/stats", withKubecon2016);
    expect(stats.subscribers).toEqual({ pending: 1, active: 9, unsubscribed: 1, bounced: 1, complained: 1, total: 13 });
    expect(stats.followers).toEqual({
      everything: 3,
      events: [
        // The index's order; everything (3) + k1, k2, series, both, two.
        ...contentIndex.events.map((e) => ({ event: e.slug, title: e.title, series: e.series ?? null, followers: e.slug === KUBECON ? 8 : 5 })),
        // Only the series followers come along to the next edition: everything (3) + series, both.
        { event: "kubecon-2016", title: "KubeCon 2016", series: "kubecon", followers: 5 },
      ],
    });
  });
});

describe("GET /api/subscribers", () => {
  it("shows each subscriber's choice: everything, or the stored list with series as series:<name>", async () => {
    await person("all@example.com", null);
    await person("some@example.com", [KUBECON, "series:kubecon"]);
    const page = await json<ListPage>("/api/subscribers");
    expect(page.subscribers.map((s) => [s.email, s.everything, s.events])).toEqual([
      ["all@example.com", true, []],
      ["some@example.com", false, [KUBECON, "series:kubecon"]],
    ]);
  });

  it("event= lists the followers of that event (everything, the event, its series) page by page, every page full until the last", async () => {
    // Followers and others interleaved, so a page filled after the query would come up short.
    const kinds: [string, string[] | null][] = [
      ["other", [NIGHT]],
      ["all", null],
      ["direct", [KUBECON]],
      ["other", [NIGHT]],
      ["other", [NIGHT]],
      ["series", ["series:kubecon"]],
      ["other", []],
      ["all", null],
      ["direct", [NIGHT, KUBECON]],
      ["other", [NIGHT]],
      ["series", ["series:kubecon", NIGHT]],
      ["all", null],
      ["other", [NIGHT]],
    ];
    const expected: string[] = [];
    for (const [i, [kind, follows]] of kinds.entries()) {
      const email = `${String(i).padStart(2, "0")}-${kind}@example.com`;
      await person(email, follows);
      if (kind !== "other") expected.push(email);
    }
    await person("99-left@example.com", [KUBECON], "unsubscribed");

    const seen: string[] = [];
    const sizes: number[] = [];
    let cursor = "0";
    for (let pages = 0; pages < 10; pages++) {
      const page = await json<ListPage>(`/api/subscribers?event=${KUBECON}&status=active&limit=2&cursor=${cursor}`);
      seen.push(...page.subscribers.map((s) => s.email));
      sizes.push(page.subscribers.length);
      if (page.next === null) break;
      cursor = page.next;
    }
    expect(seen).toEqual(expected);
    expect(sizes).toEqual([2, 2, 2, 1]);

    // Without status, the one who left is a follower too; with the other event, another set.
    expect((await json<ListPage>(`/api/subscribers?event=${KUBECON}&limit=1000`)).subscribers.map((s) => s.email)).toEqual([...expected, "99-left@example.com"]);
    const night = (await json<ListPage>(`/api/subscribers?event=${NIGHT}`)).subscribers;
    expect(night.map((s) => s.email)).toEqual(["00-other@example.com", "01-all@example.com", "03-other@example.com", "04-other@example.com", "07-all@example.com", "08-direct@example.com", "09-other@example.com", "10-series@example.com", "11-all@example.com", "12-other@example.com"]);
  });

  it("a series edition only in the index is followed by the series' followers and everyone on everything", async () => {
    await person("all@example.com", null);
    await person("series@example.com", ["series:kubecon"]);
    await person("k15@example.com", [KUBECON]);
    const page = await json<ListPage>("/api/subscribers?event=kubecon-2016", withKubecon2016);
    expect(page.subscribers.map((s) => s.email)).toEqual(["all@example.com", "series@example.com"]);
  });

  it.each(["nope", "", "series:kubecon", "KUBECON-2015", "kubecon-2016"])("refuses event=%j with a 400 naming event", async (event) => {
    await person("all@example.com", null);
    const res = await get(`/api/subscribers?event=${encodeURIComponent(event)}`);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: "unknown_event", message: expect.stringContaining(KUBECON), field: "event" } });
  });
});

describe("the CSV events column", () => {
  const people: [string, string[] | null][] = [
    ["all@example.com", null],
    ["kubecon@example.com", [KUBECON]],
    ["series@example.com", ["series:kubecon"]],
    ["both@example.com", [NIGHT, KUBECON]],
    ["three@example.com", [NIGHT, KUBECON, "series:kubecon"]],
  ];

  it("exports each choice as ;-separated slugs, empty for everything", async () => {
    for (const [email, follows] of people) await person(email, follows);
    const records = parseCsv(await exportCsv());
    const header = records[0]!.fields;
    const events = header.indexOf("events");
    expect(events).toBe(9);
    const cells = new Map(records.slice(1).map((r) => [r.fields[0]!, csvValue(r.fields[events]!)]));
    expect(Object.fromEntries(cells)).toEqual({
      "all@example.com": "",
      "kubecon@example.com": KUBECON,
      "series@example.com": "series:kubecon",
      "both@example.com": `${NIGHT};${KUBECON}`,
      "three@example.com": `${NIGHT};${KUBECON};series:kubecon`,
    });
  });

  it.each([["?consent=asserted", "active"], ["", "pending"]])("an export imported into an empty list (%s) gives everyone the same choice", async (query, status) => {
    for (const [email, follows] of people) await person(email, follows);
    const before = (await choices()).map((c) => [c.email, c.follows]);
    const csv = await exportCsv();
    await env.DB.prepare("DELETE FROM subscribers").run();
    const report = await importCsv(csv, query);
    expect(report).toMatchObject({ imported: people.length, errors: [], duplicates: [] });
    expect((await choices()).map((c) => [c.email, c.follows])).toEqual(before);
    expect(new Set((await choices()).map((c) => c.status))).toEqual(new Set([status]));
    // And out again, the same file but for the columns the import set anew.
    const again = parseCsv(await exportCsv()).map((r) => [r.fields[0], r.fields[9]]);
    expect(again).toEqual(parseCsv(csv).map((r) => [r.fields[0], r.fields[9]]));
  });

  it("reports a row naming unknown slugs with its line, the field and the slugs, imports none of it, and the rest as usual", async () => {
    const csv = [
      "email,events", // 1
      `good@example.com,${KUBECON}`, // 2
      "typo@example.com,kubecon-2105", // 3
      `"mixed@example.com","${KUBECON};series:kubekon;nope"`, // 4
      "typo@example.com,", // 5: the same address, now fine: taken, since line 3 was refused
      "not-an-address,nope", // 6: the address is what is wrong
      "good@example.com,", // 7: a duplicate in the file
    ].join("\r\n");
    const report = await importCsv(csv);
    expect(report.errors).toEqual([
      { row: 3, field: "events", email: expect.any(String), message: expect.stringContaining('"kubecon-2105"'), unknown: ["kubecon-2105"] },
      { row: 4, field: "events", email: expect.any(String), message: expect.stringContaining("series:kubekon"), unknown: ["series:kubekon", "nope"] },
      { row: 6, field: "email", message: expect.any(String), text: "not-an-address" },
    ]);
    expect(report.duplicates).toEqual([{ row: 7, email: "good@example.com", reason: "same as the row on line 2" }]);
    expect(report.imported).toBe(2);
    expect((await choices()).map((c) => [c.email, c.follows])).toEqual([
      ["good@example.com", JSON.stringify([KUBECON])],
      ["typo@example.com", null],
    ]);
  });

  it("leaves an address already on the list as it was, its choice included, whatever the row says", async () => {
    await person("active@example.com", [KUBECON]);
    await person("pending@example.com", null, "pending");
    await person("left@example.com", [NIGHT], "unsubscribed");
    const before = await choices();
    const report = await importCsv(["email,events", `active@example.com,${NIGHT}`, `pending@example.com,${NIGHT}`, "left@example.com,"].join("\n"));
    expect(report.imported).toBe(0);
    expect(report.duplicates.map((d) => [d.row, d.reason])).toEqual([
      [2, "already on the list (left as it was)"],
      [3, "already on the list (left as it was)"],
      [4, "already on the list (left as it was)"],
    ]);
    expect(await choices()).toEqual(before);
  });

  it("reads quoted cells, commas and semicolons, spaces and the defusing quote; no events column means everything", async () => {
    const report = await importCsv(
      [
        "Name,Email,Events",
        `"Ada, the first",ada@example.com,"${KUBECON}, ${NIGHT}"`,
        `Bob,bob@example.com," series:kubecon ; ${NIGHT} ;"`,
        `Cy,cy@example.com,'series:kubecon`,
        `"Di ""quoted""",di@example.com,""`,
        `Ed,ed@example.com,"""${KUBECON}"""`,
      ].join("\r\n"),
    );
    expect(report.errors).toEqual([{ row: 6, field: "events", email: expect.any(String), message: expect.any(String), unknown: [`"${KUBECON}"`] }]);
    expect((await choices()).map((c) => [c.email, c.follows])).toEqual([
      ["ada@example.com", JSON.stringify([NIGHT, KUBECON])],
      ["bob@example.com", JSON.stringify([NIGHT, "series:kubecon"])],
      ["cy@example.com", JSON.stringify(["series:kubecon"])],
      ["di@example.com", null],
    ]);
    expect((await importCsv("email\nnocolumn@example.com\n")).imported).toBe(1);
    expect((await env.DB.prepare("SELECT follows FROM subscribers WHERE email = 'nocolumn@example.com'").first())!.follows).toBeNull();
  });

  it("escapes a stored choice that holds commas, quotes or a formula start, and the import names those entries unknown", async () => {
    // Not something Herald stores (parseFollows checks every entry), but the export must not trust it.
    await person("odd@example.com", ["=HYPERLINK(1)", 'a,"b"']);
    const csv = await exportCsv();
    const line = csv.split("\r\n").find((l) => l.startsWith("odd@example.com"))!;
    expect(line.endsWith(`,"'=HYPERLINK(1);a,""b""",asap,`)).toBe(true);
    expect(csv).not.toMatch(/(^|[\n,])"?[=+\-@]/);
    await env.DB.prepare("DELETE FROM subscribers").run();
    const report = await importCsv(csv);
    expect(report.errors).toEqual([{ row: 2, field: "events", email: expect.any(String), message: expect.any(String), unknown: ["=HYPERLINK(1)", "a", '"b"'] }]);
    expect(await choices()).toEqual([]);
  });
});
