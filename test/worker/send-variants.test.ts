// One email a day, with only what you follow: a send renders once per variant present among
// its recipients, and every follower gets exactly one of them, through the real queue.
import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { renderCount } from "../../src/email/render-daily.ts";
import { runDailyJob } from "../../src/sending/daily-job.ts";
import { fetchAt } from "./app-at.ts";
import { addSubscribers, capturingQueue, clearLedger, consume, copies, drain, ledger, sendSubjects, testDeps, VARIANT_DAY, VARIANT_DAY_DUE, waitForStatus } from "./sending-helpers.ts";
import { allMail, type StoredMail } from "./subscription-helpers.ts";
import { startDailySend } from "../../src/sending/start-send.ts";

const auth = { Authorization: "Bearer test-author-token-0001", "Content-Type": "application/json" };
const KUBECON = "KubeCon 2015 — Day 2: Stateful apps, secrets and autoscaling";
const MEETUP = "Five lightning talks on small clusters";

beforeEach(clearLedger);

async function mailOf(addresses: readonly string[]): Promise<Map<string, StoredMail[]>> {
  const mail = await allMail();
  return new Map(addresses.map((a) => [a, mail.filter((m) => m.destination.to.includes(a))]));
}

const holds = (mail: StoredMail) => ({ kubecon: mail.body.text.includes(KUBECON), meetup: mail.body.text.includes(MEETUP) });

describe("a day with two events", () => {
  it("followers of A get only A, of B only B, of both and of everything one email with both; nobody twice under a double trigger", async () => {
    const domain = `${crypto.randomUUID().slice(0, 8)}.example`;
    const onlyKubecon = await addSubscribers(3, domain, "active", [["kubecon-2015"]]);
    const onlyMeetup = await addSubscribers(3, domain, "active", [["container-night-sf-2015"]]);
    const both = await addSubscribers(2, domain, "active", [["container-night-sf-2015", "kubecon-2015"]]);
    const everything = await addSubscribers(3, domain, "active", [null]);
    const series = await addSubscribers(2, domain, "active", [["series:kubecon"]]);
    // Follows an event with no post that day: no row, no mail.
    const neither = await addSubscribers(2, domain, "active", [["some-later-event"]]);

    const at = VARIANT_DAY_DUE + 5 * 60_000;
    const deps = testDeps(() => at);
    const [cronA, cronB, author] = await Promise.all([
      runDailyJob(deps, at),
      runDailyJob(deps, at),
      fetchAt(at, "/api/sends", { method: "POST", headers: auth, body: JSON.stringify({ date: VARIANT_DAY }) }),
    ]);
    const { results: sends } = await env.DB.prepare("SELECT id FROM sends WHERE date = ?1").bind(VARIANT_DAY).all<{ id: number }>();
    expect(sends).toHaveLength(1);
    const sendId = sends[0]!.id;
    const started = [...cronA, ...cronB].filter((o) => o.date === VARIANT_DAY && o.action === "started").length + (author.status === 202 ? 1 : 0);
    expect(started).toBe(1);
    expect(await waitForStatus(sendId, ["done"])).toBe("done");

    const view = (await (await fetchAt(at, `/api/sends/${sendId}`, { headers: auth })).json()) as { total: number; sent: number; events: string[]; variants: { events: string[]; subject: string; recipients: number }[] };
    expect(view).toMatchObject({ total: 13, sent: 13, events: ["container-night-sf-2015", "kubecon-2015"] });
    const byEvents = new Map(view.variants.map((v) => [v.events.join("+"), v]));
    expect([...byEvents.keys()].sort()).toEqual(["container-night-sf-2015", "container-night-sf-2015+kubecon-2015", "kubecon-2015"]);
    expect(byEvents.get("kubecon-2015")!.recipients).toBe(3 + 2); // A, and the series
    expect(byEvents.get("container-night-sf-2015")!.recipients).toBe(3);
    expect(byEvents.get("container-night-sf-2015+kubecon-2015")!.recipients).toBe(2 + 3);

    // The subject names the event when the mail holds one, the site when it holds several.
    expect(byEvents.get("kubecon-2015")!.subject).toBe(KUBECON);
    expect(byEvents.get("container-night-sf-2015")!.subject).toBe(`Container Night SF 2015 — Day 1: ${MEETUP}`);
    expect(byEvents.get("container-night-sf-2015+kubecon-2015")!.subject).toMatch(/^Herald Recaps, Tuesday, November 10, 2015: .* \(\+1 more\)$/);

    const everyone = [...onlyKubecon, ...onlyMeetup, ...both, ...everything, ...series, ...neither].map((p) => p.email);
    const mail = await mailOf(everyone);
    const one = (people: { email: string }[]) => people.map((p) => mail.get(p.email)!);
    for (const held of one([...onlyKubecon, ...series])) {
      expect(held).toHaveLength(1);
      expect(holds(held[0]!)).toEqual({ kubecon: true, meetup: false });
      expect(held[0]!.body.text).toContain("Stop KubeCon 2015 only:");
    }
    for (const held of one(onlyMeetup)) {
      expect(held).toHaveLength(1);
      expect(holds(held[0]!)).toEqual({ kubecon: false, meetup: true });
      expect(held[0]!.body.html).toContain("&amp;stop=container-night-sf-2015");
    }
    for (const held of one([...both, ...everything])) {
      expect(held).toHaveLength(1);
      expect(holds(held[0]!)).toEqual({ kubecon: true, meetup: true });
      expect(held[0]!.body.text).not.toContain("only:");
    }
    for (const held of one(neither)) expect(held).toEqual([]);
    // Every one of them can manage their subscription from the mail.
    for (const held of one([...onlyKubecon, ...onlyMeetup, ...both, ...everything])) expect(held[0]!.body.text).toMatch(/Manage your subscription: http:\/\/127\.0\.0\.1:8787\/preferences\?token=/);

    // The ledger: one row per follower, none for the others.
    const rows = await ledger(sendId);
    expect(rows.map((r) => r.email).sort()).toEqual(everyone.filter((e) => !neither.some((n) => n.email === e)).sort());
    expect([...(await copies(everyone, await sendSubjects(sendId))).values()].reduce((a, b) => a + b, 0)).toBe(13);
  });

  it("renders once per variant: the whole day's when the send is made, each other one when its first row is", async () => {
    await addSubscribers(9, undefined, "active", [["kubecon-2015"], ["container-night-sf-2015"], null]);
    const q = capturingQueue();
    const deps = testDeps(() => VARIANT_DAY_DUE + 60_000, { queue: q.queue });
    const before = renderCount.email;
    const { send } = await startDailySend(deps, VARIANT_DAY, "daily");
    expect(renderCount.email - before).toBe(1);
    await drain(q, deps);
    const variants = await env.DB.prepare("SELECT COUNT(*) AS n FROM send_variants WHERE send_id = ?1").bind(send.id).first<{ n: number }>();
    expect(variants!.n).toBe(3);
    expect(renderCount.email - before).toBe(3);
    expect((await ledger(send.id)).map((r) => r.status)).toEqual(Array(9).fill("sent"));
  });

  it("a choice changed after a row exists does not change that row; one changed before the row is made applies", async () => {
    const domain = `${crypto.randomUUID().slice(0, 8)}.example`;
    const early = await addSubscribers(1, domain, "active", [null]);
    const late = await addSubscribers(1, domain, "active", [null]);
    const q = capturingQueue();
    const at = VARIANT_DAY_DUE + 60_000;
    const deps = testDeps(() => at, { queue: q.queue });
    const { send } = await startDailySend(deps, VARIANT_DAY, "daily");
    // Before the rows exist: `late` now follows the meetup only, and gets that variant.
    await env.DB.prepare("UPDATE subscribers SET follows = '[\"container-night-sf-2015\"]' WHERE id = ?1").bind(late[0]!.id).run();
    await consume(q.take(), deps); // prepare: the rows exist from here
    // After: `early` changes too, but their row (the whole day) stays as it was.
    await env.DB.prepare("UPDATE subscribers SET follows = '[\"kubecon-2015\"]' WHERE id = ?1").bind(early[0]!.id).run();
    await drain(q, deps);
    const mail = await mailOf([early[0]!.email, late[0]!.email]);
    expect(mail.get(early[0]!.email)!.map(holds)).toEqual([{ kubecon: true, meetup: true }]);
    expect(mail.get(late[0]!.email)!.map(holds)).toEqual([{ kubecon: false, meetup: true }]);
  });

  it("overlapping preparation steps keep one of each variant and count each row once", async () => {
    await addSubscribers(7, undefined, "active", [["kubecon-2015"], ["container-night-sf-2015"], null]);
    const q = capturingQueue();
    const at = VARIANT_DAY_DUE + 60_000;
    const deps = testDeps(() => at, { queue: q.queue });
    const { send } = await startDailySend(deps, VARIANT_DAY, "daily");
    const prepare = q.take();
    const rendersBefore = renderCount.email;
    // The same prepare message delivered twice at once.
    await Promise.all([consume(prepare, deps), consume(prepare, deps)]);
    const { results } = await env.DB.prepare("SELECT variant, events, recipients FROM send_variants WHERE send_id = ?1 ORDER BY variant").bind(send.id).all<{ variant: number; events: string; recipients: number }>();
    expect(results.map((r) => [r.events, r.recipients]).sort()).toEqual([['["container-night-sf-2015","kubecon-2015"]', 2], ['["container-night-sf-2015"]', 2], ['["kubecon-2015"]', 3]]);
    // Two new variants; a racing step may render one a second time but only one is kept.
    expect(renderCount.email - rendersBefore).toBeGreaterThanOrEqual(2);
    const { results: rows } = await env.DB.prepare("SELECT variant, COUNT(*) AS n FROM deliveries WHERE send_id = ?1 GROUP BY variant ORDER BY variant").bind(send.id).all<{ variant: number; n: number }>();
    expect(rows.reduce((a, r) => a + r.n, 0)).toBe(7);
    for (const r of rows) expect(results.find((v) => v.variant === r.variant)!.recipients).toBe(r.n);
  });
});

describe("previews, test sends and dry runs of a variant", () => {
  it("?events= shows the variant a follower gets; unknown slugs are a 400 naming events; a day without them is a 404", async () => {
    const at = VARIANT_DAY_DUE + 60_000;
    const only = await fetchAt(at, `/api/preview/${VARIANT_DAY}?format=text&events=container-night-sf-2015`, { headers: auth });
    expect(only.status).toBe(200);
    const text = await only.text();
    expect(text).toContain(MEETUP);
    expect(text).not.toContain(KUBECON);
    const whole = await (await fetchAt(at, `/api/preview/${VARIANT_DAY}?format=text`, { headers: auth })).text();
    expect(whole).toContain(MEETUP);
    expect(whole).toContain(KUBECON);
    const series = await (await fetchAt(at, `/api/preview/${VARIANT_DAY}?format=text&events=series:kubecon`, { headers: auth })).text();
    expect(series).toContain(KUBECON);
    expect(series).not.toContain(MEETUP);

    const unknown = await fetchAt(at, `/api/preview/${VARIANT_DAY}?events=nope`, { headers: auth });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ error: { field: "events" } });
    const none = await fetchAt(Date.parse("2015-11-09T20:00:00-08:00"), `/api/preview/2015-11-09?events=container-night-sf-2015`, { headers: auth });
    expect(none.status).toBe(404);
    expect(await none.json()).toMatchObject({ error: { code: "no_posts", field: "events" } });
  });

  it("a test send of one variant mails that variant; events without to or dryRun is refused", async () => {
    const at = VARIANT_DAY_DUE + 60_000;
    const to = `variant-test-${crypto.randomUUID().slice(0, 6)}@example.com`;
    const res = await fetchAt(at, "/api/sends", { method: "POST", headers: auth, body: JSON.stringify({ date: VARIANT_DAY, to, events: ["kubecon-2015"] }) });
    expect(res.status).toBe(202);
    const { id, events } = (await res.json()) as { id: number; events: string[] };
    expect(events).toEqual(["kubecon-2015"]);
    expect(await waitForStatus(id, ["done"])).toBe("done");
    const held = (await mailOf([to])).get(to)!;
    expect(held.map(holds)).toEqual([{ kubecon: true, meetup: false }]);
    expect(held[0]!.subject).toBe(`[Test] ${KUBECON}`);

    const refused = await fetchAt(at, "/api/sends", { method: "POST", headers: auth, body: JSON.stringify({ date: VARIANT_DAY, events: ["kubecon-2015"] }) });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: { field: "events" } });
    const badType = await fetchAt(at, "/api/sends", { method: "POST", headers: auth, body: JSON.stringify({ date: VARIANT_DAY, to, events: [1] }) });
    expect(badType.status).toBe(400);
    expect(await badType.json()).toMatchObject({ error: { field: "events" } });
  });

  it("the dry run reports recipients per variant, with each variant's subject", async () => {
    await addSubscribers(5, undefined, "active", [["kubecon-2015"], ["container-night-sf-2015"], null, ["series:kubecon"], ["some-later-event"]]);
    const at = VARIANT_DAY_DUE + 60_000;
    const res = await fetchAt(at, "/api/sends", { method: "POST", headers: auth, body: JSON.stringify({ date: VARIANT_DAY, dryRun: true }) });
    const body = (await res.json()) as { recipients: number; variants: { events: string[]; subject: string; recipients: number }[] };
    expect(body.recipients).toBe(4);
    expect(body.variants).toEqual([
      { events: ["container-night-sf-2015", "kubecon-2015"], subject: expect.stringMatching(/^Herald Recaps, /), recipients: 1 },
      { events: ["kubecon-2015"], subject: KUBECON, recipients: 2 },
      { events: ["container-night-sf-2015"], subject: `Container Night SF 2015 — Day 1: ${MEETUP}`, recipients: 1 },
    ]);
    // Nothing was made.
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM sends").first<{ n: number }>()).toEqual({ n: 0 });
  });
});
