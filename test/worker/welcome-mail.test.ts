// The welcome that catches a new subscriber up: queued when a confirm link confirms while an
// event they follow runs, once per subscriber and event, with the days already mailed, and
// sent through the same queue, limiter and retries as every other notice. Clocks are pinned
// in KubeCon 2015's week; the mail is read as it reached the local SES endpoint.
import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { sweepNotices } from "../../src/db/notices.ts";
import { sesMailer, type Mailer } from "../../src/mail/ses-mailer.ts";
import { enqueueNotices } from "../../src/sending/enqueue.ts";
import { NOTICE_GIVE_UP_MS, REQUEUE_AFTER_MS } from "../../src/sending/tuning.ts";
import type { SendingDeps, SendMessage } from "../../src/sending/sending-deps.ts";
import { checkLink, subscriberUnsubscribeUrl } from "../../src/subscriptions/subscriber-links.ts";
import { CONFIRM_TOKEN_TTL_S } from "../../src/subscriptions/subscription-timing.ts";
import { signToken } from "../../src/tokens/signed-token.ts";
import { fetchAt, playingSendingDeps, realSendingDeps } from "./app-at.ts";
import { losing } from "./lost-answers.ts";
import { capturingQueue, consume } from "./sending-helpers.ts";
import { rawMessagesTo } from "./ses-raw.ts";
import { config, confirmLinkIn, inbox, subscribe, subscriberRow, uniqueAddress, type StoredMail } from "./subscription-helpers.ts";

const at = (iso: string) => Date.parse(iso);
/** KubeCon's second evening: the emails of day 1 (Nov 9) and day 2 (Nov 10, with Container Night's post) are out. */
const DAY2_EVENING = at("2015-11-10T20:00:00-08:00");
const KUBECON = "Catch up on KubeCon 2015: the days so far";
const CONTAINER_NIGHT = "Catch up on Container Night SF 2015: the days so far";
const DAY1_TITLE = "KubeCon 2015 — Day 1: Kubernetes 1.1, a live upgrade and federation plans";
const DAY2_TITLE = "KubeCon 2015 — Day 2: Stateful apps, secrets and autoscaling";
const DAY3_TITLE = "KubeCon 2015 — Day 3: Workshops, community and a wrap-up";

beforeEach(async () => {
  // Only this file's notices matter; old ones must not be swept into its sends.
  await env.DB.prepare("DELETE FROM notices WHERE kind = 'welcome'").run();
});

/** A pending subscriber who asked at `askedAt` and follows `follows`, and the path of their confirm link. */
async function pendingSubscriber(email: string, follows: string[] | null, askedAt: number): Promise<{ id: number; confirmPath: string }> {
  const row = await env.DB.prepare("INSERT INTO subscribers (email, status, source, created_at, updated_at, follows) VALUES (?1, 'pending', 'form', ?2, ?2, ?3) RETURNING id")
    .bind(email, askedAt, follows === null ? null : JSON.stringify(follows))
    .first<{ id: number }>();
  const token = signToken(config.signingKeys, { purpose: "confirm", subject: String(row!.id), expiresAt: Math.floor(askedAt / 1000) + CONFIRM_TOKEN_TTL_S, requestedAt: askedAt });
  return { id: row!.id, confirmPath: `/confirm?token=${encodeURIComponent(token)}` };
}

/** Presses a confirm link at `now`, with the queue played in the test at the same clock (see playingSendingDeps). */
function confirmAt(now: number, path: string, overrides: Parameters<typeof playingSendingDeps>[3] = {}) {
  return fetchAt(now, path, { method: "POST" }, {}, { sending: (e, c) => playingSendingDeps(e, c, () => now, overrides) });
}

const welcomes = async (email: string) => (await inbox(email)).filter((m) => m.subject.startsWith("Catch up on"));
const welcomeRows = (email: string) =>
  env.DB.prepare("SELECT event, status, attempts, error, requested_at FROM notices WHERE kind = 'welcome' AND recipient = ?1 ORDER BY id").bind(email).all<{ event: string; status: string; attempts: number; error: string | null; requested_at: number }>().then((r) => r.results);

describe("the welcome that catches you up", () => {
  it("confirming on KubeCon's second evening brings one welcome with days 1 and 2, each post's title, summary and link", async () => {
    const email = uniqueAddress("kubecon");
    const { id, confirmPath } = await pendingSubscriber(email, ["kubecon-2015"], DAY2_EVENING - 30 * 60_000);
    const res = await confirmAt(DAY2_EVENING, confirmPath);
    expect(res.status).toBe(200);

    const mail = await welcomes(email);
    expect(mail.map((m) => m.subject)).toEqual([KUBECON]);
    const { text, html } = mail[0]!.body;
    // Day 1, then day 2, each with its post's title, summary and link; day 3 is not out yet.
    for (const part of [text, html]) {
      expect(part.indexOf("Day 1 · Monday, November 9")).toBeGreaterThan(-1);
      expect(part.indexOf("Day 1 · Monday, November 9")).toBeLessThan(part.indexOf("Day 2 · Tuesday, November 10"));
      expect(part).not.toContain("Day 3");
      expect(part).not.toContain("Container Night");
    }
    const flat = text.replace(/\s+/g, " "); // the text part is wrapped at 72 columns
    expect(flat).toContain(`${DAY1_TITLE} The opening day brought the Kubernetes 1.1 release`);
    expect(text).toContain(`${config.siteUrl}/posts/kubecon-2015-day-1`);
    expect(flat).toContain(`${DAY2_TITLE} The second day moved from launches to operations`);
    expect(flat).not.toContain(DAY3_TITLE);
    expect(html).toContain(`<a href="${config.siteUrl}/posts/kubecon-2015-day-2" style="color:#1f5fbf;font-weight:600;">${DAY2_TITLE}</a>`);
    expect(html).toContain("The second day moved from launches to operations");

    // List mail: one-click unsubscribe in the headers, the same URL in the body, and the preference page.
    const [raw] = await rawMessagesTo(email);
    const head = raw!.split("\r\n\r\n")[0]!.replace(/\r\n[ \t]+/g, " ");
    const unsubscribe = subscriberUnsubscribeUrl(config, id);
    expect(head).toContain(`List-Unsubscribe: <${unsubscribe}>`);
    expect(head).toContain("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    expect(head).toContain(`<daily.${config.from.address.split("@")[1]}>`);
    expect(text).toContain(`Unsubscribe: ${unsubscribe}`);
    const manage = /Manage your subscription: (\S+)/.exec(text)?.[1];
    expect(manage).toMatch(new RegExp(`^${config.siteUrl}/preferences\\?token=`));
    expect(html).toContain(`href="${manage}" style="color:#5b5b66;">Manage your subscription</a>`);
    const link = await checkLink(config, decodeURIComponent(new URL(manage!).searchParams.get("token")!), "preferences", DAY2_EVENING);
    expect(link).toMatchObject({ ok: true, subscriberId: id });

    expect(await welcomeRows(email)).toEqual([{ event: "kubecon-2015", status: "sent", attempts: 1, error: null, requested_at: DAY2_EVENING }]);
  });

  it("is sent once: a second press, a second confirmation request, racing presses, and a later unsubscribe and return", async () => {
    const email = uniqueAddress("once");
    // Two confirmation requests, more than the 10 minutes apart that a second mail needs.
    const asked = at("2015-11-10T19:20:00-08:00");
    await subscribe(asked, email);
    await subscribe(asked + 11 * 60_000, email);
    await env.DB.prepare("UPDATE subscribers SET follows = '[\"kubecon-2015\"]' WHERE email = ?1").bind(email).run();
    const links = (await inbox(email)).map(confirmLinkIn);
    expect(links).toHaveLength(2);

    // Both links pressed at once, each twice; then the first again later.
    const answers = await Promise.all([links[0]!, links[1]!, links[0]!, links[1]!].map((l) => confirmAt(DAY2_EVENING, l)));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect((await confirmAt(DAY2_EVENING + 60_000, links[0]!)).status).toBe(200);
    expect((await welcomes(email)).map((m) => m.subject)).toEqual([KUBECON]);

    // Unsubscribed and back the same evening: confirmed again, but the welcome came already.
    const id = Number((await subscriberRow(email))!.id);
    await fetchAt(DAY2_EVENING + 2 * 60_000, subscriberUnsubscribeUrl(config, id).replace(config.siteUrl, ""), { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "List-Unsubscribe=One-Click" });
    expect(await subscriberRow(email)).toMatchObject({ status: "unsubscribed" });
    // (A request after an unsubscribe brings its own choice, everything here: set it back.)
    await subscribe(DAY2_EVENING + 3 * 60_000, email);
    await env.DB.prepare("UPDATE subscribers SET follows = '[\"kubecon-2015\"]' WHERE email = ?1").bind(email).run();
    const third = (await inbox(email)).filter((m) => m.subject.startsWith("Confirm"))[2]!;
    expect((await confirmAt(DAY2_EVENING + 4 * 60_000, confirmLinkIn(third))).status).toBe(200);
    expect(await subscriberRow(email)).toMatchObject({ status: "active" });
    expect((await welcomes(email)).map((m) => m.subject)).toEqual([KUBECON]);
    expect(await welcomeRows(email)).toHaveLength(1);
  });

  it.each([
    { name: "KubeCon has not started", now: "2015-11-08T20:00:00-08:00", follows: null },
    { name: "KubeCon runs but its first email is not out yet", now: "2015-11-09T18:45:00-08:00", follows: null },
    { name: "KubeCon has ended", now: "2015-11-12T09:00:00-08:00", follows: null },
    { name: "they follow only an event that has ended (Container Night, on KubeCon's last day)", now: "2015-11-11T20:00:00-08:00", follows: ["container-night-sf-2015"] },
  ])("none when $name", async ({ now, follows }) => {
    const email = uniqueAddress("none");
    const { confirmPath } = await pendingSubscriber(email, follows, at(now) - 60_000);
    expect((await confirmAt(at(now), confirmPath)).status).toBe(200);
    expect(await subscriberRow(email)).toMatchObject({ status: "active" });
    expect(await welcomes(email)).toEqual([]);
    expect(await welcomeRows(email)).toEqual([]);
  });

  it("one per running event they follow: everything brings two on the shared day, one event only its own", async () => {
    const everything = uniqueAddress("everything");
    const meetupOnly = uniqueAddress("meetup");
    for (const [email, follows] of [[everything, null], [meetupOnly, ["container-night-sf-2015"]]] as const) {
      const { confirmPath } = await pendingSubscriber(email, follows === null ? null : [...follows], DAY2_EVENING - 60_000);
      await confirmAt(DAY2_EVENING, confirmPath);
    }
    expect((await welcomes(everything)).map((m) => m.subject).sort()).toEqual([CONTAINER_NIGHT, KUBECON]);
    const [meetup] = await welcomes(meetupOnly);
    expect((await welcomes(meetupOnly)).map((m) => m.subject)).toEqual([CONTAINER_NIGHT]);
    expect(meetup!.body.text.replace(/\s+/g, " ")).toContain("Five lightning talks on small clusters");
    expect(meetup!.body.text).not.toContain("KubeCon 2015 — Day");
  });

  it("is skipped, and says why, if the person unsubscribes or stops following the event before it goes out", async () => {
    const left = uniqueAddress("left");
    const moved = uniqueAddress("moved");
    const q = capturingQueue();
    for (const email of [left, moved]) {
      const { confirmPath } = await pendingSubscriber(email, ["kubecon-2015"], DAY2_EVENING - 60_000);
      await fetchAt(DAY2_EVENING, confirmPath, { method: "POST" }, {}, { sending: (e, c) => ({ ...realSendingDeps(e, c, () => DAY2_EVENING), queue: q.queue }) });
    }
    expect(q.messages.map((m) => m.body.type)).toEqual(["notices", "notices"]);
    await env.DB.prepare("UPDATE subscribers SET status = 'unsubscribed' WHERE email = ?1").bind(left).run();
    await env.DB.prepare("UPDATE subscribers SET follows = '[\"container-night-sf-2015\"]' WHERE email = ?1").bind(moved).run();
    const deps = playingSendingDeps(env, config, () => DAY2_EVENING + 60_000);
    expect((await consume(q.take(), deps)).map((r) => r.outcome)).toEqual(["ack", "ack"]);
    expect(await welcomeRows(left)).toMatchObject([{ status: "skipped", error: "the subscriber is unsubscribed" }]);
    expect(await welcomeRows(moved)).toMatchObject([{ status: "skipped", error: "the subscriber no longer follows the event" }]);
    expect([...(await welcomes(left)), ...(await welcomes(moved))]).toEqual([]);
  });
});

describe("the welcome under faults", () => {
  it("one SES throttles is tried again later with the same days, and sent once", async () => {
    const domain = `throttled-${crypto.randomUUID().slice(0, 8)}.example`;
    const email = `reader@${domain}`;
    // The stand-in throttles every second message to this domain: the welcome's first try.
    const faults = (env as unknown as { FAULTY_SES_ENDPOINT: string }).FAULTY_SES_ENDPOINT;
    await fetch(`${faults}/__faults`, { method: "POST", body: JSON.stringify({ domain, throttleEvery: 2 }) });
    await subscribe(at("2015-11-10T19:30:00-08:00"), email); // the first message: taken
    await env.DB.prepare("UPDATE subscribers SET follows = '[\"kubecon-2015\"]' WHERE email = ?1").bind(email).run();
    const held: { body: SendMessage; delaySeconds?: number }[] = [];
    await confirmAt(DAY2_EVENING, confirmLinkIn((await inbox(email))[0]!), { held });

    expect(await welcomes(email)).toEqual([]);
    const [row] = await welcomeRows(email);
    expect(row).toMatchObject({ status: "pending", attempts: 1 });
    expect(row!.error).toContain("Throttling");
    expect(held.map((m) => m.body.type)).toEqual(["notices"]); // the queue brings it back

    // The queue's retry, a day later than the confirmation: still the days as they were then.
    const later = at("2015-11-11T20:00:00-08:00");
    expect((await consume(held.splice(0), playingSendingDeps(env, config, () => later))).map((r) => r.outcome)).toEqual(["ack"]);
    const mail = await welcomes(email);
    expect(mail.map((m) => m.subject)).toEqual([KUBECON]);
    expect(mail[0]!.body.text.replace(/\s+/g, " ")).toContain(DAY2_TITLE);
    expect(mail[0]!.body.text.replace(/\s+/g, " ")).not.toContain(DAY3_TITLE);
    expect(await welcomeRows(email)).toMatchObject([{ status: "sent", attempts: 2, error: null }]);
    expect(((await (await fetch(`${faults}/__faults?domain=${domain}`)).json()) as { seen: number }).seen).toBe(3);
  });

  it("one whose queue message could not be sent at the confirmation is put on the queue by the sweep, and sent", async () => {
    const email = uniqueAddress("unqueued");
    const { confirmPath } = await pendingSubscriber(email, ["kubecon-2015"], DAY2_EVENING - 60_000);
    const broken = { sendBatch: async () => Promise.reject(new Error("injected: the queue is unavailable")) };
    const res = await fetchAt(DAY2_EVENING, confirmPath, { method: "POST" }, {}, { sending: (e, c) => ({ ...realSendingDeps(e, c, () => DAY2_EVENING), queue: broken }) });
    expect(res.status).toBe(200); // the confirmation stands
    expect(await subscriberRow(email)).toMatchObject({ status: "active" });
    expect(await welcomeRows(email)).toMatchObject([{ status: "pending", attempts: 0 }]);
    expect(await welcomes(email)).toEqual([]);
    // The scheduled job's sweep: notices due and carried by no message for 10 minutes go back on the queue.
    const later = DAY2_EVENING + 11 * 60_000;
    const deps = playingSendingDeps(env, config, () => later);
    await enqueueNotices(deps, await sweepNotices(env.DB, later, later - REQUEUE_AFTER_MS, later - NOTICE_GIVE_UP_MS));
    expect((await welcomes(email)).map((m) => m.subject)).toEqual([KUBECON]);
    expect(await welcomeRows(email)).toMatchObject([{ status: "sent", attempts: 1 }]);
  });

  it("one SES refuses is recorded as failed, with SES's reason", async () => {
    // The stand-in refuses every message to reject@ (the suppression list).
    const email = `reject@${crypto.randomUUID().slice(0, 8)}.example`;
    const { confirmPath } = await pendingSubscriber(email, ["kubecon-2015"], DAY2_EVENING - 60_000);
    const held: { body: SendMessage; delaySeconds?: number }[] = [];
    await confirmAt(DAY2_EVENING, confirmPath, { held });
    const [row] = await welcomeRows(email);
    expect(row).toMatchObject({ status: "failed", attempts: 1 });
    expect(row!.error).toContain("MessageRejected");
    expect(held).toEqual([]); // nothing left to retry
  });

  it("one whose answer is lost after SES took it is recorded, not sent a second time", async () => {
    const email = uniqueAddress("lost");
    const { confirmPath } = await pendingSubscriber(email, ["kubecon-2015"], DAY2_EVENING - 60_000);
    const held: { body: SendMessage; delaySeconds?: number }[] = [];
    await confirmAt(DAY2_EVENING, confirmPath, { held, mailer: losing({ taken: new Set([email]) }) });
    expect((await welcomes(email)).map((m) => m.subject)).toEqual([KUBECON]);
    const [row] = await welcomeRows(email);
    expect(row).toMatchObject({ status: "failed", attempts: 1 });
    expect(row!.error).toContain("not sent again");
    expect(held).toEqual([]);
  });
});

describe("the welcome and the send limiter", () => {
  it("waits for a slot of the one limiter: with the rate's horizon full, it goes out only at the next slot it books", async () => {
    // A limiter Durable Object of this test's own, at one message a second.
    const stub = env.SEND_RATE_LIMITER.get(env.SEND_RATE_LIMITER.idFromName(`welcome-${crypto.randomUUID()}`));
    const booked: { firstAt: number; granted: number }[] = [];
    const limiter: SendingDeps["limiter"] = {
      async acquire(wanted, limit) {
        const slots = await stub.acquire(wanted, limit);
        booked.push({ firstAt: slots.firstAt, granted: slots.granted });
        return slots;
      },
    };
    const real = sesMailer(config.ses);
    const calls: { to: string; at: number }[] = [];
    const timing: Mailer = { send: async (m) => (calls.push({ to: m.to, at: Date.now() }), real.send(m)) };
    // Someone else's mail has the one slot the next second holds.
    const other = await stub.acquire(1, 1);
    expect(other.granted).toBe(1);

    const email = uniqueAddress("limited");
    const { confirmPath } = await pendingSubscriber(email, ["kubecon-2015"], DAY2_EVENING - 60_000);
    await confirmAt(DAY2_EVENING, confirmPath, { limiter, mailer: timing, config: { ...config, maxSendRate: 1 } });

    expect((await welcomes(email)).map((m) => m.subject)).toEqual([KUBECON]);
    // Its slot is a full spacing (1,035 ms at 1/s) after the other mail's, however soon it
    // asked (with nothing granted while the horizon was full, it waits and asks again); SES
    // was called no earlier than that slot.
    const slot = booked.find((b) => b.granted === 1)!;
    expect(slot.firstAt).toBeGreaterThanOrEqual(other.firstAt + 1_035);
    expect(calls.filter((c) => c.to === email)).toHaveLength(1);
    expect(calls[0]!.at).toBeGreaterThanOrEqual(slot.firstAt);
  });
});

describe("through the real queue", () => {
  it("the confirmation's request records the welcome and the Worker's own consumer sends it", { timeout: 120_000 }, async () => {
    const email = uniqueAddress("queued");
    const { confirmPath } = await pendingSubscriber(email, ["kubecon-2015"], DAY2_EVENING - 60_000);
    // The request's clock is pinned; the consumer runs on the real one, and builds the welcome
    // from the moment of the confirmation, which the notice keeps.
    expect((await fetchAt(DAY2_EVENING, confirmPath, { method: "POST" })).status).toBe(200);
    const deadline = Date.now() + 90_000;
    let mail: StoredMail[] = [];
    while ((mail = await welcomes(email)).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(mail.map((m) => m.subject)).toEqual([KUBECON]);
    expect(mail[0]!.body.text.replace(/\s+/g, " ")).toContain(DAY2_TITLE);
    expect(await welcomeRows(email)).toMatchObject([{ status: "sent", attempts: 1 }]);
  });
});
