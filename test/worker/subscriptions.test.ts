import { describe, expect, it } from "vitest";
import { subscriberUnsubscribeUrl } from "../../src/subscriptions/subscriber-links.ts";
import { env } from "cloudflare:test";
import { runDailyJob } from "../../src/sending/daily-job.ts";
import type { SendMessage } from "../../src/sending/sending-deps.ts";
import { fetchAt, playingSendingDeps } from "./app-at.ts";
import { config, confirmLinkIn, inbox, subscribe, subscriberRow, uniqueAddress, uniqueClient } from "./subscription-helpers.ts";

const T0 = Date.parse("2026-11-26T10:00:00Z");
const minutes = (n: number) => n * 60_000;
const ONE_CLICK = { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "List-Unsubscribe=One-Click" };

describe("the life of an address", () => {
  it("subscribe, confirm, unsubscribe in one click, then come back", async () => {
    const email = uniqueAddress();

    // Subscribe: 202, a pending row, one confirmation mail.
    const res = await subscribe(T0, email);
    expect(res.status).toBe(202);
    expect(await res.text()).toContain("Check your inbox");
    expect(await subscriberRow(email)).toMatchObject({ status: "pending", source: "form", consent_at: null });
    const mails = await inbox(email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe("Confirm your subscription to Herald Recaps");
    const confirmPath = confirmLinkIn(mails[0]!);

    // GET confirm shows a button and changes nothing (mail scanners follow links).
    const shown = await fetchAt(T0 + minutes(1), confirmPath);
    expect(shown.status).toBe(200);
    expect(await shown.text()).toContain('<button type="submit">Confirm my subscription</button>');
    expect(await subscriberRow(email)).toMatchObject({ status: "pending" });

    // POST confirm activates, with the consent recorded; again is harmless.
    for (const at of [T0 + minutes(2), T0 + minutes(3)]) {
      const confirmed = await fetchAt(at, confirmPath, { method: "POST" });
      expect(confirmed.status).toBe(200);
      expect(await confirmed.text()).toContain("You are subscribed");
    }
    const active = await subscriberRow(email);
    expect(active).toMatchObject({ status: "active", consent_at: T0 + minutes(2), consent_source: "confirm-link" });

    // GET unsubscribe shows a button and changes nothing.
    const unsubscribePath = subscriberUnsubscribeUrl(config, Number(active!.id)).replace(config.siteUrl, "");
    const page = await fetchAt(T0 + minutes(4), unsubscribePath);
    expect(await page.text()).toContain('<input type="hidden" name="List-Unsubscribe" value="One-Click">');
    expect(await subscriberRow(email)).toMatchObject({ status: "active" });

    // RFC 8058 one-click POST unsubscribes at once, idempotently, with 200.
    for (const at of [T0 + minutes(5), T0 + minutes(6)]) {
      const done = await fetchAt(at, unsubscribePath, ONE_CLICK);
      expect(done.status).toBe(200);
      expect(await done.text()).toContain("You are unsubscribed");
    }
    expect(await subscriberRow(email)).toMatchObject({ status: "unsubscribed", unsubscribed_at: T0 + minutes(5) });

    // Re-subscribing sends a new confirmation; confirming clears the unsubscribe.
    expect((await subscribe(T0 + minutes(20), email)).status).toBe(202);
    const again = await inbox(email);
    expect(again).toHaveLength(2);
    expect(await subscriberRow(email)).toMatchObject({ status: "unsubscribed" });
    await fetchAt(T0 + minutes(21), confirmLinkIn(again[1]!), { method: "POST" });
    expect(await subscriberRow(email)).toMatchObject({ status: "active", unsubscribed_at: null, consent_at: T0 + minutes(21) });
  });

  it("answers every valid address the same, whether new, pending or active", async () => {
    const email = uniqueAddress();
    const answers: string[] = [];
    answers.push(await (await subscribe(T0, email, { json: true })).text()); // new
    answers.push(await (await subscribe(T0 + minutes(11), email, { json: true })).text()); // pending
    await fetchAt(T0 + minutes(12), confirmLinkIn((await inbox(email))[0]!), { method: "POST" });
    const res = await subscribe(T0 + minutes(30), email, { json: true }); // active
    expect(res.status).toBe(202);
    answers.push(await res.text());
    expect(new Set(answers).size).toBe(1);
    // …and an active subscriber is not mailed again.
    expect(await inbox(email)).toHaveLength(2);
  });

  it("accepts JSON and stores the domain lower-cased", async () => {
    const email = uniqueAddress("Mixed.Case");
    const shouted = email.replace("example.com", "EXAMPLE.COM");
    const res = await subscribe(T0, shouted, { json: true });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ status: "accepted", message: "If the address can receive our mail, a confirmation link is on its way." });
    expect(await subscriberRow(email)).toMatchObject({ email });
  });
});

describe("limits", () => {
  it("a filled honeypot gets the same answer and nothing else", async () => {
    const email = uniqueAddress();
    const res = await subscribe(T0, email, { extra: { website: "http://spam.example" } });
    expect(res.status).toBe(202);
    expect(await res.text()).toContain("Check your inbox");
    expect(await subscriberRow(email)).toBeNull();
    expect(await inbox(email)).toHaveLength(0);
  });

  it("sends at most one confirmation per address per 10 minutes, silently", async () => {
    const email = uniqueAddress();
    for (const at of [T0, T0 + minutes(1), T0 + minutes(9)]) expect((await subscribe(at, email)).status).toBe(202);
    expect(await inbox(email)).toHaveLength(1);
    expect((await subscribe(T0 + minutes(10), email)).status).toBe(202);
    expect(await inbox(email)).toHaveLength(2);
  });

  it("sends one confirmation when requests for an address race", async () => {
    const email = uniqueAddress();
    const answers = await Promise.all([1, 2, 3, 4].map(() => subscribe(T0, email)));
    expect(answers.map((r) => r.status)).toEqual([202, 202, 202, 202]);
    expect(await inbox(email)).toHaveLength(1);
  });

  it("limits each client to 10 requests per 10 minutes with 429 and Retry-After, others unaffected", async () => {
    const client = `198.51.100.7-${crypto.randomUUID()}`;
    const start = Date.parse("2026-11-26T11:00:00Z"); // the start of a window
    for (let i = 0; i < 10; i++) expect((await subscribe(start + i * 1000, uniqueAddress(), { client })).status).toBe(202);
    const email = uniqueAddress();
    const limited = await subscribe(start + 60_000, email, { client, json: true });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("540");
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe("rate_limited");
    expect(await subscriberRow(email)).toBeNull();
    expect(await inbox(email)).toHaveLength(0);
    expect((await subscribe(start + 60_000, uniqueAddress())).status).toBe(202);
    expect((await subscribe(start + minutes(10), uniqueAddress(), { client })).status).toBe(202);
  });

  it("a confirmation SES does not take is tried again later, not lost, and never sent twice", async () => {
    const email = uniqueAddress();
    const throttling = { send: async () => ({ ok: false as const, kind: "throttled" as const, code: "Throttling", message: "Maximum sending rate exceeded." }) };
    const held: { body: SendMessage; delaySeconds?: number }[] = [];
    const res = await fetchAt(T0, "/subscribe", { method: "POST", headers: { "Content-Type": "application/json", "CF-Connecting-IP": uniqueClient() }, body: JSON.stringify({ email }) }, {}, {
      sending: (e, c) => playingSendingDeps(e, c, () => T0, { held, mailer: throttling }),
    });
    expect(res.status).toBe(202);
    expect(await inbox(email)).toHaveLength(0);
    const notice = await env.DB.prepare("SELECT status, attempts, error, next_attempt_at FROM notices WHERE recipient = ?1").bind(email).first<Record<string, unknown>>();
    expect(notice).toMatchObject({ status: "pending", attempts: 1, next_attempt_at: T0 + 30_000 });
    expect(String(notice!.error)).toContain("Throttling");
    expect(held.map((m) => m.body.type)).toEqual(["notices"]); // the queue will bring it back
    // Asking again meanwhile sends nothing more: the first request's mail is on its way.
    expect((await subscribe(T0 + 1000, email)).status).toBe(202);
    expect(await inbox(email)).toHaveLength(0);
    // The sweep of the scheduled job puts it on the queue again (the held message stands
    // for the same); SES takes it now, once.
    const later = T0 + minutes(11);
    await runDailyJob(playingSendingDeps(env, config, () => later), later);
    await runDailyJob(playingSendingDeps(env, config, () => later + minutes(15)), later + minutes(15));
    expect(await inbox(email)).toHaveLength(1);
    expect(await env.DB.prepare("SELECT status, attempts FROM notices WHERE recipient = ?1").bind(email).first()).toEqual({ status: "sent", attempts: 2 });
  });
});
