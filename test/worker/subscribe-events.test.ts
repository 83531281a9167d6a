// Choosing events when subscribing: the field, through the real route, queue and D1; and
// the forms that offer the choice.
import { describe, expect, it } from "vitest";
import { fetchAt, playingSendingDeps } from "./app-at.ts";
import { confirmLinkIn, inbox, subscriberRow, uniqueAddress, uniqueClient } from "./subscription-helpers.ts";

const T0 = Date.parse("2026-11-26T10:00:00Z");
const minutes = (n: number) => n * 60_000;
/** Monday of KubeCon 2015 week, evening in San Francisco: KubeCon runs, Container Night is tomorrow. */
const KUBECON_DAY_1 = "2015-11-10T03:00:00Z";

/** POST /subscribe with `events` as a browser sends it (repeated fields) or as a program does (a JSON list). */
function subscribeTo(at: number, email: string, events: unknown, { json = false, extra = {} as Record<string, string> } = {}) {
  const headers: Record<string, string> = { "CF-Connecting-IP": uniqueClient() };
  let body: string;
  if (json) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify({ email, ...(events === undefined ? {} : { events }), ...extra });
  } else {
    headers["Content-Type"] = "application/x-www-form-urlencoded";
    const form = new URLSearchParams({ email, ...extra });
    for (const e of (events ?? []) as string[]) form.append("events", e);
    body = form.toString();
  }
  return fetchAt(at, "/subscribe", { method: "POST", headers, body }, {}, { sending: (e, c) => playingSendingDeps(e, c, () => at) });
}

const followsOf = async (email: string) => {
  const row = await subscriberRow(email);
  return row?.follows === null || row?.follows === undefined ? row?.follows : JSON.parse(String(row.follows));
};

describe("POST /subscribe with events", () => {
  it("a form's repeated events are stored, sorted, and the confirmation goes out as for anyone", async () => {
    const email = uniqueAddress();
    const res = await subscribeTo(T0, email, ["series:kubecon", "container-night-sf-2015"]);
    expect(res.status).toBe(202);
    expect(await res.text()).toContain("Check your inbox");
    expect(await subscriberRow(email)).toMatchObject({ status: "pending" });
    expect(await followsOf(email)).toEqual(["container-night-sf-2015", "series:kubecon"]);
    const mail = await inbox(email);
    expect(mail).toHaveLength(1);
    // The confirmation says what was chosen, in both parts.
    expect(mail[0]!.body.text.replace(/\s+/g, " ")).toContain("You chose: Container Night SF 2015, every KubeCon.");
    expect(mail[0]!.body.html).toContain("You chose: Container Night SF 2015, every KubeCon.");
    // So does the page the link opens, before the press.
    const page = await (await fetchAt(T0, confirmLinkIn(mail[0]!))).text();
    expect(page).toContain("You chose: <strong>Container Night SF 2015, every KubeCon</strong>; every email lets you change it.");
  });

  it("a JSON list of slugs is stored; none, an empty list, null or no field means everything", async () => {
    const chosen = uniqueAddress();
    expect((await subscribeTo(T0, chosen, ["kubecon-2015"], { json: true })).status).toBe(202);
    expect(await followsOf(chosen)).toEqual(["kubecon-2015"]);
    for (const events of [undefined, [], null]) {
      const email = uniqueAddress();
      expect((await subscribeTo(T0, email, events, { json: true })).status).toBe(202);
      expect(await subscriberRow(email)).toMatchObject({ status: "pending", follows: null });
    }
    const form = uniqueAddress();
    expect((await subscribeTo(T0, form, [])).status).toBe(202);
    expect(await subscriberRow(form)).toMatchObject({ follows: null });
  });

  it("a pending address that asks again with another choice gets the union, kept once confirmed", async () => {
    const email = uniqueAddress();
    await subscribeTo(T0, email, ["kubecon-2015"]);
    await subscribeTo(T0 + minutes(1), email, ["container-night-sf-2015"], { json: true });
    expect(await followsOf(email)).toEqual(["container-night-sf-2015", "kubecon-2015"]);
    const confirmed = await fetchAt(T0 + minutes(2), confirmLinkIn((await inbox(email))[0]!), { method: "POST" });
    expect(confirmed.status).toBe(200);
    expect(await subscriberRow(email)).toMatchObject({ status: "active" });
    expect(await followsOf(email)).toEqual(["container-night-sf-2015", "kubecon-2015"]);
    // Once active, the form cannot change the choice (only the preference page can).
    await subscribeTo(T0 + minutes(30), email, ["series:kubecon"]);
    expect(await followsOf(email)).toEqual(["container-night-sf-2015", "kubecon-2015"]);
  });

  it("a pending address that asks again for everything follows everything", async () => {
    const email = uniqueAddress();
    await subscribeTo(T0, email, ["kubecon-2015"]);
    await subscribeTo(T0 + minutes(1), email, undefined);
    expect(await subscriberRow(email)).toMatchObject({ follows: null });
  });

  it.each([
    ["an unknown slug", ["kubecon-2015", "no-such-event"], "no-such-event"],
    ["an unknown series", ["series:nope"], "series:nope"],
    ["a number", [42], "list of event slugs"],
    ["an empty entry (never read as everything)", [""], "one event slug"],
    ["a padded entry", [" kubecon-2015"], "one event slug"],
    ["a list inside one entry", ["kubecon-2015,container-night-sf-2015"], "one event slug"],
    ["a string, not a list", "kubecon-2015", "JSON list"],
    ["an object", { slug: "kubecon-2015" }, "list of event slugs"],
  ])("JSON with %s answers 400 naming events, and stores and mails nothing", async (_name, events, says) => {
    const email = uniqueAddress();
    const res = await subscribeTo(T0, email, events, { json: true });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { code: string; message: string; field: string } };
    expect(error).toMatchObject({ code: "invalid_events", field: "events" });
    expect(error.message).toContain(says);
    expect(await subscriberRow(email)).toBeNull();
    expect(await inbox(email)).toHaveLength(0);
  });

  it("a form with an unknown slug gets its page again with a sentence, status 400, and the address kept", async () => {
    const email = uniqueAddress();
    const res = await subscribeTo(Date.parse(KUBECON_DAY_1), email, ["kubecon-2015", "no-such-event"]);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('<p class="error" role="alert"><strong>Some of the events you chose are not on this site any more. Please choose again.');
    expect(html).toContain(`value="${email}"`);
    expect(html).toContain('name="events" value="kubecon-2015" checked');
    expect(await subscriberRow(email)).toBeNull();
  });

  it("the honeypot: events or not, the same answer, and nothing stored or sent", async () => {
    const trapped = uniqueAddress();
    const res = await subscribeTo(T0, trapped, ["kubecon-2015"], { extra: { website: "http://spam.example" } });
    const plain = await subscribeTo(T0, uniqueAddress(), ["kubecon-2015"]);
    expect(res.status).toBe(202);
    expect(await res.text()).toBe(await plain.text());
    expect(await subscriberRow(trapped)).toBeNull();
    expect(await inbox(trapped)).toHaveLength(0);
  });

  it("answers the same whether the address is new, pending or active, and whatever it chose", async () => {
    const email = uniqueAddress();
    const answers = new Set<string>();
    answers.add(await (await subscribeTo(T0, email, ["kubecon-2015"], { json: true })).text());
    answers.add(await (await subscribeTo(T0 + minutes(1), email, undefined, { json: true })).text());
    await fetchAt(T0 + minutes(2), confirmLinkIn((await inbox(email))[0]!), { method: "POST" });
    answers.add(await (await subscribeTo(T0 + minutes(3), email, ["series:kubecon"], { json: true })).text());
    answers.add(await (await subscribeTo(T0 + minutes(3), uniqueAddress(), ["container-night-sf-2015"], { json: true })).text());
    expect(answers.size).toBe(1);
  });
});

describe("the forms that offer events", () => {
  const checkboxes = (html: string) => [...html.matchAll(/<input type="checkbox" id="[^"]+" name="events" value="([^"]+)"/g)].map((m) => m[1]);

  it("the home page offers the running and upcoming events and each series, everything when none is ticked", async () => {
    const res = await fetchAt(KUBECON_DAY_1, "/");
    const html = await res.text();
    expect(checkboxes(html)).toEqual(["kubecon-2015", "container-night-sf-2015", "series:kubecon"]);
    expect(html).toContain("<legend>Which events?</legend>");
    expect(html).toContain("Tick none and you get everything, future events included.");
    expect(html).toMatch(/<label for="subscribe-events-0">KubeCon 2015 <span class="muted">Nov 9 – 11, 2015 · running now<\/span><\/label>/);
    expect(html).toMatch(/<label for="subscribe-events-1">Container Night SF 2015 <span class="muted">Nov 10, 2015 · coming up<\/span><\/label>/);
    expect(html).toContain('<label for="subscribe-events-2">Every KubeCon <span class="muted">future editions too</span></label>');
  });

  it("once the events are over, only the series is left to choose; GET /subscribe shows the same", async () => {
    for (const path of ["/", "/subscribe"]) {
      expect(checkboxes(await (await fetchAt("2015-11-12T09:00:00Z", path)).text())).toEqual(["series:kubecon"]);
    }
    // The day Container Night runs (in its own zone), KubeCon's last day: both still open.
    expect(checkboxes(await (await fetchAt("2015-11-10T20:00:00Z", "/subscribe")).text())).toEqual(["kubecon-2015", "container-night-sf-2015", "series:kubecon"]);
  });

  it("the pages' validators change when an event starts or ends, so no cache keeps an old choice", async () => {
    for (const path of ["/", "/events/container-night-sf-2015"]) {
      // Container Night starts at 08:00Z on the 10th and ends at 08:00Z on the 11th (midnight in
      // San Francisco); no post is published within either pair of moments.
      const etag = async (at: string) => (await fetchAt(at, path)).headers.get("etag");
      expect(await etag("2015-11-10T07:00:00Z")).not.toBe(await etag("2015-11-10T09:00:00Z"));
      expect(await etag("2015-11-11T03:00:00Z")).not.toBe(await etag("2015-11-11T09:00:00Z"));
      expect(await etag("2015-11-11T09:00:00Z")).toBe(await etag("2015-11-11T10:00:00Z"));
    }
  });

  it("an event with a series offers the event (chosen) or its series", async () => {
    const html = await (await fetchAt(KUBECON_DAY_1, "/events/kubecon-2015")).text();
    expect(html).toContain("<legend>Which recaps?</legend>");
    expect(html).toContain('<input type="radio" id="subscribe-events-0" name="events" value="kubecon-2015" checked> <label for="subscribe-events-0">Only KubeCon 2015');
    expect(html).toContain('<input type="radio" id="subscribe-events-1" name="events" value="series:kubecon"> <label for="subscribe-events-1">Every KubeCon');
  });

  it("once an event is over, its page offers the series first (chosen), or without one everything, and says why", async () => {
    const kubecon = await (await fetchAt(T0, "/events/kubecon-2015")).text();
    expect(kubecon).toContain('<input type="radio" id="subscribe-events-0" name="events" value="series:kubecon" checked> <label for="subscribe-events-0">Every KubeCon');
    expect(kubecon).toContain('<input type="radio" id="subscribe-events-1" name="events" value="kubecon-2015"> <label for="subscribe-events-1">Only KubeCon 2015 <span class="muted">over: no more recaps will come</span>');
    const meetup = await (await fetchAt(T0, "/events/container-night-sf-2015")).text();
    expect(meetup).toContain("Container Night SF 2015 is over, so no more of its recaps will come: this subscribes you to every event's recaps, future ones included.");
    expect(meetup).not.toContain('name="events"');
  });

  it("an event without a series subscribes to that event and says so", async () => {
    const html = await (await fetchAt(KUBECON_DAY_1, "/events/container-night-sf-2015")).text();
    expect(html).toContain('<input type="hidden" name="events" value="container-night-sf-2015">');
    expect(html).toContain("You will get the recaps of Container Night SF 2015 only.");
  });
});
