// The preference page through the real routes and D1: GET shows and changes nothing, POST
// applies and says what changed, "stop this event only", the unsubscribe button, bad links.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/config.ts";
import { preferencesUrlFor, subscriberUnsubscribeUrl } from "../../src/subscriptions/subscriber-links.ts";
import { signToken } from "../../src/tokens/signed-token.ts";
import { fetchAt } from "./app-at.ts";
import { config, confirmLinkIn, inbox, subscribe, subscriberRow, uniqueAddress } from "./subscription-helpers.ts";

/** KubeCon 2015's second day, in San Francisco's afternoon: both sample events are running. */
const AT = Date.parse("2015-11-10T20:00:00Z");
const FORM = { "Content-Type": "application/x-www-form-urlencoded" };

async function subscriberWith(follows: string[] | null, status = "active") {
  const email = uniqueAddress();
  const row = await env.DB.prepare("INSERT INTO subscribers (email, status, source, created_at, updated_at, follows) VALUES (?1, ?2, 'test', ?3, ?3, ?4) RETURNING id")
    .bind(email, status, AT, follows === null ? null : JSON.stringify(follows))
    .first<{ id: number }>();
  return { email, id: row!.id, path: preferencesUrlFor(config, String(row!.id)).replace(config.siteUrl, "") };
}

const followsOf = async (email: string) => {
  const row = await subscriberRow(email);
  return row!.follows === null ? null : JSON.parse(String(row!.follows));
};

const post = (path: string, fields: [string, string][], at = AT) => fetchAt(at, path, { method: "POST", headers: FORM, body: new URLSearchParams(fields).toString() });
const ticked = (html: string) => [...html.matchAll(/name="events" value="([^"]+)" checked/g)].map((m) => m[1]);

describe("GET /preferences", () => {
  it("shows what the person follows, ticked, in groups, and changes nothing", async () => {
    const s = await subscriberWith(["kubecon-2015"]);
    const before = await subscriberRow(s.email);
    const res = await fetchAt(AT, s.path);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const html = await res.text();
    expect(html).toContain(`Mail for <strong>${s.email}</strong>. You get: <strong>KubeCon 2015</strong>.`);
    expect(ticked(html)).toEqual(["kubecon-2015"]);
    expect(html).toContain("<legend>Running and coming up</legend>");
    expect(html).toContain("<legend>Series</legend>");
    expect(html).not.toContain("<legend>Past events</legend>"); // nothing is over yet
    expect(html).toContain('<button type="submit" name="everything" value="yes">Get everything</button>');
    expect(await subscriberRow(s.email)).toEqual(before);
  });

  it("puts past events after the running and upcoming ones", async () => {
    const s = await subscriberWith(null);
    const html = await (await fetchAt("2015-11-11T20:00:00Z", s.path)).text();
    const open = html.indexOf("<legend>Running and coming up</legend>");
    const past = html.indexOf("<legend>Past events</legend>");
    expect(open).toBeGreaterThan(-1);
    expect(past).toBeGreaterThan(open);
    expect(html.indexOf('value="container-night-sf-2015"')).toBeGreaterThan(past);
    expect(html.indexOf('value="kubecon-2015"')).toBeLessThan(past);
    expect(ticked(html)).toEqual([]); // everything ticks no single event
    expect(html).toContain("You get: <strong>everything</strong>.");
  });

  it("a pending address may choose too, and is told its choice waits for the confirmation", async () => {
    const s = await subscriberWith(["kubecon-2015"], "pending");
    const html = await (await fetchAt(AT, s.path)).text();
    expect(html).toContain("You have not confirmed this address yet");
    expect((await post(s.path, [["events", "container-night-sf-2015"]])).status).toBe(200);
    expect(await subscriberRow(s.email)).toMatchObject({ status: "pending", follows: '["container-night-sf-2015"]' });
  });
});

describe("POST /preferences", () => {
  it("applies the ticked events and says what changed, before and after", async () => {
    const s = await subscriberWith(["kubecon-2015"]);
    const res = await post(s.path, [["events", "container-night-sf-2015"], ["events", "series:kubecon"]]);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const html = await res.text();
    expect(html).toContain('<p role="status"><strong>Saved. You got KubeCon 2015; now you get Container Night SF 2015, every KubeCon.</strong></p>');
    expect(ticked(html)).toEqual(["container-night-sf-2015", "series:kubecon"]);
    expect(await followsOf(s.email)).toEqual(["container-night-sf-2015", "series:kubecon"]);
  });

  it("“Get everything” switches to everything, whatever is ticked beside it", async () => {
    const s = await subscriberWith(["kubecon-2015"]);
    const res = await post(s.path, [["events", "kubecon-2015"], ["everything", "yes"]]);
    expect(await res.text()).toContain("Saved. You got KubeCon 2015; now you get everything.");
    expect(await followsOf(s.email)).toBeNull();
  });

  it("the same choice again says nothing changed", async () => {
    const s = await subscriberWith(null);
    expect(await (await post(s.path, [["everything", "yes"]])).text()).toContain("Nothing changed: you still get everything.");
  });

  it("nothing ticked is a 400 naming what to do, and changes nothing", async () => {
    const s = await subscriberWith(["kubecon-2015"]);
    const res = await post(s.path, []);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('<p class="error" role="alert"><strong>Choose at least one event, or everything, or unsubscribe.</strong></p>');
    expect(await followsOf(s.email)).toEqual(["kubecon-2015"]);
  });

  it("an unknown slug is a 400, and changes nothing", async () => {
    const s = await subscriberWith(["kubecon-2015"]);
    const res = await post(s.path, [["events", "container-night-sf-2015"], ["events", "no-such-event"]]);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Some of the events you chose are not on this site any more.");
    // The form comes back as it was pressed, not as stored.
    expect(ticked(html)).toEqual(["container-night-sf-2015"]);
    expect(await followsOf(s.email)).toEqual(["kubecon-2015"]);
  });

  it("a program asking for JSON gets the error naming events", async () => {
    const s = await subscriberWith(["kubecon-2015"]);
    const res = await fetchAt(AT, s.path, { method: "POST", headers: { ...FORM, Accept: "application/json" }, body: "events=no-such-event" });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { field: string } }).error).toMatchObject({ code: "invalid_events", field: "events" });
    const saved = await fetchAt(AT, s.path, { method: "POST", headers: { ...FORM, Accept: "application/json" }, body: "everything=yes" });
    expect(await saved.json()).toEqual({ status: "saved", message: "Saved. You got KubeCon 2015; now you get everything.", events: null, delivery: "asap", zone: null });
    const forged = await fetchAt(AT, "/preferences?token=nope", { method: "POST", headers: { ...FORM, Accept: "application/json" }, body: "everything=yes" });
    expect(forged.status).toBe(400);
    expect(((await forged.json()) as { error: { field: string } }).error).toMatchObject({ code: "invalid_token", field: "token" });
  });

  it("a body too large answers 413 with a way back, and changes nothing", async () => {
    const s = await subscriberWith(["kubecon-2015"]);
    const res = await post(s.path, [["events", "kubecon-2015"], ["pad", "x".repeat(20_000)]]);
    expect(res.status).toBe(413);
    expect(await res.text()).toContain("Back to your subscription");
    expect(await followsOf(s.email)).toEqual(["kubecon-2015"]);
  });
});

describe("stop this event only", () => {
  it("offers the one change prominently; GET changes nothing, its button applies it", async () => {
    const s = await subscriberWith(["container-night-sf-2015", "series:kubecon"]);
    const res = await fetchAt(AT, `${s.path}&stop=kubecon-2015`);
    const html = await res.text();
    expect(html).toContain('<h2 id="stop-heading">Stop KubeCon 2015 only?</h2>');
    // A series that took the event in keeps its other editions (none yet here).
    expect(html).toContain("You would keep getting: Container Night SF 2015.");
    // Said before the press: the series goes too, so its future editions will not come.
    expect(html).toContain("<strong>This also ends:</strong> future KubeCon editions.");
    expect(await followsOf(s.email)).toEqual(["container-night-sf-2015", "series:kubecon"]);
    const form = /<section class="stop"[\s\S]*?<form method="post" action="([^"]+)">([\s\S]*?)<button/.exec(html)!;
    const fields = [...form[2]!.matchAll(/name="events" value="([^"]+)"/g)].map((m) => ["events", m[1]!] as [string, string]);
    const done = await post(form[1]!.replaceAll("&amp;", "&").replace(config.siteUrl, ""), fields);
    expect(await done.text()).toContain("Saved. You got Container Night SF 2015, every KubeCon; now you get Container Night SF 2015.");
    expect(await followsOf(s.email)).toEqual(["container-night-sf-2015"]);
  });

  it("from everything, stopping one event keeps every other event and series", async () => {
    const s = await subscriberWith(null);
    const html = await (await fetchAt(AT, `${s.path}&stop=container-night-sf-2015`)).text();
    expect(html).toContain("You would keep getting: every KubeCon.");
    expect(html).toContain("<strong>This also ends:</strong> events added from now on.");
  });

  it("stopping an edition of a followed series says its future editions end too", async () => {
    const s = await subscriberWith(["series:kubecon"]);
    const html = await (await fetchAt(AT, `${s.path}&stop=kubecon-2015`)).text();
    expect(html).toContain("Nothing else you follow would be left, so stopping it means unsubscribing.");
    expect(html).toContain("<strong>This also ends:</strong> future KubeCon editions.");
  });

  it("when it is the only event followed, offers the unsubscribe instead", async () => {
    const s = await subscriberWith(["container-night-sf-2015"]);
    const html = await (await fetchAt(AT, `${s.path}&stop=container-night-sf-2015`)).text();
    expect(html).toContain("Nothing else you follow would be left, so stopping it means unsubscribing.");
    expect(html).not.toContain("This also ends");
  });

  it("an event no longer followed, or unknown, is said or ignored", async () => {
    const s = await subscriberWith(["kubecon-2015"]);
    expect(await (await fetchAt(AT, `${s.path}&stop=container-night-sf-2015`)).text()).toContain("You no longer get Container Night SF 2015.");
    const unknown = await fetchAt(AT, `${s.path}&stop=no-such-event`);
    expect(unknown.status).toBe(200);
    expect(await unknown.text()).not.toContain('class="stop"');
  });
});

describe("unsubscribing from the preference page", () => {
  it("one press of its button unsubscribes from everything", async () => {
    const s = await subscriberWith(["kubecon-2015"]);
    const html = await (await fetchAt(AT, s.path)).text();
    const action = /<form method="post" action="([^"]+)"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit" class="quiet">Unsubscribe from everything<\/button>/.exec(html)![1]!;
    expect(action).toContain("/unsubscribe?token=");
    const res = await fetchAt(AT, action.replace(config.siteUrl, ""), { method: "POST", headers: FORM, body: "List-Unsubscribe=One-Click" });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("You are unsubscribed");
    expect(await subscriberRow(s.email)).toMatchObject({ status: "unsubscribed" });
  });
});

describe("links that do not open the page", () => {
  it.each(["unsubscribed", "bounced", "complained"])("an %s address gets a page saying so; POST changes nothing", async (status) => {
    const s = await subscriberWith(["kubecon-2015"], status);
    const shown = await fetchAt(AT, s.path);
    expect(shown.status).toBe(200);
    const html = await shown.text();
    expect(html).toContain("No mail goes to this address");
    expect(html).not.toContain('name="events"');
    const pressed = await post(s.path, [["everything", "yes"]]);
    expect(pressed.status).toBe(409);
    expect(await pressed.text()).toContain("There is nothing to change here.");
    expect(await subscriberRow(s.email)).toMatchObject({ status, follows: '["kubecon-2015"]' });
  });

  it("an erased subscriber's link is a bad link", async () => {
    const s = await subscriberWith(["kubecon-2015"]);
    await env.DB.prepare("DELETE FROM subscribers WHERE id = ?1").bind(s.id).run();
    for (const res of [await fetchAt(AT, s.path), await post(s.path, [["everything", "yes"]])]) {
      expect(res.status).toBe(400);
      expect(await res.text()).toContain("This preference link is not valid");
    }
  });

  it.each([
    ["no token", () => "/preferences"],
    ["a mangled token", (p: string) => `${p.slice(0, -3)}xyz`],
    ["another secret's token", (_p: string, id: number) => `/preferences?token=${signToken(parseConfig({ ...env, SIGNING_SECRET: "k2:an-attacker-guessed-secret" } as never).signingKeys, { purpose: "preferences", subject: String(id) })}`],
    ["an unsubscribe token", (_p: string, id: number) => subscriberUnsubscribeUrl(config, id).replace(config.siteUrl, "").replace("/unsubscribe", "/preferences")],
    ["a token naming no subscriber", () => preferencesUrlFor(config, "preview").replace(config.siteUrl, "")],
  ])("%s: 400 and the bad-link page, GET and POST, and nothing changes", async (_name, pathOf) => {
    const s = await subscriberWith(["kubecon-2015"]);
    const path = pathOf(s.path, s.id);
    for (const res of [await fetchAt(AT, path), await post(path, [["everything", "yes"]])]) {
      expect(res.status).toBe(400);
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(await res.text()).toContain("This link does not work");
    }
    expect(await followsOf(s.email)).toEqual(["kubecon-2015"]);
  });
});

describe("the way to the page", () => {
  it("the confirmation mail links to the preference page, HTML and text, and so does the confirmed page", async () => {
    const email = uniqueAddress();
    await subscribe(AT, email);
    const [mail] = await inbox(email);
    const id = Number((await subscriberRow(email))!.id);
    const link = preferencesUrlFor(config, String(id));
    expect(mail!.body.text).toContain(`Manage your subscription (choose which events you get, and when):\n${link}`);
    expect(mail!.body.html).toContain(`<a href="${link}" style="color:#5b5b66;">Manage your subscription</a>`);
    const confirmed = await (await fetchAt(AT + 60_000, confirmLinkIn(mail!), { method: "POST" })).text();
    expect(confirmed).toContain(`<a href="${link}">choose which events you get, and when</a>`);
    // …and the link opens the page.
    expect(await (await fetchAt(AT + 120_000, link.replace(config.siteUrl, ""))).text()).toContain(`Mail for <strong>${email}</strong>`);
  });
});
