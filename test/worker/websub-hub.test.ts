// Herald's WebSub hub, with a real subscriber over HTTP (test/support/websub-subscriber.ts):
// subscribe and the challenge, the push when a scheduled post comes due (injected clock) with
// its signature and links, unsubscribe, a wrong echo, a failing callback retried and then
// dropped, a 410, leases, a deploy's edit, and every refusal naming its parameter.
import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import type { ContentIndex } from "../../src/content/types.ts";
import { contentIndex } from "../../src/generated/content-index.ts";
import type { SendingDeps, SendMessage } from "../../src/sending/sending-deps.ts";
import { runDailyJob } from "../../src/sending/daily-job.ts";
import { handleSendBatch } from "../../src/sending/queue-handler.ts";
import { MAX_SUBSCRIPTIONS_PER_HOST, PUSH_TRIES } from "../../src/websub/hub-rules.ts";
import { hubUpkeep } from "../../src/websub/hub-upkeep.ts";
import { noticeDeploy } from "../../src/websub/notice-deploy.ts";
import type { CallbackRequest } from "../support/websub-subscriber.ts";
import { fetchAt, playingSendingDeps } from "./app-at.ts";
import { config } from "./sending-helpers.ts";

const SUBSCRIBER = (env as unknown as { WEBSUB_SUBSCRIBER: string }).WEBSUB_SUBSCRIBER;
const SITE = config.siteUrl;
const EVENT_ATOM = `${SITE}/events/kubecon-2015/atom.xml`;
const SITE_RSS = `${SITE}/rss.xml`;
/** KubeCon's day 2 recap is published at 18:30 PST on 10 November 2015; day 3's the next evening. */
const DAY1_AT = Date.parse("2015-11-09T18:30:00-08:00");
const DAY2_AT = Date.parse("2015-11-10T18:30:00-08:00");
const DAY3_AT = Date.parse("2015-11-11T17:45:00-08:00");
const T0 = DAY2_AT - 20 * 60_000;

let clock: { now: number };
let held: { body: SendMessage; delaySeconds?: number }[];
let deps: SendingDeps;

beforeEach(async () => {
  clock = { now: T0 };
  held = [];
  deps = playingSendingDeps(env, config, () => clock.now, { held, watch: { arm: async () => undefined } });
  await env.DB.batch([
    env.DB.prepare("DELETE FROM websub_pushes"),
    env.DB.prepare("DELETE FROM websub_subscriptions"),
    env.DB.prepare("DELETE FROM websub_topics"),
    env.DB.prepare("DELETE FROM websub_wakes"),
    env.DB.prepare("DELETE FROM websub_builds"),
    env.DB.prepare("DELETE FROM rate_limits WHERE key LIKE 'websub%'"),
  ]);
});

/** A fresh callback on the subscriber server, answering as told. */
async function callback(behaviour: Record<string, unknown> = {}): Promise<{ url: string; seen: () => Promise<CallbackRequest[]> }> {
  const name = crypto.randomUUID();
  await fetch(`${SUBSCRIBER}/control/${name}`, { method: "PUT", body: JSON.stringify(behaviour) });
  return { url: `${SUBSCRIBER}/cb/${name}`, seen: async () => (await fetch(`${SUBSCRIBER}/control/${name}`)).json() };
}

let nextClient = 0;
/** Each request from its own client address unless one is given, so the per-client limit applies only where a test means it to. */
async function hub(fields: Record<string, string>, ip = `2001:db8:${(nextClient++).toString(16)}::1`, at = clock.now): Promise<Response> {
  return fetchAt(at, "/websub", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "cf-connecting-ip": ip }, body: new URLSearchParams(fields) }, {}, { sending: () => deps });
}

const subscribe = (topic: string, url: string, extra: Record<string, string> = {}, at = clock.now) => {
  clock.now = at;
  return hub({ "hub.mode": "subscribe", "hub.topic": topic, "hub.callback": url, ...extra });
};

/** Runs the held queue messages of a type (a wake, a retry) at the clock's time, as the queue would. */
async function playHeld(type: SendMessage["type"]): Promise<number> {
  const due = held.filter((m) => m.body.type === type);
  held.splice(0, held.length, ...held.filter((m) => m.body.type !== type));
  if (due.length) await deps.queue.sendBatch(due.map((m) => ({ body: m.body })));
  return due.length;
}

async function subscriptions(): Promise<{ topic: string; callback: string; secret: string | null; lease_seconds: number; expires_at: number }[]> {
  return (await env.DB.prepare("SELECT topic, callback, secret, lease_seconds, expires_at FROM websub_subscriptions ORDER BY id").all<never>()).results;
}

async function hmacHex(secret: string, body: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return [...new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(body)))].map((b) => b.toString(16).padStart(2, "0")).join("");
}

const posts = async (cb: { seen: () => Promise<CallbackRequest[]> }) => (await cb.seen()).filter((r) => r.method === "POST");

describe("subscribing", () => {
  it("answers 202, asks the callback to echo a challenge, and holds the subscription once it did", async () => {
    const cb = await callback();
    const res = await subscribe(EVENT_ATOM, cb.url, { "hub.lease_seconds": "86400", "hub.secret": "a-secret-of-ours" });
    expect(res.status).toBe(202);
    const [check] = await cb.seen();
    expect(check).toMatchObject({ method: "GET", query: { "hub.mode": "subscribe", "hub.topic": EVENT_ATOM, "hub.lease_seconds": "86400" } });
    expect(check!.query["hub.challenge"]).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(await subscriptions()).toEqual([{ topic: EVENT_ATOM, callback: cb.url, secret: "a-secret-of-ours", lease_seconds: 86_400, expires_at: T0 + 86_400_000 }]);
  });

  it.each([
    ["a wrong echo", { verify: "wrong" }],
    ["a 404 with the challenge", { verify: "refuse" }],
  ])("stores nothing after %s", async (_, behaviour) => {
    const cb = await callback(behaviour);
    expect((await subscribe(EVENT_ATOM, cb.url)).status).toBe(202);
    expect((await cb.seen()).length).toBe(1);
    expect(await subscriptions()).toEqual([]);
  });

  it("tries a verification that met a 500 again later, then gives up with nothing stored", async () => {
    const cb = await callback({ verify: "fail" });
    expect((await subscribe(EVENT_ATOM, cb.url)).status).toBe(202);
    // The played queue holds the retried message back; the test hands it to the consumer again, as the queue would.
    const retried = held.filter((m) => m.body.type === "websub-verify");
    expect(retried.length).toBe(1);
    for (let attempt = 2; attempt <= 3; attempt++) {
      let retriedAgain = false;
      await handleSendBatch([{ body: retried[0]!.body, attempts: attempt, ack() {}, retry: () => void (retriedAgain = true) }], deps);
      expect(retriedAgain).toBe(attempt < 3);
    }
    expect((await cb.seen()).length).toBe(3);
    expect(await subscriptions()).toEqual([]);
  });

  it("shows the authors each subscription and how its pushes went (GET /api/websub)", async () => {
    const cb = await callback({ content: 500 });
    await subscribe(EVENT_ATOM, cb.url, { "hub.secret": "a-secret-of-ours" });
    clock.now = DAY2_AT + 1_000;
    await hubUpkeep(deps, clock.now);
    const res = await fetchAt(clock.now, "/api/websub", { headers: { Authorization: "Bearer test-author-token-0001" } });
    expect(await res.json()).toEqual({
      subscriptions: [
        {
          topic: EVENT_ATOM, callback: cb.url, signed: true, leaseSeconds: 10 * 86_400,
          expiresAt: new Date(T0 + 10 * 86_400_000).toISOString(), createdAt: new Date(T0).toISOString(),
          droppedInARow: 0, pushes: { pending: 1, sent: 0, dropped: 0, superseded: 0 }, lastError: "answered 500",
        },
      ],
      total: 1,
    });
    expect(JSON.stringify(await (await fetchAt(clock.now, "/api/websub", { headers: { Authorization: "Bearer test-author-token-0001" } })).json())).not.toContain("a-secret-of-ours");
  });

  it("renews a subscription: a second verified request moves the lease and takes the new secret", async () => {
    const cb = await callback();
    await subscribe(EVENT_ATOM, cb.url, { "hub.lease_seconds": "7200", "hub.secret": "first-secret" });
    clock.now += 3_600_000;
    await subscribe(EVENT_ATOM, cb.url, { "hub.lease_seconds": "7200", "hub.secret": "second-secret" });
    expect(await subscriptions()).toEqual([{ topic: EVENT_ATOM, callback: cb.url, secret: "second-secret", lease_seconds: 7200, expires_at: clock.now + 7_200_000 }]);
  });

  it("keeps the callback's own query as it was written, adds the hub's after it, and names itself in User-Agent", async () => {
    const cb = await callback();
    await subscribe(EVENT_ATOM, `${cb.url}?token=a%20b&x=1`);
    const [check] = await cb.seen();
    expect(check!.url).toMatch(/\?token=a%20b&x=1&hub\.mode=subscribe&hub\.topic=/);
    expect(check!.headers["user-agent"]).toBe(`Herald-WebSub/1 (+${SITE})`);
    expect((await subscriptions())[0]!.callback).toBe(`${cb.url}?token=a%20b&x=1`);
  });

  it("takes the feed's address however the URL spells its scheme, host and port, and stores it as the feed names itself", async () => {
    const cb = await callback();
    const spelled = EVENT_ATOM.replace("http://127.0.0.1:8787", "HTTP://127.0.0.1:8787");
    expect((await subscribe(spelled, cb.url)).status).toBe(202);
    expect((await subscriptions()).map((s) => s.topic)).toEqual([EVENT_ATOM]);
  });

  it("takes a JSON body, with the lease as a number", async () => {
    const cb = await callback();
    const res = await fetchAt(clock.now, "/websub", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ "hub.mode": "subscribe", "hub.topic": EVENT_ATOM, "hub.callback": cb.url, "hub.lease_seconds": 7200 }) }, {}, { sending: () => deps });
    expect(res.status).toBe(202);
    expect((await subscriptions())[0]!.lease_seconds).toBe(7200);
  });

  it("moves a lease outside its bounds inside them, and says so in the verification", async () => {
    const short = await callback();
    const long = await callback();
    await subscribe(EVENT_ATOM, short.url, { "hub.lease_seconds": "5" });
    await subscribe(EVENT_ATOM, long.url, { "hub.lease_seconds": "999999999" });
    expect((await short.seen())[0]!.query["hub.lease_seconds"]).toBe("3600");
    expect((await long.seen())[0]!.query["hub.lease_seconds"]).toBe(String(30 * 86_400));
  });
});

describe("content distribution", () => {
  it("pushes the feed, signed, with its hub and self links, when a scheduled post comes due; once; and nothing after unsubscribing", async () => {
    const cb = await callback();
    const other = await callback();
    await subscribe(EVENT_ATOM, cb.url, { "hub.secret": "a-secret-of-ours" });
    await subscribe(SITE_RSS, other.url);
    // Before the post's time nothing changed, so nothing is pushed.
    clock.now = DAY2_AT - 60_000;
    await hubUpkeep(deps, clock.now);
    expect(await posts(cb)).toEqual([]);

    // The subscription armed a wake for the post's own time; the queue brings it then.
    clock.now = DAY2_AT + 1_000;
    expect(await playHeld("websub-check")).toBeGreaterThan(0);
    const [push] = await posts(cb);
    expect(push).toBeDefined();
    expect(push!.headers["content-type"]).toBe("application/atom+xml; charset=utf-8");
    expect(push!.headers["link"]).toBe(`<${SITE}/websub>; rel="hub", <${EVENT_ATOM}>; rel="self"`);
    expect(push!.headers["x-hub-signature"]).toBe(`sha256=${await hmacHex("a-secret-of-ours", push!.body)}`);
    expect(push!.body).toContain("KubeCon 2015 — Day 2");
    // The site's RSS changed too; its subscriber gets it, unsigned (no secret).
    const [rssPush] = await posts(other);
    expect(rssPush!.headers["content-type"]).toBe("application/rss+xml; charset=utf-8");
    expect(rssPush!.headers["x-hub-signature"]).toBeUndefined();
    expect(rssPush!.body).toContain("KubeCon 2015 — Day 2");

    // The scheduled job's check a moment later finds no new change: one push per change.
    clock.now += 60_000;
    await hubUpkeep(deps, clock.now);
    await playHeld("websub-check");
    expect((await posts(cb)).length).toBe(1);

    expect((await hub({ "hub.mode": "unsubscribe", "hub.topic": EVENT_ATOM, "hub.callback": cb.url })).status).toBe(202);
    expect((await cb.seen()).filter((r) => r.method === "GET").at(-1)!.query["hub.mode"]).toBe("unsubscribe");
    expect((await subscriptions()).map((s) => s.callback)).toEqual([other.url]);
    clock.now = DAY3_AT + 1_000;
    await hubUpkeep(deps, clock.now);
    expect((await posts(cb)).length).toBe(1);
    expect((await posts(other)).length).toBe(2);
  });

  it("the scheduled job itself runs the check", async () => {
    // Before day 1's send time no day is due, so the job does nothing but the hub's part.
    const cb = await callback();
    await subscribe(EVENT_ATOM, cb.url, {}, DAY1_AT - 20 * 60_000);
    clock.now = DAY1_AT + 5 * 60_000;
    const outcomes = await runDailyJob(deps, clock.now);
    expect(outcomes.map((o) => o.action)).toEqual(["no_posts", "no_posts"]);
    const [push] = await posts(cb);
    expect(push!.body).toContain("KubeCon 2015 — Day 1");
  });

  it("tries a failing callback again with growing waits, drops the push after its tries, and nothing comes after", async () => {
    const cb = await callback({ content: 500 });
    await subscribe(EVENT_ATOM, cb.url);
    clock.now = DAY2_AT + 1_000;
    await hubUpkeep(deps, clock.now);
    const waits: number[] = [];
    for (let round = 0; round < 10; round++) {
      const retry = held.find((m) => m.body.type === "websub-push");
      if (!retry) break;
      waits.push(retry.delaySeconds!);
      // Played a second early, the push is not due yet: it is left alone, nothing is sent.
      clock.now += retry.delaySeconds! * 1000 - 1000;
      const before = (await posts(cb)).length;
      await deps.queue.sendBatch([{ body: retry.body }]);
      expect((await posts(cb)).length).toBe(before);
      clock.now += 1000;
      await playHeld("websub-push");
    }
    expect((await posts(cb)).length).toBe(PUSH_TRIES);
    expect(waits).toEqual([30, 120, 600, 3600]);
    expect(await env.DB.prepare("SELECT status, attempts, last_error FROM websub_pushes").first()).toEqual({ status: "dropped", attempts: PUSH_TRIES, last_error: "answered 500" });
    // The subscription stays for the next change (a callback may come back), until drops pile up.
    expect((await subscriptions()).length).toBe(1);
  });

  it("removes a subscription whose pushes were dropped three times in a row", async () => {
    const cb = await callback({ content: 500 });
    await subscribe(EVENT_ATOM, cb.url);
    for (let change = 1; change <= 3; change++) {
      deps.index = editedIndex(change);
      clock.now += 60_000;
      await hubUpkeep(deps, clock.now);
      for (let round = 0; round < PUSH_TRIES; round++) {
        const retry = held.find((m) => m.body.type === "websub-push");
        if (!retry) break;
        clock.now += retry.delaySeconds! * 1000;
        await playHeld("websub-push");
      }
    }
    expect((await posts(cb)).length).toBe(3 * PUSH_TRIES);
    expect(await subscriptions()).toEqual([]);
  });

  it("a callback that was down gets one push of the newest feed when it is back, not one per change it missed", async () => {
    const cb = await callback({ content: 500 });
    await subscribe(EVENT_ATOM, cb.url);
    deps.index = editedIndex(1);
    await hubUpkeep(deps, clock.now);
    const missed = held.filter((m) => m.body.type === "websub-push");
    expect(missed.length).toBe(1); // the first change's push waits for its retry
    // The callback comes back (its record starts again), and a second change comes first.
    await fetch(`${SUBSCRIBER}/control/${cb.url.split("/").pop()}`, { method: "PUT", body: "{}" });
    deps.index = editedIndex(2);
    clock.now += 10_000;
    await hubUpkeep(deps, clock.now);
    // The first change's retry comes round: it was superseded and sends nothing.
    clock.now += 60_000;
    await playHeld("websub-push");
    const got = await posts(cb);
    expect(got.length).toBe(1);
    expect(got[0]!.body).toContain("(correction 2)");
    expect((await env.DB.prepare("SELECT status FROM websub_pushes ORDER BY id").all<{ status: string }>()).results.map((r) => r.status)).toEqual(["superseded", "sent"]);
  });

  it("ends a subscription whose callback answers 410 Gone", async () => {
    const cb = await callback({ content: 410 });
    await subscribe(EVENT_ATOM, cb.url);
    clock.now = DAY2_AT + 1_000;
    await hubUpkeep(deps, clock.now);
    expect((await posts(cb)).length).toBe(1);
    expect(await subscriptions()).toEqual([]);
    expect(held.filter((m) => m.body.type === "websub-push")).toEqual([]);
  });

  it("pushes a deploy's edit of a published post, and only to the topics it is in", async () => {
    const cb = await callback();
    const other = await callback();
    await subscribe(EVENT_ATOM, cb.url);
    await subscribe(`${SITE}/events/container-night-sf-2015/atom.xml`, other.url);
    deps.index = editedIndex(1);
    await hubUpkeep(deps, clock.now);
    const [push] = await posts(cb);
    expect(push!.body).toContain("(correction 1)");
    expect(await posts(other)).toEqual([]);
  });

  it("lets a lease run out: no push after it, and the scheduled job removes it", async () => {
    const cb = await callback();
    await subscribe(EVENT_ATOM, cb.url, { "hub.lease_seconds": "3600" });
    clock.now = T0 + 3_600_000 + 1;
    await hubUpkeep(deps, clock.now);
    expect(await subscriptions()).toEqual([]);
    clock.now = DAY2_AT + 1_000;
    await hubUpkeep(deps, clock.now);
    expect(await posts(cb)).toEqual([]);
  });

  it("pings the external hubs of WEBSUB_HUBS once per change of each topic", async () => {
    const external = await callback();
    deps.config = { ...config, websubHubs: [external.url] };
    await hubUpkeep(deps, clock.now); // the first look records what each topic shows
    clock.now = DAY2_AT + 1_000;
    await hubUpkeep(deps, clock.now);
    await hubUpkeep(deps, clock.now + 1_000);
    const pings = await posts(external);
    const urls = pings.map((p) => new URLSearchParams(p.body).get("hub.url")).sort();
    expect(pings.every((p) => new URLSearchParams(p.body).get("hub.mode") === "publish")).toBe(true);
    // Day 2 is in the site's feeds, KubeCon's and its tags' (each in three formats), once each.
    expect(urls).toContain(EVENT_ATOM);
    expect(urls).toContain(`${SITE}/feed.json`);
    expect(urls).toContain(`${SITE}/tags/kubernetes/rss.xml`);
    // A tag seen for the first time had no feed before, so nobody can have followed it yet.
    expect(urls).not.toContain(`${SITE}/tags/storage/rss.xml`);
    expect(urls).not.toContain(`${SITE}/events/container-night-sf-2015/atom.xml`);
    expect(new Set(urls).size).toBe(urls.length);
  });
});

/** The content index after a deploy that corrects the title of KubeCon's day 1 recap. */
function editedIndex(n: number): ContentIndex {
  return {
    ...contentIndex,
    buildId: `edited-${n}`,
    posts: contentIndex.posts.map((p) => (p.slug === "kubecon-2015-day-1" ? { ...p, title: `${p.title} (correction ${n})` } : p)),
  };
}

describe("refusals, each naming its parameter, with nothing stored", () => {
  const good = () => ({ "hub.mode": "subscribe", "hub.topic": EVENT_ATOM, "hub.callback": `${SUBSCRIBER}/cb/refusals` });

  it.each([
    ["hub.mode", { "hub.mode": "" }, 400],
    ["hub.mode", { "hub.mode": "follow" }, 400],
    ["hub.mode", { "hub.mode": "publish" }, 400],
    ["hub.topic", { "hub.topic": "" }, 400],
    ["hub.topic", { "hub.topic": "not a url" }, 400],
    ["hub.callback", { "hub.callback": `${SUBSCRIBER}/cb/refusals#` }, 400],
    ["hub.topic", { "hub.topic": "https://elsewhere.example/feed.xml" }, 404],
    ["hub.topic", { "hub.topic": `${SITE}/posts/kubecon-2015-day-1` }, 404],
    ["hub.topic", { "hub.topic": `${SITE}/tags/no-such-tag/atom.xml` }, 404],
    ["hub.callback", { "hub.callback": "" }, 400],
    ["hub.callback", { "hub.callback": "ftp://127.0.0.1/cb" }, 400],
    ["hub.callback", { "hub.callback": "not a url" }, 400],
    ["hub.callback", { "hub.callback": "http://user:pw@127.0.0.1/cb" }, 400],
    ["hub.callback", { "hub.callback": "http://10.0.0.7/cb" }, 400],
    ["hub.callback", { "hub.callback": `http://127.0.0.1/${"x".repeat(2100)}` }, 400],
    ["hub.lease_seconds", { "hub.lease_seconds": "ten days" }, 400],
    ["hub.lease_seconds", { "hub.lease_seconds": "-5" }, 400],
    ["hub.secret", { "hub.secret": "s".repeat(200) }, 400],
  ])("%s: %j → %i", async (field, change, status) => {
    const res = await hub({ ...good(), ...change });
    expect(res.status).toBe(status);
    expect(((await res.json()) as { error: { field: string } }).error.field).toBe(field);
    expect(held).toEqual([]);
    expect(await subscriptions()).toEqual([]);
  });

  it("refuses a parameter given twice", async () => {
    const body = new URLSearchParams(good());
    body.append("hub.topic", SITE_RSS);
    const res = await fetchAt(clock.now, "/websub", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body }, {}, { sending: () => deps });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { field: string } }).error.field).toBe("hub.topic");
  });

  it("answers a GET with 405 and Allow: POST", async () => {
    const res = await fetchAt(clock.now, "/websub");
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("POST");
  });

  it(`holds at most ${MAX_SUBSCRIPTIONS_PER_HOST} subscriptions per callback host, and still renews one of them`, async () => {
    const inserts = Array.from({ length: MAX_SUBSCRIPTIONS_PER_HOST }, (_, i) =>
      env.DB.prepare("INSERT INTO websub_subscriptions (topic, callback, callback_host, lease_seconds, expires_at, created_at, updated_at) VALUES (?1, ?2, '127.0.0.1', 3600, ?3, ?4, ?4)").bind(EVENT_ATOM, `${SUBSCRIBER}/cb/full-${i}`, T0 + 3_600_000, T0),
    );
    await env.DB.batch(inserts);
    const res = await subscribe(EVENT_ATOM, `${SUBSCRIBER}/cb/one-more`);
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { field: string } }).error.field).toBe("hub.callback");
    expect(held).toEqual([]);
    const renewal = await subscribe(EVENT_ATOM, `${SUBSCRIBER}/cb/full-0`);
    expect(renewal.status).toBe(202);
  });

  it("sends one callback domain only so many verifications per window, whoever asks", async () => {
    const cb = await callback({ verify: "wrong" }); // nothing is ever stored, so the caps never apply
    const statuses: number[] = [];
    for (let i = 0; i < 201; i++) statuses.push((await subscribe(EVENT_ATOM, cb.url, {}, clock.now)).status);
    // Each from its own client address, so the per-client limit is not what stops them.
    expect(statuses.slice(0, 200).every((s) => s === 202)).toBe(true);
    expect(statuses[200]).toBe(429);
    expect((await cb.seen()).length).toBe(200);
  });

  it("limits one client's requests per window, as /subscribe does", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) statuses.push((await hub({ "hub.mode": "" }, "198.51.100.7")).status);
    expect(statuses.slice(0, 60).every((s) => s === 400)).toBe(true);
    expect(statuses[60]).toBe(429);
    // Another client is not held back.
    expect((await hub({ "hub.mode": "" }, "198.51.100.8")).status).toBe(400);
  });
});

describe("a deploy", () => {
  it("is checked by the first request its build serves, once per build however many isolates ask", async () => {
    const cb = await callback();
    await subscribe(EVENT_ATOM, cb.url);
    deps.index = editedIndex(7);
    await env.DB.prepare("DELETE FROM websub_builds WHERE build_id LIKE 'edited-7:%'").run();
    const isolates = [new Set<string>(), new Set<string>()];
    const notice = (seen: Set<string>) => noticeDeploy(deps.index, deps.config, () => deps, clock.now, seen);
    await notice(isolates[0]!);
    expect(notice(isolates[0]!)).toBeUndefined(); // the same isolate asks D1 once
    // Another isolate finds the build checked and runs no check: what differs here (the same
    // build id, another title) would be pushed if it did.
    deps.index = { ...editedIndex(8), buildId: "edited-7" };
    await notice(isolates[1]!);
    const got = await posts(cb);
    expect(got.length).toBe(1);
    expect(got[0]!.body).toContain("(correction 7)");
  });
});

describe("operators", () => {
  const AUTH = { Authorization: "Bearer test-author-token-0001" };

  it("remove a subscription with DELETE /api/websub, and nothing is pushed to it after", async () => {
    const cb = await callback();
    await subscribe(EVENT_ATOM, cb.url);
    const query = `?topic=${encodeURIComponent(EVENT_ATOM)}&callback=${encodeURIComponent(cb.url)}`;
    const res = await fetchAt(clock.now, `/api/websub${query}`, { method: "DELETE", headers: AUTH });
    expect(res.status).toBe(200);
    expect(await subscriptions()).toEqual([]);
    expect((await fetchAt(clock.now, `/api/websub${query}`, { method: "DELETE", headers: AUTH })).status).toBe(404);
    expect(((await (await fetchAt(clock.now, "/api/websub?topic=x", { method: "DELETE", headers: AUTH })).json()) as { error: { field: string } }).error.field).toBe("callback");
    clock.now = DAY2_AT + 1_000;
    await hubUpkeep(deps, clock.now);
    expect(await posts(cb)).toEqual([]);
  });
});
