// Consent and abuse: old confirm links, suppressed addresses, invalid addresses, one
// mailbox under many names, and an answer that does the same work for every address.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { eraseSubscriber } from "../../src/admin/subscriber-list.ts";
import type { SendMessage } from "../../src/sending/sending-deps.ts";
import { subscriberUnsubscribeUrl } from "../../src/subscriptions/subscriber-links.ts";
import { fetchAt, realSendingDeps } from "./app-at.ts";
import { config, confirmLinkIn, inbox, subscribe, subscriberRow, uniqueAddress, uniqueClient } from "./subscription-helpers.ts";

const T0 = Date.parse("2026-11-26T10:00:00Z");
const minutes = (n: number) => n * 60_000;
const days = (n: number) => n * 86_400_000;
const ONE_CLICK = { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "List-Unsubscribe=One-Click" };

async function activeWithLink(at: number) {
  const email = uniqueAddress();
  await subscribe(at, email);
  const link = confirmLinkIn((await inbox(email))[0]!);
  expect((await fetchAt(at + minutes(1), link, { method: "POST" })).status).toBe(200);
  const row = (await subscriberRow(email))!;
  expect(row.status).toBe("active");
  return { email, link, id: Number(row.id) };
}

describe("a confirm link confirms only the request that made it", () => {
  it("after a one-click unsubscribe, the old link is void and changes nothing", async () => {
    const { email, link, id } = await activeWithLink(T0);
    const unsubscribe = subscriberUnsubscribeUrl(config, id).replace(config.siteUrl, "");
    expect((await fetchAt(T0 + minutes(5), unsubscribe, ONE_CLICK)).status).toBe(200);
    // The page the link opens says so before anyone presses anything.
    const shown = await fetchAt(T0 + minutes(6), link);
    expect(shown.status).toBe(400);
    expect(await shown.text()).toContain("This confirmation link no longer works");
    const again = await fetchAt(T0 + minutes(6), link, { method: "POST" });
    expect(again.status).toBe(400);
    const page = await again.text();
    expect(page).toContain("This confirmation link no longer works");
    expect(page).not.toContain("You are subscribed");
    expect(await subscriberRow(email)).toMatchObject({ status: "unsubscribed", unsubscribed_at: T0 + minutes(5), consent_at: T0 + minutes(1) });
  });

  it.each(["bounced", "complained"])("after the address %s, the old link is void", async (status) => {
    const { email, link, id } = await activeWithLink(T0);
    await env.DB.prepare(`UPDATE subscribers SET status = ?2, ${status}_at = ?3 WHERE id = ?1`).bind(id, status, T0 + minutes(5)).run();
    expect((await fetchAt(T0 + minutes(6), link, { method: "POST" })).status).toBe(400);
    expect(await subscriberRow(email)).toMatchObject({ status, consent_at: T0 + minutes(1) });
  });

  it("a new request after the unsubscribe gets a link that works at once, and the old one stays void", async () => {
    const { email, link, id } = await activeWithLink(T0);
    await fetchAt(T0 + minutes(5), subscriberUnsubscribeUrl(config, id).replace(config.siteUrl, ""), ONE_CLICK);
    // Within ten minutes of the first confirmation: a request after an unsubscribe is a new one.
    await subscribe(T0 + minutes(6), email);
    expect(await inbox(email)).toHaveLength(2);
    const fresh = confirmLinkIn((await inbox(email))[1]!);
    await subscribe(T0 + minutes(7), email); // …and the ten minutes hold again after it
    expect(await inbox(email)).toHaveLength(2);
    expect((await fetchAt(T0 + minutes(31), link, { method: "POST" })).status).toBe(400);
    expect((await fetchAt(T0 + minutes(32), fresh, { method: "POST" })).status).toBe(200);
    expect(await subscriberRow(email)).toMatchObject({ status: "active", consent_at: T0 + minutes(32) });
  });
});

describe("addresses that complained or hard-bounced", () => {
  it.each(["complained", "bounced"])("an address that %s gets no confirmation for 30 days, then at most one per 30 days, and the same answer", async (status) => {
    const email = uniqueAddress();
    await env.DB.prepare(`INSERT INTO subscribers (email, status, source, created_at, updated_at, ${status}_at) VALUES (?1, ?2, 'form', ?3, ?3, ?3)`).bind(email, status, T0).run();
    const fresh = uniqueAddress();
    for (const at of [T0 + days(1), T0 + days(29)]) {
      const res = await subscribe(at, email, { json: true });
      expect(res.status).toBe(202);
      expect(await res.text()).toBe(await (await subscribe(at, fresh, { json: true })).text());
    }
    expect(await inbox(email)).toHaveLength(0);
    await subscribe(T0 + days(31), email);
    expect(await inbox(email)).toHaveLength(1);
    await subscribe(T0 + days(45), email);
    expect(await inbox(email)).toHaveLength(1);
    await subscribe(T0 + days(62), email);
    expect(await inbox(email)).toHaveLength(2);
    expect(await subscriberRow(email)).toMatchObject({ status }); // only a confirmation changes that
  });

  it("an address erased after a complaint is held back the same way", async () => {
    const email = uniqueAddress();
    await env.DB.prepare("INSERT INTO subscribers (email, status, source, created_at, updated_at, complained_at) VALUES (?1, 'complained', 'form', ?2, ?2, ?2)").bind(email, T0).run();
    expect(await eraseSubscriber(env.DB, email, T0 + days(1))).toBe(true);
    expect((await subscribe(T0 + days(2), email)).status).toBe(202);
    expect(await inbox(email)).toHaveLength(0);
    await subscribe(T0 + days(32), email);
    expect(await inbox(email)).toHaveLength(1);
  });
});

describe("what the form accepts", () => {
  it.each(["a..b@example.org", ".a@example.org", "a.@example.org"])("refuses %s (RFC 5322 dot-atom), naming email, recording nothing", async (email) => {
    const res = await subscribe(T0, email, { json: true });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "invalid_email", field: "email" } });
    expect(await subscriberRow(email)).toBeNull();
  });

  it("says what is wrong with two dots in the domain", async () => {
    const res = await subscribe(T0, "a@example..org", { json: true });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe("email is not a valid address");
  });

  it("accepts dots inside the local part", async () => {
    const email = `first.last.${crypto.randomUUID().slice(0, 6)}@example.com`;
    expect((await subscribe(T0, email)).status).toBe(202);
    expect(await inbox(email)).toHaveLength(1);
  });
});

describe("one mailbox under many names", () => {
  it("ten +tags from ten forged client addresses mail the mailbox at most three times a day", async () => {
    const victim = `victim-${crypto.randomUUID().slice(0, 6)}`;
    const tagged = Array.from({ length: 10 }, (_, i) => `${victim}+${i + 1}@Example.com`);
    for (const [i, email] of tagged.entries()) expect((await subscribe(T0 + i * 1000, email, { client: uniqueClient() })).status).toBe(202);
    const mails = (await Promise.all(tagged.map((e) => inbox(e.replace("Example.com", "example.com"))))).flat();
    expect(mails).toHaveLength(3);
    // The next day the mailbox may be asked again.
    await subscribe(T0 + days(1), tagged[9]!, { client: uniqueClient() });
    expect(await inbox(tagged[9]!.replace("Example.com", "example.com"))).toHaveLength(1);
  });
});

describe("the answer does the same work for every valid address", () => {
  it("new, pending, active and honeypot requests each put one message on the queue and touch no row before answering", async () => {
    const messages: SendMessage[] = [];
    const holding = { sending: (e: Env, c: typeof config) => ({ ...realSendingDeps(e, c, () => T0), queue: { sendBatch: async (b: { body: SendMessage }[]) => void messages.push(...b.map((m) => m.body)) } }) };
    const active = (await activeWithLink(T0)).email;
    const fresh = uniqueAddress();
    const answers: string[] = [];
    for (const [email, extra] of [[fresh, {}], [active, {}], [uniqueAddress("bot"), { website: "http://spam.example" }]] as const) {
      const res = await fetchAt(T0 + minutes(20), "/subscribe", { method: "POST", headers: { "Content-Type": "application/json", "CF-Connecting-IP": uniqueClient() }, body: JSON.stringify({ email, ...extra }) }, {}, holding);
      expect(res.status).toBe(202);
      answers.push(await res.text());
    }
    expect(new Set(answers).size).toBe(1);
    expect(messages.map((m) => m.type)).toEqual(["subscribe", "subscribe", "subscribe"]);
    expect(messages.map((m) => "trapped" in m && m.trapped === true)).toEqual([false, false, true]);
    expect(await subscriberRow(fresh)).toBeNull(); // the row is the consumer's work, after the answer
  });
});

describe("malformed bodies", () => {
  const post = (type: string, body: BodyInit) => fetchAt(T0, "/subscribe", { method: "POST", headers: { "Content-Type": type, "CF-Connecting-IP": uniqueClient(), Accept: "application/json" }, body });

  it.each(["iso-8859-1", "us-ascii", "utf-16", "x-bogus-charset", '"latin1"', ""])("a form in charset %j is a 415 naming body, not a 500", async (charset) => {
    const res = await post(`application/x-www-form-urlencoded; charset=${charset}`, "email=x%40example.org");
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ error: { code: "unsupported_charset", field: "body" } });
  });

  it("UTF-8 spelled any common way is fine", async () => {
    for (const charset of ["utf-8", "UTF-8", "utf8", '"utf-8"']) {
      expect((await post(`application/x-www-form-urlencoded; charset=${charset}`, `email=${encodeURIComponent(uniqueAddress())}`)).status).toBe(202);
    }
  });

  it.each([
    ["no boundary", "multipart/form-data", "--x\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\na@example.org\r\n--x--\r\n"],
    ["garbage", "multipart/form-data; boundary=abc", "this is not multipart at all"],
    ["unterminated", "multipart/form-data; boundary=abc", "--abc\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\na@exam"],
  ])("a broken multipart body (%s) is a 400 naming body, not a 500", async (_name, type, body) => {
    const res = await post(type, body);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "invalid_body", field: "body" } });
  });

  it("application/json-patch+json is not JSON to the form: 415", async () => {
    expect((await post("application/json-patch+json", JSON.stringify({ email: uniqueAddress() }))).status).toBe(415);
  });

  it("a JSON body in another charset is a 415", async () => {
    expect((await post("application/json; charset=utf-16", JSON.stringify({ email: uniqueAddress() }))).status).toBe(415);
  });
});
