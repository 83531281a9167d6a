// A delivery time chosen when subscribing: `delivery` and `zone` on POST /subscribe (form or
// JSON), read as the preference page reads them, carried through the real queue to the row;
// the same answer for everyone and the honeypot as before.
import { describe, expect, it } from "vitest";
import { parseZone } from "../../src/content/delivery-time.ts";
import { fetchAt } from "./app-at.ts";
import { config, confirmLinkIn, inbox, subscribe, subscriberRow, uniqueAddress } from "./subscription-helpers.ts";

const T0 = Date.parse("2026-11-26T10:00:00Z");
const MINUTE = 60_000;
const KATHMANDU = (() => {
  const z = parseZone("Asia/Kathmandu");
  if (!z.ok) throw new Error("no Kathmandu here");
  return z.value;
})();

const timeOf = async (email: string) => {
  const row = await subscriberRow(email);
  return row && { status: row.status, delivery: row.delivery, zone: row.zone };
};

describe("POST /subscribe with a delivery time", () => {
  it.each([
    ["a form", false],
    ["JSON", true],
  ])("%s: the time and zone reach the new row, and the confirmation goes out as for anyone", async (_name, json) => {
    const email = uniqueAddress();
    const res = await subscribe(T0, email, { json, extra: { delivery: "07:00", zone: "asia/kathmandu" } });
    expect(res.status).toBe(202);
    expect(await timeOf(email)).toEqual({ status: "pending", delivery: "07:00", zone: KATHMANDU });
    const [mail, ...more] = await inbox(email);
    expect(more).toHaveLength(0);
    // The confirmation says when it will come, and so does the page its link opens.
    expect(mail!.body.text.replace(/\s+/g, " ")).toContain("You chose: everything, at 07:00 in Asia/Kathmandu (Kathmandu time).");
    expect(mail!.body.html).toContain("You chose: everything, at 07:00 in Asia/Kathmandu (Kathmandu time).");
    const page = await (await fetchAt(T0 + MINUTE, confirmLinkIn(mail!))).text();
    expect(page).toContain("You chose: <strong>everything, at 07:00 in Asia/Kathmandu (Kathmandu time)</strong>");
  });

  it("a field sent twice is a 400 naming it, and nothing is stored", async () => {
    const email = uniqueAddress();
    const body = new URLSearchParams([["email", email], ["delivery", "07:00"], ["delivery", "08:00"], ["zone", "UTC"]]).toString();
    const res = await fetchAt(T0, "/subscribe", { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json", "CF-Connecting-IP": "203.0.113.77" }, body });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { field: string } }).error.field).toBe("delivery");
    expect(await subscriberRow(email)).toBeNull();
  });

  it("no fields is as soon as it is out, with no zone; asap with a zone keeps the zone", async () => {
    const plain = uniqueAddress();
    await subscribe(T0, plain, { json: true });
    expect(await timeOf(plain)).toEqual({ status: "pending", delivery: null, zone: null });
    const zoned = uniqueAddress();
    await subscribe(T0, zoned, { extra: { delivery: "asap", zone: "Europe/Berlin" } });
    expect(await timeOf(zoned)).toEqual({ status: "pending", delivery: null, zone: "Europe/Berlin" });
  });

  it("a pending address that asks again with another time gets the new one; confirmed, it keeps it", async () => {
    const email = uniqueAddress();
    await subscribe(T0, email, { extra: { delivery: "07:00", zone: "Europe/Berlin" } });
    await subscribe(T0 + MINUTE, email, { extra: { delivery: "18:30", zone: "America/Los_Angeles" } });
    expect(await timeOf(email)).toEqual({ status: "pending", delivery: "18:30", zone: "America/Los_Angeles" });
    // A request naming no time leaves the one waiting.
    await subscribe(T0 + 2 * MINUTE, email);
    expect(await timeOf(email)).toMatchObject({ delivery: "18:30", zone: "America/Los_Angeles" });
    await fetchAt(T0 + 3 * MINUTE, confirmLinkIn((await inbox(email))[0]!), { method: "POST" });
    expect(await timeOf(email)).toEqual({ status: "active", delivery: "18:30", zone: "America/Los_Angeles" });
    // Active: only the preference page changes it, never the public form.
    const again = await subscribe(T0 + 4 * MINUTE, email, { extra: { delivery: "06:00", zone: "Asia/Tokyo" } });
    expect(again.status).toBe(202);
    expect(await timeOf(email)).toEqual({ status: "active", delivery: "18:30", zone: "America/Los_Angeles" });
  });

  it.each([
    ["an hour past the day", { delivery: "25:00", zone: "Europe/Berlin" }, "delivery"],
    ["a time without its leading zero", { delivery: "7:30", zone: "Europe/Berlin" }, "delivery"],
    ["a zone nobody knows", { delivery: "07:30", zone: "Mars/Olympus" }, "zone"],
    ["an offset for a zone", { delivery: "07:30", zone: "+05:30" }, "zone"],
    ["a time with no zone", { delivery: "07:30" }, "zone"],
  ] as const)("%s: 400 naming the field (JSON) or the form again with the sentence; nothing stored or sent", async (_name, extra, field) => {
    const email = uniqueAddress();
    const json = await subscribe(T0, email, { json: true, extra });
    expect(json.status).toBe(400);
    expect(((await json.json()) as { error: { code: string; field: string } }).error).toMatchObject({ code: `invalid_${field}`, field });
    const form = await subscribe(T0, email, { extra });
    expect(form.status).toBe(400);
    const html = await form.text();
    expect(html).toMatch(/<p class="error" role="alert"><strong>[^<]*(time|zone)/);
    expect(html).toContain(`value="${email}"`);
    expect(await subscriberRow(email)).toBeNull();
    expect(await inbox(email)).toHaveLength(0);
  });

  it("the honeypot with a time: the same answer, and nothing stored or sent", async () => {
    const trapped = uniqueAddress();
    const res = await subscribe(T0, trapped, { extra: { delivery: "07:00", zone: "Europe/Berlin", website: "http://spam.example" } });
    const plain = await subscribe(T0, uniqueAddress(), { extra: { delivery: "07:00", zone: "Europe/Berlin" } });
    expect(res.status).toBe(202);
    expect(await res.text()).toBe(await plain.text());
    expect(await subscriberRow(trapped)).toBeNull();
    expect(await inbox(trapped)).toHaveLength(0);
  });

  it("answers the same whatever time was asked for, and for a new, pending or active address", async () => {
    const email = uniqueAddress();
    const answers = new Set<string>();
    answers.add(await (await subscribe(T0, email, { json: true, extra: { delivery: "07:00", zone: "Europe/Berlin" } })).text());
    answers.add(await (await subscribe(T0 + MINUTE, email, { json: true })).text());
    await fetchAt(T0 + 2 * MINUTE, confirmLinkIn((await inbox(email))[0]!), { method: "POST" });
    answers.add(await (await subscribe(T0 + 3 * MINUTE, email, { json: true, extra: { delivery: "asap" } })).text());
    answers.add(await (await subscribe(T0 + 3 * MINUTE, uniqueAddress(), { json: true, extra: { delivery: "23:30", zone: "UTC" } })).text());
    expect(answers.size).toBe(1);
  });
});

describe("the subscribe page offers it", () => {
  const selected = (html: string, id: string) => [...(new RegExp(`<select id="${id}"[^>]*>([\\s\\S]*?)</select>`).exec(html)?.[1] ?? "").matchAll(/<option value="([^"]*)" selected>/g)].map((m) => m[1]);

  it("GET /subscribe: asap, in the zone the request came from (else TIMEZONE), never kept by a shared cache", async () => {
    const res = await fetchAt(T0, "/subscribe", { cf: { timezone: "Asia/Kathmandu" } } as RequestInit);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const html = await res.text();
    expect(html).toContain("<legend>When should it come?</legend>");
    expect(html).toContain('<label for="subscribe-delivery">Time</label>');
    expect(selected(html, "subscribe-delivery")).toEqual(["asap"]);
    expect(selected(html, "subscribe-zone")).toEqual([KATHMANDU]);
    const site = parseZone(config.timezone);
    expect(selected(await (await fetchAt(T0, "/subscribe")).text(), "subscribe-zone")).toEqual([site.ok && site.value]);
  });

  it("the cached pages' forms leave it out", async () => {
    expect(await (await fetchAt(T0, "/")).text()).not.toContain('name="delivery"');
  });

  it("a refused time gets the page again with the field marked, and what was picked picked", async () => {
    const res = await subscribe(T0, uniqueAddress(), { extra: { delivery: "07:30", zone: "Mars/Olympus" } });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('<select id="subscribe-zone" name="zone" aria-invalid="true" aria-describedby="subscribe-zone-error">');
    expect(selected(html, "subscribe-delivery")).toEqual(["07:30"]);
  });
});
