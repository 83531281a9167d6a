// The preference page's "When your email comes" through the real routes and D1: what GET
// offers (the zone guessed from cf.timezone, else TIMEZONE), what a POST of the time, of the
// events or of both changes, and that a refused or closed POST changes nothing.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { parseZone } from "../../src/content/delivery-time.ts";
import { preferencesUrlFor } from "../../src/subscriptions/subscriber-links.ts";
import { fetchAt } from "./app-at.ts";
import { config, subscriberRow, uniqueAddress } from "./subscription-helpers.ts";

/** KubeCon 2015's second day: both sample events are running. */
const AT = Date.parse("2015-11-10T20:00:00Z");
const FORM = { "Content-Type": "application/x-www-form-urlencoded" };
const JSON_BODY = { "Content-Type": "application/json", Accept: "application/json" };

/** The runtime's own name for a zone (its ICU calls Asia/Kathmandu Asia/Katmandu, for one). */
const zoneName = (raw: string) => {
  const parsed = parseZone(raw);
  if (!parsed.ok) throw new Error(`${raw} is not a zone here`);
  return parsed.value;
};
const KATHMANDU = zoneName("Asia/Kathmandu");

interface Stored {
  follows?: string[] | null;
  delivery?: string | null;
  zone?: string | null;
  status?: string;
}

async function subscriberWith({ follows = null, delivery = null, zone = null, status = "active" }: Stored = {}) {
  const email = uniqueAddress();
  const row = await env.DB.prepare(
    "INSERT INTO subscribers (email, status, source, created_at, updated_at, follows, delivery, zone) VALUES (?1, ?2, 'test', ?3, ?3, ?4, ?5, ?6) RETURNING id",
  )
    .bind(email, status, AT, follows === null ? null : JSON.stringify(follows), delivery, zone)
    .first<{ id: number }>();
  return { email, id: row!.id, path: preferencesUrlFor(config, String(row!.id)).replace(config.siteUrl, "") };
}

const post = (path: string, fields: [string, string][]) => fetchAt(AT, path, { method: "POST", headers: FORM, body: new URLSearchParams(fields).toString() });
const postJson = (path: string, body: unknown) => fetchAt(AT, path, { method: "POST", headers: JSON_BODY, body: JSON.stringify(body) });
/** A request as Cloudflare's edge hands it over, with where it came from. */
const getFrom = (path: string, timezone: string) => fetchAt(AT, path, { cf: { timezone } } as RequestInit);

/** The value selected in the select named `name`, and how many options it offers. */
function select(html: string, name: string) {
  const body = new RegExp(`<select id="${name}" name="${name}"[^>]*>([\\s\\S]*?)</select>`).exec(html)?.[1];
  if (body === undefined) throw new Error(`no select named ${name}`);
  const values = [...body.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1]!);
  const selected = [...body.matchAll(/<option value="([^"]*)" selected>/g)].map((m) => m[1]!);
  return { values, selected };
}
const timeOf = (html: string) => select(html, "delivery").selected;
const zoneOf = (html: string) => select(html, "zone").selected;
const said = (html: string) => /<p>Your email comes <strong>([^<]*)<\/strong>\.<\/p>/.exec(html)?.[1];
const notice = (html: string) => /<p role="status"><strong>([^<]*)<\/strong><\/p>/.exec(html)?.[1];
const stored = async (email: string) => {
  const row = await subscriberRow(email);
  return { follows: row!.follows, delivery: row!.delivery, zone: row!.zone, status: row!.status };
};

describe("GET /preferences: when your email comes", () => {
  it("says when the day's email is usually out, on the site's clock and in the zone offered", async () => {
    // At AT (12:00 in Los Angeles) the next SEND_AT, 19:00 there, is 08:45 the next morning in Kathmandu.
    const kathmandu = await subscriberWith({ zone: "Asia/Kathmandu" });
    // The page escapes the apostrophe, as it escapes all text.
    const there = (await (await getFrom(kathmandu.path, "Europe/Berlin")).text()).replace(/\s+/g, " ").replaceAll("&#39;", "'");
    expect(there).toContain("The day's email is usually out at 19:00 in America/Los_Angeles (Los Angeles time), which is 08:45 in Asia/Kathmandu (Kathmandu time): a time a little before that gets each email the next day.");
    // Never chose one, and the request comes from the site's own zone: one clock only.
    const home = await subscriberWith();
    const here = (await (await getFrom(home.path, "America/Los_Angeles")).text()).replace(/\s+/g, " ").replaceAll("&#39;", "'");
    expect(here).toContain("The day's email is usually out at 19:00 in America/Los_Angeles (Los Angeles time): a time a little before that gets each email the next day.");
  });

  it("offers asap and every half hour, asap chosen, in the zone the request came from; changes nothing", async () => {
    const s = await subscriberWith();
    const before = await subscriberRow(s.email);
    const res = await getFrom(s.path, "Asia/Kathmandu");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(said(html)).toBe("as soon as it is out");
    const times = select(html, "delivery");
    expect(times.values).toHaveLength(49);
    expect(times.values.slice(0, 4)).toEqual(["asap", "00:00", "00:30", "01:00"]);
    expect(times.values.at(-1)).toBe("23:30");
    expect(times.selected).toEqual(["asap"]);
    expect(zoneOf(html)).toEqual([KATHMANDU]);
    expect(select(html, "zone").values).toEqual(expect.arrayContaining(["UTC", "Europe/Berlin", "America/Los_Angeles", KATHMANDU]));
    // Each zone once, labelled as people write it today, in the order of its label.
    const zones = [...html.matchAll(/<option value="([A-Z][^"]*\/[^"]*|UTC)"[^>]*>([^<]*)<\/option>/g)].map((m) => ({ value: m[1]!, label: m[2]! }));
    expect(new Set(zones.map((z) => z.value)).size).toBe(zones.length);
    expect(zones.find((z) => z.value === KATHMANDU)!.label).toBe("Asia/Kathmandu");
    expect(zones.find((z) => z.value === zoneName("Asia/Kolkata"))!.label).toBe("Asia/Kolkata");
    expect(zones.find((z) => z.value === "America/Los_Angeles")!.label).toBe("America/Los Angeles");
    expect(zones.map((z) => z.label)).toEqual(zones.map((z) => z.label).sort());
    // Labelled, in a fieldset with a legend, saying what a change applies to.
    expect(html).toContain('<label for="delivery">Time</label>');
    expect(html).toContain('<label for="zone">Time zone</label>');
    expect(html).toContain("<legend>Delivery time</legend>");
    expect(html).toContain("A change applies from the next email that is not already on its way.");
    expect(await subscriberRow(s.email)).toEqual(before);
  });

  it.each([
    ["no cf.timezone", undefined],
    ["a cf.timezone that is no zone", "Mars/Olympus"],
    ["a cf.timezone that is an offset", "+05:30"],
  ])("%s: the site's TIMEZONE is offered", async (_name, timezone) => {
    const s = await subscriberWith();
    const res = timezone === undefined ? await fetchAt(AT, s.path) : await getFrom(s.path, timezone);
    expect(zoneOf(await res.text())).toEqual([zoneName(config.timezone)]);
  });

  it("a zone the subscriber chose wins over where the request came from, and a time off the half hour is offered", async () => {
    const s = await subscriberWith({ delivery: "07:45", zone: "Europe/Berlin" });
    const html = await (await getFrom(s.path, "Asia/Kathmandu")).text();
    expect(said(html)).toBe("at 07:45 in Europe/Berlin (Berlin time)");
    expect(timeOf(html)).toEqual(["07:45"]);
    const times = select(html, "delivery").values;
    expect(times.slice(times.indexOf("07:30"), times.indexOf("07:30") + 3)).toEqual(["07:30", "07:45", "08:00"]);
    expect(zoneOf(html)).toEqual(["Europe/Berlin"]);
  });

  it("a stored time with no zone is said as what it is, mail at once (the sending rule), and the form offers the time to finish", async () => {
    const s = await subscriberWith({ delivery: "07:00" });
    const html = await (await fetchAt(AT, s.path)).text();
    expect(said(html)).toBe("as soon as it is out");
    expect(timeOf(html)).toEqual(["07:00"]);
    expect(zoneOf(html)).toEqual([zoneName(config.timezone)]);
  });

  it("going back to asap keeps the zone: it is offered again", async () => {
    const s = await subscriberWith({ zone: "Australia/Sydney" });
    const html = await (await getFrom(s.path, "Asia/Kathmandu")).text();
    expect(said(html)).toBe("as soon as it is out");
    expect(zoneOf(html)).toEqual(["Australia/Sydney"]);
  });
});

describe("POST /preferences: the time, the events, or both", () => {
  it("the time alone changes only the time, and says before and after", async () => {
    const s = await subscriberWith({ follows: ["kubecon-2015"] });
    const res = await post(s.path, [["delivery", "07:00"], ["zone", "Europe/Berlin"]]);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const html = await res.text();
    expect(notice(html)).toBe("Saved. Your email came as soon as it was out; now it comes at 07:00 in Europe/Berlin (Berlin time).");
    expect(said(html)).toBe("at 07:00 in Europe/Berlin (Berlin time)");
    expect(timeOf(html)).toEqual(["07:00"]);
    expect(zoneOf(html)).toEqual(["Europe/Berlin"]);
    expect(await stored(s.email)).toEqual({ follows: '["kubecon-2015"]', delivery: "07:00", zone: "Europe/Berlin", status: "active" });
  });

  it("a zone is stored under the runtime's name for it, whatever its case", async () => {
    const s = await subscriberWith();
    const html = await (await post(s.path, [["delivery", "06:30"], ["zone", "asia/kathmandu"]])).text();
    expect(await stored(s.email)).toMatchObject({ delivery: "06:30", zone: KATHMANDU });
    expect(zoneOf(html)).toEqual([KATHMANDU]);
  });

  it("the events alone change only the events", async () => {
    const s = await subscriberWith({ follows: ["kubecon-2015"], delivery: "07:45", zone: "Asia/Tokyo" });
    const html = await (await post(s.path, [["everything", "yes"]])).text();
    expect(notice(html)).toBe("Saved. You got KubeCon 2015; now you get everything.");
    expect(await stored(s.email)).toEqual({ follows: null, delivery: "07:45", zone: "Asia/Tokyo", status: "active" });
    expect(said(html)).toBe("at 07:45 in Asia/Tokyo (Tokyo time)");
  });

  it("both together change both, and say both", async () => {
    const s = await subscriberWith({ follows: ["kubecon-2015"] });
    const res = await post(s.path, [["events", "container-night-sf-2015"], ["delivery", "18:30"], ["zone", "America/Los_Angeles"]]);
    expect(notice(await res.text())).toBe(
      "Saved. You got KubeCon 2015; now you get Container Night SF 2015. Your email came as soon as it was out; now it comes at 18:30 in America/Los_Angeles (Los Angeles time).",
    );
    expect(await stored(s.email)).toEqual({ follows: '["container-night-sf-2015"]', delivery: "18:30", zone: "America/Los_Angeles", status: "active" });
  });

  it("asap with no zone keeps the stored zone", async () => {
    const s = await subscriberWith({ delivery: "07:45", zone: "Asia/Tokyo" });
    const html = await (await post(s.path, [["delivery", "asap"]])).text();
    expect(notice(html)).toBe("Saved. Your email came at 07:45 in Asia/Tokyo (Tokyo time); now it comes as soon as it is out.");
    expect(await stored(s.email)).toMatchObject({ delivery: null, zone: "Asia/Tokyo" });
    expect(zoneOf(html)).toEqual(["Asia/Tokyo"]);
  });

  it("the same time again says nothing changed; a new zone under asap says it is kept for a time chosen later", async () => {
    const s = await subscriberWith({ delivery: "07:00", zone: "Europe/Berlin" });
    expect(notice(await (await post(s.path, [["delivery", "07:00"], ["zone", "Europe/Berlin"]])).text())).toBe(
      "Nothing changed: your email still comes at 07:00 in Europe/Berlin (Berlin time).",
    );
    const asap = await subscriberWith({ zone: "Europe/Berlin" });
    expect(notice(await (await post(asap.path, [["delivery", "asap"], ["zone", "UTC"]])).text())).toBe("Saved. Your email still comes as soon as it is out; a time you choose will be read in UTC.");
    expect(await stored(asap.email)).toMatchObject({ delivery: null, zone: "UTC" });
  });

  it("a program gets the saved choice with the time and zone", async () => {
    const s = await subscriberWith({ follows: ["kubecon-2015"] });
    const res = await postJson(s.path, { delivery: "07:00", zone: "Asia/Kathmandu" });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      status: "saved",
      // Said as people write it today, whatever the runtime calls it.
      message: "Saved. Your email came as soon as it was out; now it comes at 07:00 in Asia/Kathmandu (Kathmandu time).",
      events: ["kubecon-2015"],
      delivery: "07:00",
      zone: KATHMANDU,
    });
  });
});

describe("POST /preferences: refused, and nothing changes", () => {
  const REFUSED: [string, [string, string][], "delivery" | "zone", string][] = [
    ["an hour past the day", [["delivery", "25:00"], ["zone", "Europe/Berlin"]], "delivery", "A delivery time is asap or a 24-hour time written HH:MM"],
    ["a time without its leading zero", [["delivery", "7:30"], ["zone", "Europe/Berlin"]], "delivery", "A delivery time is asap or a 24-hour time written HH:MM"],
    ["an empty time", [["delivery", ""], ["zone", "Europe/Berlin"]], "delivery", "A delivery time is asap or a 24-hour time written HH:MM"],
    ["a zone nobody knows", [["delivery", "07:30"], ["zone", "Mars/Olympus"]], "zone", "is not a time zone this server knows"],
    ["an offset for a zone", [["delivery", "07:30"], ["zone", "+05:30"]], "zone", "not an offset"],
    ["a time with no zone", [["delivery", "07:30"]], "zone", "A delivery time needs its time zone"],
    ["a time with an empty zone", [["delivery", "07:30"], ["zone", ""]], "zone", "A delivery time needs its time zone"],
  ];
  const BEFORE: Stored = { follows: ["kubecon-2015"], delivery: "09:00", zone: "Asia/Tokyo" };

  it.each(REFUSED)("the form, %s: 400 naming it, the page again as picked", async (_name, fields, field, sentence) => {
    const s = await subscriberWith(BEFORE);
    const before = await subscriberRow(s.email);
    const res = await post(s.path, fields);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toMatch(new RegExp(`<p class="error" role="alert"><strong>[^<]*${sentence.replace(/[+]/g, "\\+")}`));
    // The refused field is marked and told why, beside it.
    expect(html).toMatch(new RegExp(`<select id="${field}" name="${field}" aria-invalid="true" aria-describedby="${field}-error">`));
    expect(html).toContain(`<p class="error field-error" id="${field}-error">`);
    // What was picked and is valid is shown picked; what is not, the stored choice.
    const picked = Object.fromEntries(fields);
    expect(timeOf(html)).toEqual([field === "delivery" ? "09:00" : picked.delivery]);
    expect(zoneOf(html)).toEqual([field === "zone" ? "Asia/Tokyo" : picked.zone]);
    expect(await subscriberRow(s.email)).toEqual(before);
  });

  it.each(REFUSED)("JSON, %s: 400 naming it", async (_name, fields, field) => {
    const s = await subscriberWith(BEFORE);
    const before = await subscriberRow(s.email);
    const res = await postJson(s.path, Object.fromEntries(fields));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string; field: string } };
    expect(body.error).toMatchObject({ code: `invalid_${field}`, field });
    expect(body.error.message.length).toBeGreaterThan(10);
    expect(await subscriberRow(s.email)).toEqual(before);
  });

  it("a time that is not text is refused naming delivery", async () => {
    const s = await subscriberWith(BEFORE);
    const res = await postJson(s.path, { delivery: 730, zone: "Europe/Berlin" });
    expect(((await res.json()) as { error: { field: string } }).error.field).toBe("delivery");
  });

  it("a form field sent twice is refused naming it, not taken as its last value", async () => {
    for (const [fields, field] of [
      [[["delivery", "08:00"], ["delivery", "07:00"], ["zone", "Europe/Berlin"]], "delivery"],
      [[["delivery", "08:00"], ["zone", "Europe/Berlin"], ["zone", "Asia/Tokyo"]], "zone"],
    ] as const) {
      const s = await subscriberWith(BEFORE);
      const before = await subscriberRow(s.email);
      const res = await post(s.path, fields as unknown as [string, string][]);
      expect(res.status).toBe(400);
      expect(await res.text()).toContain(field === "delivery" ? "Choose one delivery time, not several." : "Choose one time zone, not several.");
      expect(await subscriberRow(s.email)).toEqual(before);
    }
  });

  it("a JSON null is a wrong type, not a field left out", async () => {
    for (const [body, field] of [
      [{ delivery: null, zone: "Europe/Berlin" }, "delivery"],
      [{ delivery: "07:00", zone: null }, "zone"],
    ] as const) {
      const s = await subscriberWith(BEFORE);
      const before = await subscriberRow(s.email);
      const res = await postJson(s.path, body);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { field: string } }).error.field).toBe(field);
      expect(await subscriberRow(s.email)).toEqual(before);
    }
  });

  it("a zone that is not a name is told so, without echoing it; only an offset is told it is one", async () => {
    const s = await subscriberWith(BEFORE);
    for (const zone of ["../../etc", "<b>x</b>", "Europe/" + "B".repeat(70)]) {
      const res = await postJson(s.path, { delivery: "07:00", zone });
      const { error } = (await res.json()) as { error: { field: string; message: string } };
      expect(error.field).toBe("zone");
      expect(error.message).not.toContain("offset");
      expect(error.message).not.toContain(zone);
    }
    for (const zone of ["+05:30", "UTC+5", "-0800"]) {
      const { error } = (await (await postJson(s.path, { delivery: "07:00", zone })).json()) as { error: { message: string } };
      expect(error.message).toContain("not an offset");
    }
  });

  it("a refused time with valid events changes neither", async () => {
    const s = await subscriberWith(BEFORE);
    const before = await subscriberRow(s.email);
    const res = await post(s.path, [["everything", "yes"], ["delivery", "07:00"], ["zone", "Mars/Olympus"]]);
    expect(res.status).toBe(400);
    expect(await subscriberRow(s.email)).toEqual(before);
  });

  it("refused events with a valid time name events and change neither", async () => {
    const s = await subscriberWith(BEFORE);
    const before = await subscriberRow(s.email);
    const res = await postJson(s.path, { events: ["no-such-event"], delivery: "07:00", zone: "Europe/Berlin" });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { field: string } }).error.field).toBe("events");
    expect(await subscriberRow(s.email)).toEqual(before);
  });

  it("a POST with none of the fields still names events", async () => {
    const s = await subscriberWith(BEFORE);
    const res = await postJson(s.path, {});
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { field: string } }).error).toMatchObject({ code: "invalid_events", field: "events" });
  });

  it.each(["unsubscribed", "bounced", "complained"])("an %s subscriber's time POST is a 409 and changes nothing", async (status) => {
    const s = await subscriberWith({ ...BEFORE, status });
    const before = await subscriberRow(s.email);
    const form = await post(s.path, [["delivery", "07:00"], ["zone", "Europe/Berlin"]]);
    expect(form.status).toBe(409);
    expect(await form.text()).toContain("There is nothing to change here.");
    const json = await postJson(s.path, { delivery: "07:00", zone: "Europe/Berlin" });
    expect(json.status).toBe(409);
    expect(((await json.json()) as { error: { code: string } }).error.code).toBe("not_subscribed");
    expect(await subscriberRow(s.email)).toEqual(before);
  });

  it("a pending subscriber may choose a time too", async () => {
    const s = await subscriberWith({ status: "pending" });
    expect((await post(s.path, [["delivery", "07:00"], ["zone", "Europe/Berlin"]])).status).toBe(200);
    expect(await stored(s.email)).toMatchObject({ status: "pending", delivery: "07:00", zone: "Europe/Berlin" });
  });
});
