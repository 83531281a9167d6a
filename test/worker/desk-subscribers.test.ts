// The desk's Subscribers page: counts and the 90-day chart from seeded rows and their status
// log (pinned clock), search and its escaping, the CSV export, the import and its report,
// and erase, which only the confirming POST does.
import { env } from "cloudflare:test";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { addDays, localDate } from "../../src/content/days.ts";
import { MAX_IMPORT_CSV_BYTES, MAX_IMPORT_FORM_BYTES } from "../../src/desk/subscriber-import.ts";
import { SEARCH_LIMIT } from "../../src/desk/subscriber-search.ts";
import { fetchAt, ORIGIN } from "./app-at.ts";
import { deskPost, DESK_TOKEN, signIn, type DeskBrowser } from "./desk-helpers.ts";

const ZONE = "America/Los_Angeles";
/** 13:00 local on 2031-06-30: a day no other file's status log writes in. */
const NOW = Date.parse("2031-06-30T20:00:00Z");
const DAY = 24 * 60 * 60_000;
const TODAY = localDate(NOW, ZONE);

let desk: DeskBrowser;

beforeAll(async () => {
  desk = await signIn(NOW);
});

beforeEach(async () => {
  await env.DB.batch([env.DB.prepare("DELETE FROM notices"), env.DB.prepare("DELETE FROM subscribers"), env.DB.prepare("DELETE FROM erased_suppressions")]);
});

/** A row as the app would have written it at `at` (the status log takes its time from updated_at). */
async function addRow(email: string, status: string, at: number, follows: string[] | null = null): Promise<number> {
  const row = await env.DB.prepare("INSERT INTO subscribers (email, status, source, created_at, updated_at, consent_at, follows) VALUES (?1, ?2, 'test', ?3, ?3, ?4, ?5) RETURNING id")
    .bind(email, status, at, status === "active" ? at : null, follows && JSON.stringify(follows))
    .first<{ id: number }>();
  return row!.id;
}

async function changeStatus(id: number, status: string, at: number): Promise<void> {
  await env.DB.prepare("UPDATE subscribers SET status = ?2, updated_at = ?3 WHERE id = ?1").bind(id, status, at).run();
}

const open = (path: string, browser: DeskBrowser = desk) => fetchAt(NOW, path, { headers: { Cookie: browser.cookie }, redirect: "manual" });
const pageOf = async (path: string) => {
  const res = await open(path);
  return { status: res.status, text: await res.text(), res };
};
const rowCount = async () => (await env.DB.prepare("SELECT COUNT(*) AS n FROM subscribers").first<{ n: number }>())!.n;
const onList = async (email: string) => (await env.DB.prepare("SELECT COUNT(*) AS n FROM subscribers WHERE email = ?1").bind(email).first<{ n: number }>())!.n === 1;

/** The chart's text alternative: the details table's rows, day by day. */
function chartTable(page: string): { date: string; active: number }[] {
  const details = /<details>[\s\S]*?<\/details>/.exec(page)![0];
  return [...details.matchAll(/<tr><td>(\d{4}-\d{2}-\d{2})<\/td><td class="num">([\d,]+)<\/td><\/tr>/g)].map((m) => ({ date: m[1]!, active: Number(m[2]!.replace(/,/g, "")) }));
}

/** The count shown for a label in the counts list. */
function countOf(page: string, label: string): number {
  const m = new RegExp(`<span class="n">([\\d,]+)</span> <span class="label">${label}</span>`).exec(page);
  if (!m) throw new Error(`no count for ${label}`);
  return Number(m[1]!.replace(/,/g, ""));
}

describe("counts and the chart", () => {
  it("counts by status and by event, as /api/stats does", async () => {
    await addRow("a@example.org", "active", NOW - 5 * DAY, ["kubecon-2015"]);
    await addRow("b@example.org", "active", NOW - 5 * DAY);
    await addRow("c@example.org", "active", NOW - 5 * DAY, ["container-night-sf-2015"]);
    await addRow("d@example.org", "pending", NOW - DAY);
    await addRow("e@example.org", "unsubscribed", NOW - DAY);
    await addRow("f@example.org", "bounced", NOW - DAY);
    await addRow("g@example.org", "complained", NOW - DAY);
    const { status, text } = await pageOf("/admin/subscribers");
    expect(status).toBe(200);
    expect([countOf(text, "waiting to confirm"), countOf(text, "active"), countOf(text, "unsubscribed"), countOf(text, "bounced"), countOf(text, "complained"), countOf(text, "on the list in all")]).toEqual([1, 3, 1, 1, 1, 7]);
    // Everything (b) and the event (a) for KubeCon; everything (b) and the event (c) for Container Night.
    expect(text).toMatch(/<tr><td>KubeCon[^<]*<\/td><td class="num">2<\/td><\/tr>/);
    expect(text).toMatch(/<tr><td>Container Night SF 2015<\/td><td class="num">2<\/td><\/tr>/);
    expect(text).toContain("1 of the active follow everything");
    const stats = (await (await fetchAt(NOW, "/api/stats", { headers: { Authorization: `Bearer ${DESK_TOKEN}` } })).json()) as { subscribers: Record<string, number> };
    expect(stats.subscribers).toMatchObject({ pending: 1, active: 3, unsubscribed: 1, bounced: 1, complained: 1, total: 7 });
  });

  it("charts the active at the end of each local day over 90 days, with the same figures in a table, and an erase leaves the chart", async () => {
    await addRow("before@example.org", "active", NOW - 100 * DAY); // active since before the window
    const later = await addRow("later@example.org", "pending", NOW - 10 * DAY);
    await changeStatus(later, "active", NOW - 5 * DAY);
    const left = await addRow("left@example.org", "active", NOW - 3 * DAY);
    await changeStatus(left, "unsubscribed", NOW - DAY);
    await addRow("today@example.org", "active", NOW - 60_000);

    const { text } = await pageOf("/admin/subscribers");
    const days = chartTable(text);
    expect(days).toHaveLength(90);
    expect(days[0]!.date).toBe(addDays(TODAY, -89));
    expect(days.at(-1)!.date).toBe(TODAY);
    const expected = (date: string) => 1 + (date >= addDays(TODAY, -5) ? 1 : 0) + (date >= addDays(TODAY, -3) && date < addDays(TODAY, -1) ? 1 : 0) + (date === TODAY ? 1 : 0);
    expect(days).toEqual(days.map((d) => ({ date: d.date, active: expected(d.date) })));
    // The chart itself: an image with a name, one bar per day, its figures in words.
    const svg = /<svg[^>]*role="img"[\s\S]*?<\/svg>/.exec(text)![0];
    expect(svg.match(/<rect class="bar"/g)).toHaveLength(90);
    expect(svg).toContain(`<title>${TODAY}: 3 active subscribers</title>`);
    expect(text).toContain(`3 active subscribers today (${TODAY}), 2 more than when ${addDays(TODAY, -89)} began.`);

    // Erased, "later" is gone from the log, so from every day of the chart.
    expect((await deskPost(NOW, "/admin/subscribers/erase", desk, { email: "later@example.org" })).status).toBe(303);
    expect((await env.DB.prepare("SELECT COUNT(*) AS n FROM subscriber_status_log WHERE subscriber_id = ?1").bind(later).first<{ n: number }>())!.n).toBe(0);
    const after = chartTable((await pageOf("/admin/subscribers")).text);
    expect(after).toEqual(days.map((d) => ({ date: d.date, active: expected(d.date) - (d.date >= addDays(TODAY, -5) ? 1 : 0) })));
  });
});

describe("search", () => {
  beforeEach(async () => {
    for (const email of ["smith@example.org", "alice.smith@example.org", "100%real@example.org", "100xreal@example.org", "under_score@example.org", "underxscore@example.org", "back\\slash@example.org", "backxslash@example.org"]) {
      await addRow(email, "active", NOW - DAY);
    }
  });

  const results = (page: string) => [...page.matchAll(/<td class="address">([^<]*)<\/td>/g)].map((m) => m[1]);
  const search = async (q: string) => pageOf(`/admin/subscribers?q=${encodeURIComponent(q)}`);

  it("finds addresses by any part, without case, those that start with it first, with a link to erase each", async () => {
    const { status, text } = await search("SMITH");
    expect(status).toBe(200);
    expect(results(text)).toEqual(["smith@example.org", "alice.smith@example.org"]);
    expect(text).toContain("2 addresses contain “SMITH”");
    expect(text).toContain('href="/admin/subscribers/erase?email=alice.smith%40example.org"');
    expect(text).toMatch(/<time datetime="2031-06-29T20:00:00.000Z">[^<]*2031[^<]*<\/time>/);
  });

  it("takes %, _ and the escape character literally", async () => {
    expect(results((await search("0%r")).text)).toEqual(["100%real@example.org"]);
    expect(results((await search("under_s")).text)).toEqual(["under_score@example.org"]);
    expect(results((await search("k\\s")).text)).toEqual(["back\\slash@example.org"]);
    expect(results((await search("%")).text)).toEqual(["100%real@example.org"]);
    const none = await search("no-such-address");
    expect(results(none.text)).toEqual([]);
    expect(none.text).toContain("No address contains “no-such-address”.");
  });

  it("escapes the query wherever it is shown", async () => {
    const { text } = await search('<script>alert("x")</script>');
    expect(text).not.toContain("<script>alert");
    expect(text).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
  });

  it("says so for an empty or too long query, with a 400 and the field marked", async () => {
    for (const q of ["", "   ", "x".repeat(255)]) {
      const { status, text } = await search(q);
      expect(status).toBe(400);
      expect(text).toMatch(/<input id="q" name="q" type="search"[^>]*aria-invalid="true" aria-describedby="q-error">/);
      expect(text).toMatch(q.length > 254 ? /The search is 255 characters long/ : /Enter part of an address to search for/);
    }
  });

  it("puts the address itself first, then the shortest that start with the query", async () => {
    const emails = ["reader2@example.net", ...Array.from({ length: SEARCH_LIMIT + 5 }, (_, i) => `reader2${String(i).padStart(2, "0")}@example.net`), "reader20@example.net"];
    await env.DB.batch(emails.map((e) => env.DB.prepare("INSERT INTO subscribers (email, status, source, created_at, updated_at) VALUES (?1, 'active', 'test', 0, 0)").bind(e)));
    expect(results((await search("reader2")).text).slice(0, 2)).toEqual(["reader2@example.net", "reader20@example.net"]);
    expect(results((await search("READER20@example.net")).text)[0]).toBe("reader20@example.net");
  });

  it(`shows at most ${SEARCH_LIMIT} and says there are more`, async () => {
    await env.DB.batch(Array.from({ length: SEARCH_LIMIT + 5 }, (_, i) => env.DB.prepare("INSERT INTO subscribers (email, status, source, created_at, updated_at) VALUES (?1, 'pending', 'test', 0, 0)").bind(`many-${String(i).padStart(3, "0")}@example.net`)));
    const { text } = await search("many-");
    expect(results(text)).toHaveLength(SEARCH_LIMIT);
    expect(text).toContain(`More than ${SEARCH_LIMIT} addresses contain “many-”; the first ${SEARCH_LIMIT} are shown.`);
  });
});

describe("export", () => {
  it("answers the API's CSV as an attachment, not to be stored, all or by status", async () => {
    await addRow("x@example.org", "active", NOW - DAY, ["kubecon-2015"]);
    await addRow("=y@example.org", "pending", NOW - DAY);
    for (const query of ["", "?status=active", "?status=pending"]) {
      const res = await open(`/admin/subscribers.csv${query}`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      // Named for what it holds and the day in the site's zone (NOW, 20:00 UTC, is 13:00 on 2031-06-30 there).
      expect(res.headers.get("content-disposition")).toBe(`attachment; filename="subscribers-${query ? query.slice("?status=".length) : "all"}-2031-06-30.csv"`);
      expect(res.headers.get("cache-control")).toBe("no-store");
      const api = await fetchAt(NOW, `/api/subscribers.csv${query}`, { headers: { Authorization: `Bearer ${DESK_TOKEN}` } });
      expect(await res.text()).toBe(await api.text());
    }
    const bad = await pageOf("/admin/subscribers.csv?status=gone");
    expect(bad.status).toBe(400);
    expect(bad.text).toContain("The status must be one of pending, active, unsubscribed, bounced, complained.");
  });

  it("is not served without a session", async () => {
    const res = await fetchAt(NOW, "/admin/subscribers.csv", { redirect: "manual" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/admin/sign-in?next=%2Fadmin%2Fsubscribers.csv");
  });
});

/** The import form as the desk's page sends it (multipart), with a file and/or pasted text. */
function postImport(parts: { file?: File; csv?: string; consent?: string; csrf?: string }, headers: Record<string, string> = {}) {
  const form = new FormData();
  form.set("csrf", parts.csrf ?? desk.csrf);
  form.set("file", parts.file ?? new File([], "", { type: "application/octet-stream" }));
  form.set("csv", parts.csv ?? "");
  if (parts.consent) form.set("consent", parts.consent);
  return fetchAt(NOW, "/admin/subscribers/import", { method: "POST", headers: { Cookie: desk.cookie, Origin: ORIGIN, "Sec-Fetch-Site": "same-origin", ...headers }, body: form, redirect: "manual" });
}

/** The report table's rows: row, address, outcome, reason. */
function reportRows(page: string): string[][] {
  const table = /<table class="desk import-report">[\s\S]*?<\/table>/.exec(page)?.[0] ?? "";
  return [...table.matchAll(/<tr><td class="num">(\d+)<\/td><td class="address">(.*?)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><\/tr>/g)].map((m) => m.slice(1));
}

describe("import", () => {
  const CSV = ["email,events", "good-1@example.org,", "good-2@example.org,kubecon-2015", "GOOD-1@example.org,", "not an address,", "odd@example.org,no-such-event", "existing@example.org,", ""].join("\n");

  it("imports a file's good rows as pending with confirmations queued, and reports each other row in a table", async () => {
    await addRow("existing@example.org", "active", NOW - DAY);
    const res = await postImport({ file: new File([CSV], "list.csv", { type: "text/csv" }) });
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(countOf(page, "rows read")).toBe(6);
    expect(countOf(page, "imported")).toBe(2);
    expect(countOf(page, "duplicates skipped")).toBe(2);
    expect(countOf(page, "refused")).toBe(2);
    expect(page).toContain("2 added as waiting to confirm; 2 confirmation mails queued.");
    expect(reportRows(page)).toEqual([
      ["4", "GOOD-1@example.org", "skipped (duplicate)", "same as the row on line 2"],
      ["5", "<q>not an address</q>", "refused", expect.stringMatching(/^email /)],
      ["6", "odd@example.org", "refused", expect.stringMatching(/^events.*\(no-such-event\)$/)],
      ["7", "existing@example.org", "skipped (duplicate)", "already on the list (left as it was)"],
    ]);
    const rows = await env.DB.prepare("SELECT email, status, follows FROM subscribers WHERE email LIKE 'good-%' ORDER BY email").all();
    expect(rows.results).toEqual([
      { email: "good-1@example.org", status: "pending", follows: null },
      { email: "good-2@example.org", status: "pending", follows: '["kubecon-2015"]' },
    ]);
    expect((await env.DB.prepare("SELECT COUNT(*) AS n FROM notices WHERE kind = 'confirmation' AND batch LIKE 'import-%'").first<{ n: number }>())!.n).toBe(2);
  });

  it("shows what a refused address cell held, escaped and cut short, and says when it was empty", async () => {
    const long = `${"y".repeat(300)}@`;
    const res = await postImport({ csv: ["email,events", '"<b>not</b> an address",', ",kubecon-2015", `${long},`, ""].join("\n") });
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(reportRows(page).map((r) => r.slice(0, 3))).toEqual([
      ["2", "<q>&lt;b&gt;not&lt;/b&gt; an address</q>", "refused"],
      ["3", '<span class="muted">(empty)</span>', "refused"],
      ["4", `<q>${"y".repeat(200)}</q>`, "refused"],
    ]);
    expect(page).toContain("No row was imported: the table says why for each.");
    expect(await rowCount()).toBe(0);
  });

  it("adds pasted rows as active when the author asserts consent", async () => {
    const res = await postImport({ csv: "email\npasted@example.org\n", consent: "asserted" });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("1 added as active (consent asserted). Every row was imported.");
    expect((await env.DB.prepare("SELECT status FROM subscribers WHERE email = 'pasted@example.org'").first<{ status: string }>())!.status).toBe("active");
    expect((await env.DB.prepare("SELECT COUNT(*) AS n FROM notices").first<{ n: number }>())!.n).toBe(0);
  });

  it("refuses a form over the size limit, on its stated length, with a 413 page, and imports nothing", async () => {
    // As a browser sends it: with its length, so it is refused on the length alone.
    const boundary = "----desk-import-test";
    const body = [`--${boundary}`, 'Content-Disposition: form-data; name="csrf"', "", desk.csrf, `--${boundary}`, 'Content-Disposition: form-data; name="file"; filename="big.csv"', "Content-Type: text/csv", "", `email\n${"x".repeat(MAX_IMPORT_FORM_BYTES)}@example.org`, `--${boundary}--`, ""].join("\r\n");
    const res = await fetchAt(NOW, "/admin/subscribers/import", {
      method: "POST",
      headers: { Cookie: desk.cookie, Origin: ORIGIN, "Sec-Fetch-Site": "same-origin", "Content-Type": `multipart/form-data; boundary=${boundary}`, "Content-Length": String(body.length) },
      body,
      redirect: "manual",
    });
    expect(res.status).toBe(413);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await res.text()).toContain("The form was larger than an import takes (a CSV of at most 1 MiB).");
    expect(await rowCount()).toBe(0);
  });

  it("refuses a file or pasted text over 1 MiB sent without a length, and imports nothing", async () => {
    const big = `email\n${"x".repeat(MAX_IMPORT_CSV_BYTES)}@example.org\n`;
    const file = await postImport({ file: new File([big], "big.csv", { type: "text/csv" }) });
    expect(file.status).toBe(413);
    expect(await file.text()).toMatch(/The CSV file is 1,048,5\d\d bytes; an import takes at most 1,048,576/);
    const pasted = await postImport({ csv: big });
    expect(pasted.status).toBe(413);
    expect(await pasted.text()).toMatch(/The pasted text is 1,048,5\d\d bytes/);
    expect(await rowCount()).toBe(0);
  });

  it.each([
    ["a file that is not UTF-8", { file: new File([new Uint8Array([0x65, 0x6d, 0x61, 0x69, 0x6c, 0x0a, 0xe9, 0x40, 0x78, 0x0a])], "latin1.csv", { type: "text/csv" }) }, 415, "The CSV file is not UTF-8 text."],
    ["a file that is not a CSV", { file: new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], "photo.png", { type: "image/png" }) }, 415, "The CSV file must be a CSV (text), not image/png."],
    ["a binary file called CSV", { file: new File([new Uint8Array([0x65, 0x00, 0x01])], "x.csv", { type: "text/csv" }) }, 415, "The CSV file holds binary data"],
    ["neither a file nor text", {}, 400, "Choose a CSV file, or paste the list in the text box"],
    ["both a file and text", { file: new File(["email\na@example.org\n"], "a.csv", { type: "text/csv" }), csv: "email\nb@example.org\n" }, 400, "Choose a CSV file or paste the list, not both"],
    ["a CSV without an email column", { csv: "name\nAda\n" }, 400, "The pasted text could not be imported: the first line must be a header with an &quot;email&quot; column."],
    ["an unclosed quote", { file: new File(['email\n"a@example.org\n'], "a.csv", { type: "text/csv" }) }, 400, "The CSV file could not be imported: the quoted field that opens on line 2 is never closed."],
  ])("refuses %s with a page naming the field, and imports nothing", async (_name, parts, status, sentence) => {
    const res = await postImport(parts);
    expect(res.status).toBe(status);
    expect(await res.text()).toContain(sentence);
    expect(await rowCount()).toBe(0);
  });
});

describe("erase", () => {
  it("asks first: the GET shows what goes and changes nothing", async () => {
    await addRow("leaving@example.org", "complained", NOW - DAY);
    const { status, text } = await pageOf("/admin/subscribers/erase?email=leaving%40example.org");
    expect(status).toBe(200);
    expect(text).toContain("<h1>Erase leaving@example.org?</h1>");
    expect(text).toContain("This cannot be undone.");
    expect(text).toContain("a one-way hash of it is kept");
    expect(text).toMatch(/<form method="post" action="\/admin\/subscribers\/erase">\s*<input type="hidden" name="csrf" value="[0-9a-f]+">\s*<input type="hidden" name="email" value="leaving@example.org">\s*<button type="submit" class="danger">Erase leaving@example.org for good<\/button>/);
    expect(text).toContain('<a href="/admin/subscribers?q=leaving%40example.org#search">Keep leaving@example.org and go back</a>');
    expect(await onList("leaving@example.org")).toBe(true);
  });

  it("erases on the confirming POST, then says so on the subscribers page", async () => {
    await addRow("leaving@example.org", "active", NOW - DAY);
    const res = await deskPost(NOW, "/admin/subscribers/erase", desk, { email: "leaving@example.org" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/admin/subscribers?erased=1");
    expect(await onList("leaving@example.org")).toBe(false);
    expect((await pageOf(res.headers.get("location")!)).text).toContain('<p class="notice" role="status">The subscriber was erased, with their history.');
  });

  it("puts no text from a link in its notice", async () => {
    const page = (await pageOf("/admin/subscribers?erased=Herald%20moved%3A%20sign%20in%20at%20https%3A%2F%2Fevil.example")).text;
    expect(page).not.toContain("evil.example");
    expect(page).not.toContain('class="notice"');
  });

  it("answers 404 for an address not on the list, and 400 without one", async () => {
    expect((await pageOf("/admin/subscribers/erase?email=nobody%40example.org")).status).toBe(404);
    const post = await deskPost(NOW, "/admin/subscribers/erase", desk, { email: "nobody@example.org" });
    expect(post.status).toBe(404);
    expect(await post.text()).toContain("No subscriber has the address nobody@example.org");
    expect((await pageOf("/admin/subscribers/erase")).status).toBe(400);
  });
});

describe("unsubscribe", () => {
  const statusOf = async (email: string) => (await env.DB.prepare("SELECT status FROM subscribers WHERE email = ?1").bind(email).first<{ status: string }>())?.status;

  it("offers a button for each active or waiting subscriber in the results, and none for those already stopped", async () => {
    await addRow("going@example.org", "active", NOW - DAY);
    await addRow("gone@example.org", "unsubscribed", NOW - DAY);
    const { text } = await pageOf("/admin/subscribers?q=example.org");
    expect(text).toMatch(/<form method="post" action="\/admin\/subscribers\/unsubscribe"><input type="hidden" name="csrf" value="[0-9a-f]{64}"><input type="hidden" name="email" value="going@example.org"><button type="submit" class="quiet">Unsubscribe<span class="visually-hidden"> going@example.org<\/span>/);
    expect(text).not.toContain('name="email" value="gone@example.org"');
  });

  it("unsubscribes on the POST, as their own link would: logged, the row kept, back to the search with a notice", async () => {
    const id = await addRow("going@example.org", "active", NOW - DAY);
    const res = await deskPost(NOW, "/admin/subscribers/unsubscribe", desk, { email: "going@example.org" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/admin/subscribers?unsubscribed=1&q=going%40example.org#search");
    expect(await statusOf("going@example.org")).toBe("unsubscribed");
    const log = await env.DB.prepare("SELECT status FROM subscriber_status_log WHERE subscriber_id = ?1 ORDER BY id").bind(id).all<{ status: string }>();
    expect(log.results.map((r) => r.status)).toEqual(["active", "unsubscribed"]);
    expect((await pageOf(res.headers.get("location")!)).text).toContain("The subscriber was unsubscribed");
  });

  it("answers 409 for someone stopped already and 404 for an address not on the list, changing nothing", async () => {
    await addRow("bounced@example.org", "bounced", NOW - DAY);
    const again = await deskPost(NOW, "/admin/subscribers/unsubscribe", desk, { email: "bounced@example.org" });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("bounced already");
    expect(await statusOf("bounced@example.org")).toBe("bounced");
    expect((await deskPost(NOW, "/admin/subscribers/unsubscribe", desk, { email: "nobody@example.org" })).status).toBe(404);
  });
});

describe("every state change needs the desk's own form", () => {
  const routes: { path: string; fields: Record<string, string> }[] = [
    { path: "/admin/subscribers/erase", fields: { email: "kept@example.org" } },
    { path: "/admin/subscribers/unsubscribe", fields: { email: "kept@example.org" } },
    { path: "/admin/subscribers/import", fields: { csv: "email\nnew@example.org\n", consent: "asserted" } },
  ];
  const postForm = (path: string, fields: Record<string, string>, headers: Record<string, string>) =>
    fetchAt(NOW, path, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers }, body: new URLSearchParams(fields), redirect: "manual" });
  const forged: [string, (path: string, fields: Record<string, string>) => Promise<Response>][] = [
    ["no CSRF token", (path, fields) => postForm(path, fields, { Cookie: desk.cookie })],
    ["a wrong CSRF token", (path, fields) => postForm(path, { ...fields, csrf: "0".repeat(64) }, { Cookie: desk.cookie })],
    ["a cross-site POST", (path, fields) => postForm(path, { ...fields, csrf: desk.csrf }, { Cookie: desk.cookie, Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" })],
    ["no session", (path, fields) => postForm(path, { ...fields, csrf: desk.csrf }, {})],
  ];

  for (const route of routes) {
    it.each(forged)(`POST ${route.path} with %s is refused with 403 and changes nothing`, async (_name, send) => {
      await addRow("kept@example.org", "active", NOW - DAY);
      const res = await send(route.path, route.fields);
      expect(res.status).toBe(403);
      expect(await onList("kept@example.org")).toBe(true);
      expect((await env.DB.prepare("SELECT status FROM subscribers WHERE email = 'kept@example.org'").first<{ status: string }>())!.status).toBe("active");
      expect(await onList("new@example.org")).toBe(false);
    });
  }
});
