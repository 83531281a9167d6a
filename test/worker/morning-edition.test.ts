// The morning edition: each subscriber gets the day's email at their own hour, through the
// real consumer, limiter, D1 and SES endpoint. The clock is injected: the test plays the
// queue and the send's watch (what its Durable Object alarm runs) at chosen instants, so a
// day's worth of due times is checked without waiting for any of them. The real queue and
// the real alarm on the wall clock, across a kill of the Worker, are test/node/morning-alarm.test.ts.
import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { markBounced, markComplained } from "../../src/db/bounces.ts";
import { findSend } from "../../src/db/sends.ts";
import { controlSend } from "../../src/sending/control-send.ts";
import { applyChoiceToOpenRows } from "../../src/sending/open-rows.ts";
import { sendView } from "../../src/sending/send-view.ts";
import type { SendingDeps } from "../../src/sending/sending-deps.ts";
import { startDailySend } from "../../src/sending/start-send.ts";
import { freshWatch, type WatchState } from "../../src/sending/watch-decision.ts";
import { watchSend } from "../../src/sending/watch-send.ts";
import { signToken } from "../../src/tokens/signed-token.ts";
import { fetchAt, playingSendingDeps } from "./app-at.ts";
import { addSubscribers, clearLedger, config, copies, DAY1, DAY1_DUE, ledger, VARIANT_DAY } from "./sending-helpers.ts";
import { inbox } from "./subscription-helpers.ts";

beforeEach(clearLedger);

/** Day 1's send is made five minutes after its SEND_AT: 2015-11-09 19:05 in Los Angeles, 03:05 UTC on the 10th. */
const T0 = DAY1_DUE + 5 * 60_000;
const MINUTE = 60_000;

/** Everyone wants it at 07:00 local; each zone's first 07:00 after T0, worked out by hand. */
const SEVEN_AM: readonly { zone: string; due: string }[] = [
  { zone: "Europe/Berlin", due: "2015-11-10T06:00:00Z" }, // CET, +01:00: later that morning
  { zone: "America/Los_Angeles", due: "2015-11-10T15:00:00Z" }, // PST: the next morning, 12 h on
  { zone: "Australia/Sydney", due: "2015-11-10T20:00:00Z" }, // AEDT, +11:00: 07:00 on the 11th
  { zone: "Asia/Kathmandu", due: "2015-11-11T01:15:00Z" }, // +05:45: 07:00 on the 10th had passed at T0
  { zone: "Asia/Kolkata", due: "2015-11-11T01:30:00Z" }, // +05:30: likewise
];

async function setDelivery(id: number, delivery: string | null, zone: string | null): Promise<void> {
  await env.DB.prepare("UPDATE subscribers SET delivery = ?2, zone = ?3 WHERE id = ?1").bind(id, delivery, zone).run();
}

/** A subscriber in each zone wanting 07:00, and three who want it as soon as it is out. */
async function morningList() {
  const domain = `${crypto.randomUUID().slice(0, 8)}.example`;
  const zoned = await addSubscribers(SEVEN_AM.length, domain);
  for (const [i, p] of zoned.entries()) await setDelivery(p.id, "07:00", SEVEN_AM[i]!.zone);
  const asap = await addSubscribers(3, domain);
  // One chose a zone once, then went back to asap: the zone is kept, the time is not.
  await setDelivery(asap[0]!.id, null, "Asia/Tokyo");
  return { zoned: zoned.map((p, i) => ({ ...p, ...SEVEN_AM[i]!, dueMs: Date.parse(SEVEN_AM[i]!.due) })), asap };
}

/** Played deps on a clock the test moves; the watch is what the test runs, so nobody arms it. */
function clocked(clock: { now: number }): SendingDeps {
  return playingSendingDeps(env, config, () => clock.now, { watch: { arm: async () => undefined } });
}

/** One look of the watch at the clock's time, as its alarm would run it. */
async function look(deps: SendingDeps, sendId: number, state: { watch: WatchState }, now: number) {
  const result = await watchSend(deps, sendId, state.watch, now);
  state.watch = result.state;
  return result.next;
}

async function mailCount(addresses: string[], subject: string): Promise<number[]> {
  const held = await copies(addresses, subject);
  return addresses.map((a) => held.get(a)!);
}

describe("each recipient at their own hour", () => {
  it("Los Angeles, Berlin, Kolkata (+05:30), Kathmandu (+05:45) and Sydney get it at 07:00 local, once; the rest at once", async () => {
    const { zoned, asap } = await morningList();
    const clock = { now: T0 };
    const deps = clocked(clock);
    const { send } = await startDailySend(deps, DAY1, "daily");
    const subject = send.subject!;

    // Made and delivered at T0: the three asap ones have it, nobody else.
    expect(await mailCount(asap.map((p) => p.email), subject)).toEqual([1, 1, 1]);
    expect(await mailCount(zoned.map((p) => p.email), subject)).toEqual([0, 0, 0, 0, 0]);
    const dueTimes = zoned.map((p) => p.dueMs).sort((a, b) => a - b);
    const rows = await env.DB.prepare("SELECT subscriber_id, due_at FROM deliveries WHERE send_id = ?1").bind(send.id).all<{ subscriber_id: number; due_at: number | null }>();
    const dueOf = new Map(rows.results.map((r) => [r.subscriber_id, r.due_at]));
    for (const p of zoned) expect(new Date(dueOf.get(p.id)!).toISOString(), p.zone).toBe(new Date(p.dueMs).toISOString());
    for (const p of asap) expect(dueOf.get(p.id)).toBeNull();

    const view = await sendView(env.DB, (await findSend(env.DB, send.id))!, T0);
    expect(view).toMatchObject({ status: "sending", sent: 3, scheduled: 5, pending: 0, nextDueAt: new Date(dueTimes[0]!).toISOString(), lastDueAt: new Date(dueTimes.at(-1)!).toISOString() });

    // The watch's first look, after the asap rows went, sleeps until the first due time; nothing there is stalled.
    const state = { watch: freshWatch(T0) };
    let next = await look(deps, send.id, state, T0 + MINUTE);
    expect(next).toBe(dueTimes[0]);
    expect((await findSend(env.DB, send.id))!.stalledSince).toBeNull();

    for (const [i, p] of [...zoned].sort((a, b) => a.dueMs - b.dueMs).entries()) {
      // A minute before their time nothing reaches them; at it, the watch puts their row on the queue.
      await look(deps, send.id, state, p.dueMs - MINUTE);
      expect(await mailCount([p.email], subject), `${p.zone} a minute early`).toEqual([0]);
      clock.now = p.dueMs;
      next = await look(deps, send.id, state, p.dueMs);
      expect(await mailCount([p.email], subject), `${p.zone} at 07:00`).toEqual([1]);
      const [row] = (await ledger(send.id)).filter((r) => r.subscriber_id === p.id);
      expect(row!.status).toBe("sent");
      // The watch looks again soon (rows were open), then sleeps until the next due time, or stops.
      clock.now = p.dueMs + MINUTE;
      next = await look(deps, send.id, state, p.dueMs + MINUTE);
      next = await look(deps, send.id, state, p.dueMs + 2 * MINUTE);
      expect(next).toBe(dueTimes[i + 1] ?? null);
    }
    expect((await findSend(env.DB, send.id))!.status).toBe("done");
    expect(await mailCount([...zoned, ...asap].map((p) => p.email), subject)).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
  });

  it("an unsubscribe between the send and the due time skips the row, at once", async () => {
    const { zoned } = await morningList();
    const clock = { now: T0 };
    const deps = clocked(clock);
    const { send } = await startDailySend(deps, DAY1, "daily");
    const berlin = zoned.find((p) => p.zone === "Europe/Berlin")!;
    const token = signToken(config.signingKeys, { purpose: "unsubscribe", subject: String(berlin.id) });
    const left = await fetchAt(T0 + 60 * MINUTE, `/unsubscribe?token=${encodeURIComponent(token)}`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "List-Unsubscribe=One-Click" });
    expect(left.status).toBe(200);
    // Skipped at once, not counted as waiting until its time.
    expect((await ledger(send.id)).find((r) => r.subscriber_id === berlin.id)).toMatchObject({ status: "skipped", error: "not an active subscriber at send time" });
    expect(await sendView(env.DB, (await findSend(env.DB, send.id))!, T0 + 60 * MINUTE)).toMatchObject({ scheduled: 4, skipped: 1, nextDueAt: new Date(zoned.find((p) => p.zone === "America/Los_Angeles")!.dueMs).toISOString() });

    clock.now = berlin.dueMs;
    await look(deps, send.id, { watch: freshWatch(T0) }, berlin.dueMs);
    expect(await mailCount([berlin.email], send.subject!)).toEqual([0]);
    const [row] = (await ledger(send.id)).filter((r) => r.subscriber_id === berlin.id);
    expect(row).toMatchObject({ status: "skipped", error: "not an active subscriber at send time" });
  });

  it("a bounce or a complaint before the due time skips the row at once", async () => {
    const { zoned } = await morningList();
    const clock = { now: T0 };
    const deps = clocked(clock);
    const { send } = await startDailySend(deps, DAY1, "daily");
    const [bounced, complained] = zoned;
    await markBounced(env.DB, bounced!.id, T0 + MINUTE, []);
    await markComplained(env.DB, complained!.id, T0 + MINUTE);
    const rows = await ledger(send.id);
    for (const p of [bounced!, complained!]) expect(rows.find((r) => r.subscriber_id === p.id)).toMatchObject({ status: "skipped" });
    expect((await sendView(env.DB, (await findSend(env.DB, send.id))!, T0 + MINUTE)).scheduled).toBe(3);
  });

  it("a pause over a due time holds the row; the resume sends it once", async () => {
    const { zoned } = await morningList();
    const clock = { now: T0 };
    const deps = clocked(clock);
    const { send } = await startDailySend(deps, DAY1, "daily");
    const berlin = zoned.find((p) => p.zone === "Europe/Berlin")!;
    clock.now = berlin.dueMs - 30 * MINUTE;
    await controlSend(deps, send.id, "pause");

    // Its time comes and goes while paused: the watch stops, nothing is sent.
    clock.now = berlin.dueMs + 10 * MINUTE;
    expect(await look(deps, send.id, { watch: freshWatch(T0) }, clock.now)).toBeNull();
    expect(await mailCount([berlin.email], send.subject!)).toEqual([0]);
    expect(await sendView(env.DB, (await findSend(env.DB, send.id))!, clock.now)).toMatchObject({ status: "paused", pending: 1, scheduled: 4 });

    // The resume puts the rows that are due on the queue, and only those.
    clock.now = berlin.dueMs + 40 * MINUTE;
    await controlSend(deps, send.id, "resume");
    expect(await mailCount(zoned.map((p) => p.email), send.subject!)).toEqual(zoned.map((p) => (p === berlin ? 1 : 0)));
    // A second resume's requeue, and the watch, send it no second time.
    await look(deps, send.id, { watch: freshWatch(clock.now) }, clock.now);
    expect(await mailCount([berlin.email], send.subject!)).toEqual([1]);
    expect(await sendView(env.DB, (await findSend(env.DB, send.id))!, clock.now)).toMatchObject({ status: "sending", sent: 3 + 1, scheduled: 4 });
  });

  it("a cancel skips the rows still waiting, and the send is final at once", async () => {
    const { zoned } = await morningList();
    const clock = { now: T0 };
    const deps = clocked(clock);
    const { send } = await startDailySend(deps, DAY1, "daily");
    clock.now = T0 + 60 * MINUTE;
    await controlSend(deps, send.id, "cancel");
    const after = (await ledger(send.id)).filter((r) => zoned.some((p) => p.id === r.subscriber_id));
    expect(after.map((r) => r.status)).toEqual(zoned.map(() => "skipped"));
    clock.now = Date.parse(SEVEN_AM.at(-1)!.due) + MINUTE;
    await look(deps, send.id, { watch: freshWatch(T0) }, clock.now);
    expect(await mailCount(zoned.map((p) => p.email), send.subject!)).toEqual([0, 0, 0, 0, 0]);
  });
});

describe("a change of choice before the row is due", () => {
  const KUBECON = "KubeCon 2015 — Day 2: Stateful apps, secrets and autoscaling";
  const MEETUP = "Five lightning talks on small clusters";
  const VARIANT_T0 = Date.parse("2015-11-10T19:05:00-08:00");

  it("applies to the row not yet taken: another variant, another time, or no row at all", async () => {
    const domain = `${crypto.randomUUID().slice(0, 8)}.example`;
    const [switcher, leaver, hurried] = await addSubscribers(3, domain, "active", [["kubecon-2015"]]);
    for (const p of [switcher!, leaver!, hurried!]) await setDelivery(p.id, "07:00", "Europe/Berlin");
    const clock = { now: VARIANT_T0 };
    const armed: { sendId: number; delayMs: number | undefined }[] = [];
    const deps = playingSendingDeps(env, config, () => clock.now, { watch: { arm: async (sendId, delayMs) => void armed.push({ sendId, delayMs }) } });
    const { send } = await startDailySend(deps, VARIANT_DAY, "daily");
    const berlinDue = Date.parse("2015-11-11T06:00:00Z");
    const variantOf = async (id: number) => (await env.DB.prepare("SELECT d.variant, d.due_at, d.status, v.events FROM deliveries d JOIN send_variants v ON v.send_id = d.send_id AND v.variant = d.variant WHERE d.send_id = ?1 AND d.subscriber_id = ?2").bind(send.id, id).first<{ variant: number; due_at: number; status: string; events: string }>())!;
    const recipients = async () => new Map((await env.DB.prepare("SELECT events, recipients FROM send_variants WHERE send_id = ?1").bind(send.id).all<{ events: string; recipients: number }>()).results.map((r) => [r.events, r.recipients]));
    expect((await variantOf(switcher!.id)).events).toBe('["kubecon-2015"]');
    expect((await recipients()).get('["kubecon-2015"]')).toBe(3);

    // An hour later: one switches to the meetup, one to an event with nothing that day, one to asap.
    clock.now = VARIANT_T0 + 60 * MINUTE;
    await env.DB.prepare("UPDATE subscribers SET follows = ?2 WHERE id = ?1").bind(switcher!.id, '["container-night-sf-2015"]').run();
    await env.DB.prepare("UPDATE subscribers SET follows = ?2 WHERE id = ?1").bind(leaver!.id, '["some-later-event"]').run();
    await setDelivery(hurried!.id, null, "Europe/Berlin");
    for (const p of [switcher!, leaver!, hurried!]) await applyChoiceToOpenRows(deps, p.id);

    expect(await variantOf(switcher!.id)).toMatchObject({ events: '["container-night-sf-2015"]', due_at: berlinDue, status: "pending" });
    expect((await ledger(send.id)).find((r) => r.subscriber_id === leaver!.id)).toMatchObject({ status: "skipped", error: "stopped following the day's events before it went out" });
    // Asap now: due at once, and the watch is woken for it.
    expect(await variantOf(hurried!.id)).toMatchObject({ due_at: clock.now, status: "pending" });
    expect(armed).toContainEqual({ sendId: send.id, delayMs: 0 });
    // The counts follow the switch; a skipped row stays counted where it was made, like any skipped row.
    expect(await recipients()).toEqual(new Map([['["kubecon-2015"]', 2], ['["container-night-sf-2015"]', 1]]));

    await look(deps, send.id, { watch: freshWatch(clock.now) }, clock.now);
    const hurriedMail = await inbox(hurried!.email);
    expect(hurriedMail).toHaveLength(1);
    expect(await inbox(switcher!.email)).toHaveLength(0);
    clock.now = berlinDue;
    await look(deps, send.id, { watch: freshWatch(clock.now) }, clock.now);
    const [mail, ...more] = await inbox(switcher!.email);
    expect(more).toHaveLength(0);
    expect(mail!.body.text).toContain(MEETUP);
    expect(mail!.body.text).not.toContain(KUBECON);
    expect(await inbox(leaver!.email)).toHaveLength(0);
    expect((await findSend(env.DB, send.id))!.status).toBe("done");
  });

  it("a change of time moves the due time, counted from the send's creation; one already passed is due now", async () => {
    const [reader] = await addSubscribers(1);
    await setDelivery(reader!.id, "07:00", "Europe/Berlin");
    const clock = { now: T0 };
    const deps = clocked(clock);
    const { send } = await startDailySend(deps, DAY1, "daily");
    const dueOf = async () => (await env.DB.prepare("SELECT due_at FROM deliveries WHERE send_id = ?1").bind(send.id).first<{ due_at: number }>())!.due_at;
    expect(await dueOf()).toBe(Date.parse("2015-11-10T06:00:00Z"));
    // 21:00 in Berlin: after the send was made (04:05 there), so that evening.
    clock.now = T0 + 30 * MINUTE;
    await setDelivery(reader!.id, "21:00", "Europe/Berlin");
    await applyChoiceToOpenRows(deps, reader!.id);
    expect(await dueOf()).toBe(Date.parse("2015-11-10T20:00:00Z"));
    // 04:30 in Berlin came after the send was made and has passed now (05:35 there): due now.
    clock.now = T0 + 90 * MINUTE;
    await setDelivery(reader!.id, "04:30", "Europe/Berlin");
    await applyChoiceToOpenRows(deps, reader!.id);
    expect(await dueOf()).toBe(clock.now);
  });
});

describe("the dry run", () => {
  it("says how many recipients are due at once and in each hour after, counting only those the send would reach", async () => {
    await morningList();
    // Follows an event with no post that day: no row, so not in the plan either.
    const [elsewhere] = await addSubscribers(1, undefined, "active", [["some-later-event"]]);
    await setDelivery(elsewhere!.id, "07:00", "Europe/Berlin");
    const res = await fetchAt(T0, "/api/sends", { method: "POST", headers: { Authorization: "Bearer test-author-token-0001", "Content-Type": "application/json" }, body: JSON.stringify({ date: DAY1, dryRun: true }) });
    const plan = ((await res.json()) as { recipients: number; due: { atOnce: number; hours: { from: string; to: string; count: number }[] } });
    expect(plan.recipients).toBe(8);
    expect(plan.due.atOnce).toBe(3);
    // Hour i is (T0 + i h, T0 + i+1 h]: 06:00Z is in hour 2 (after 05:05Z), 15:00Z in hour 11, 20:00Z in 16, 01:15Z and 01:30Z on the 11th in 22.
    const counted = plan.due.hours.flatMap((h, i) => (h.count > 0 ? [[i, h.count]] : []));
    expect(counted).toEqual([[2, 1], [11, 1], [16, 1], [22, 2]]);
    expect(plan.due.hours[0]!.from).toBe(new Date(T0).toISOString());
    expect(plan.due.hours[22]!.to).toBe(new Date(T0 + 23 * 3_600_000).toISOString());
  });
});

describe("across a clock change", () => {
  it.each([
    // 02:30 does not exist in Berlin on 2026-03-29 (02:00 CET → 03:00 CEST): it is moved on by the gap, to 03:30 CEST.
    ["a time the spring-forward skips", "2026-03-28T18:00:00Z", "Europe/Berlin", "02:30", "2026-03-29T01:30:00Z"],
    // 01:30 happens twice in Los Angeles on 2026-11-01 (02:00 PDT → 01:00 PST): the first, in PDT.
    ["a time the fall-back repeats", "2026-11-01T03:00:00Z", "America/Los_Angeles", "01:30", "2026-11-01T08:30:00Z"],
    // Made between the two 01:30s: the second one, in PST, is still ahead and is the one.
    ["made between the repeated times", "2026-11-01T08:45:00Z", "America/Los_Angeles", "01:30", "2026-11-01T09:30:00Z"],
    // Lord Howe goes back half an hour (02:00 +11:00 → 01:30 +10:30) on 2026-04-05.
    ["a half-hour fall-back", "2026-04-04T12:00:00Z", "Australia/Lord_Howe", "01:45", "2026-04-04T14:45:00Z"],
  ])("%s: made at %s, %s %s is due at %s, and it goes then, once", async (_name, made, zone, hhmm, due) => {
    const [reader] = await addSubscribers(1);
    await setDelivery(reader!.id, hhmm, zone);
    const clock = { now: Date.parse(made) };
    const deps = clocked(clock);
    // An author's send of Day 1 made at that moment (the cron's lateness rule does not apply to it).
    const { send } = await startDailySend(deps, DAY1, "manual");
    const [row] = (await env.DB.prepare("SELECT due_at FROM deliveries WHERE send_id = ?1").bind(send.id).all<{ due_at: number }>()).results;
    expect(new Date(row!.due_at).toISOString()).toBe(new Date(due).toISOString());
    await look(deps, send.id, { watch: freshWatch(clock.now) }, Date.parse(due) - 1);
    expect(await mailCount([reader!.email], send.subject!)).toEqual([0]);
    clock.now = Date.parse(due);
    await look(deps, send.id, { watch: freshWatch(clock.now) }, clock.now);
    await look(deps, send.id, { watch: freshWatch(clock.now) }, clock.now + MINUTE);
    expect(await mailCount([reader!.email], send.subject!)).toEqual([1]);
  });
});

describe("D+1 never before D", () => {
  it("a late day's send and the next one due at the same instant go out in order", async () => {
    // Day 1's send is made four hours late, at 23:05 in Los Angeles (12:50 in Kathmandu on the
    // 10th); Day 2's on time at 19:05 on the 10th (08:50 in Kathmandu on the 11th). Someone in
    // Kathmandu wanting 09:00 is due both at 09:00 on the 11th, 03:15 UTC.
    const [reader] = await addSubscribers(1);
    await setDelivery(reader!.id, "09:00", "Asia/Kathmandu");
    const due = Date.parse("2015-11-11T03:15:00Z");
    const clock = { now: DAY1_DUE + 4 * 60 * MINUTE + 5 * MINUTE };
    const deps = clocked(clock);
    const day1 = (await startDailySend(deps, DAY1, "manual")).send;
    clock.now = Date.parse("2015-11-10T19:05:00-08:00");
    const day2 = (await startDailySend(deps, VARIANT_DAY, "daily")).send;
    const dues = await env.DB.prepare("SELECT send_id, due_at FROM deliveries WHERE subscriber_id = ?1 ORDER BY send_id").bind(reader!.id).all<{ send_id: number; due_at: number }>();
    expect(dues.results.map((r) => r.due_at)).toEqual([due, due]);

    // Day 2's watch happens to wake first: its row is put on the queue, and not taken.
    clock.now = due;
    await look(deps, day2.id, { watch: freshWatch(due) }, due);
    expect(await mailCount([reader!.email], day2.subject!)).toEqual([0]);
    expect((await ledger(day2.id))[0]!.status).toBe("pending");
    // Day 1's goes; then Day 2's row is taken on its next try.
    await look(deps, day1.id, { watch: freshWatch(due) }, due);
    expect(await mailCount([reader!.email], day1.subject!)).toEqual([1]);
    clock.now = due + MINUTE;
    await deps.queue.sendBatch([{ body: { type: "requeue", sendId: day2.id, afterId: 0, staleBefore: clock.now + 1 } }]);
    expect(await mailCount([reader!.email], day2.subject!)).toEqual([1]);
  });
});
