// The per-send watch: a Durable Object alarm that picks up a send whose work a crash lost,
// and the circuit breaker that makes a send wait for SES and resumes it when a probe gets
// an answer. The mechanism is checked with an injected clock (the alarm is set; when the
// watch runs, the rows move), never by waiting a wall-clock minute.
import { env, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { listAlerts } from "../../src/db/alerts.ts";
import { findSend } from "../../src/db/sends.ts";
import { sesMailer, type Mailer, type SendOutcome } from "../../src/mail/ses-mailer.ts";
import { sendView } from "../../src/sending/send-view.ts";
import type { SendingDeps, SendMessage } from "../../src/sending/sending-deps.ts";
import { SesHealth } from "../../src/sending/ses-health.ts";
import { startDailySend } from "../../src/sending/start-send.ts";
import { CIRCUIT_FAILURES, probeDelayMs, STALL_ALERT_MS, STALL_MS, WATCH_MS } from "../../src/sending/tuning.ts";
import { decideWatch, freshWatch, type WatchState } from "../../src/sending/watch-decision.ts";
import { watchSend } from "../../src/sending/watch-send.ts";
import { playingSendingDeps } from "./app-at.ts";
import { addSubscribers, clearLedger, config, copies, DAY1, DAY1_DUE, ledger, waitForStatus } from "./sending-helpers.ts";
import { SEND_CONDITION_MS } from "../support/send-timeouts.ts";

beforeEach(clearLedger);

const T0 = DAY1_DUE + 60_000;
const sending = { status: "sending" as const, hold: null, prepared: true, prepareCursor: 9, stalledSince: null };

describe("what the watch decides", () => {
  const seen = (over: Partial<WatchState>): WatchState => ({ ...freshWatch(T0), lastOpen: 5, lastCursor: 9, ...over });
  it.each<[string, Parameters<typeof decideWatch>[0], number, WatchState, number, string]>([
    ["a finished send", { ...sending, status: "done" }, 0, seen({}), T0, "stop"],
    ["an author's pause", { ...sending, status: "paused" }, 5, seen({}), T0, "stop"],
    ["rows moved since the last look", sending, 4, seen({}), T0 + WATCH_MS, "look"],
    ["still, but not for long", sending, 5, seen({}), T0 + STALL_MS - 1, "look"],
    ["still for STALL_MS", sending, 5, seen({}), T0 + STALL_MS, "requeue"],
    ["the preparation stopped", { ...sending, prepared: false }, 0, seen({ lastOpen: 0 }), T0 + STALL_MS, "requeue"],
    ["nothing open", sending, 0, seen({ lastOpen: 0 }), T0 + 1, "finish"],
    ["waiting for SES, first look", { ...sending, status: "paused", hold: "ses" }, 5, seen({}), T0, "probe"],
    ["waiting for SES, before the next probe", { ...sending, status: "paused", hold: "ses" }, 5, seen({ probeAt: T0 + 10 }), T0, "look"],
  ])("%s → %s", (_name, send, open, state, now, kind) => {
    expect(decideWatch(send, open, state, now).action.kind).toBe(kind);
  });

  it("rows waiting for their recipients' time: the watch sleeps until the first is due, and never calls them stalled", () => {
    const hour = T0 + 3_600_000;
    // Only waiting rows left, whether or not anything moved since the last look.
    expect(decideWatch(sending, 0, seen({}), T0, 0, hour).action).toEqual({ kind: "look", next: hour, moved: true });
    expect(decideWatch(sending, 0, seen({ lastOpen: 0, movedAt: T0 - 10 * STALL_MS }), T0, 0, hour).action).toEqual({ kind: "look", next: hour, moved: false });
    // Rows open too: the usual look, but never later than the due time.
    expect(decideWatch(sending, 4, seen({}), T0, 0, T0 + 5_000).action).toEqual({ kind: "look", next: T0 + 5_000, moved: true });
    expect(decideWatch(sending, 4, seen({}), T0, 0, hour).action).toEqual({ kind: "look", next: T0 + WATCH_MS, moved: true });
    // Still preparing: the preparation is watched as before.
    expect(decideWatch({ ...sending, prepared: false }, 0, seen({ lastOpen: 0 }), T0 + STALL_MS, 0, hour).action.kind).toBe("requeue");
  });

  it("rows the look itself turned unknown are not the send moving", () => {
    // 5 open at the last look; this look expired one lease, so 4 are open: still.
    expect(decideWatch(sending, 4, seen({}), T0 + STALL_MS, 1).action.kind).toBe("requeue");
    expect(decideWatch(sending, 4, seen({}), T0 + STALL_MS, 0).action.kind).toBe("look");
  });

  it("alerts once a stall has lasted STALL_ALERT_MS", () => {
    const { action } = decideWatch({ ...sending, stalledSince: T0 }, 5, seen({ movedAt: T0 + STALL_ALERT_MS - STALL_MS }), T0 + STALL_ALERT_MS);
    expect(action).toEqual({ kind: "requeue", next: T0 + STALL_ALERT_MS + WATCH_MS, stalledSince: T0, alert: true });
  });
});

/** Day 1's send with its queue messages lost, as a killed `wrangler dev` loses them; `held` keeps what the test does not run. */
async function sendWithLostMessages(clock: { now: number }, count: number, overrides: Partial<SendingDeps> = {}) {
  const people = await addSubscribers(count);
  const lost: { body: SendMessage; delaySeconds?: number }[] = [];
  const armed: number[] = [];
  const held: { body: SendMessage; delaySeconds?: number }[] = [];
  const deps = playingSendingDeps(env, config, () => clock.now, { held, ...overrides, watch: { arm: async (id) => void armed.push(id) } });
  let dropping = true;
  const playing = deps.queue;
  deps.queue = { sendBatch: async (m) => (dropping ? void lost.push(...m) : playing.sendBatch(m)) };
  const { send } = await startDailySend(deps, DAY1, "daily");
  // The prepare step runs; the deliver messages it makes are lost.
  await playing.sendBatch(lost.splice(0).filter((m) => m.body.type === "prepare"));
  lost.splice(0);
  dropping = false;
  return { people, send, deps, armed, held };
}

describe("a send whose queue messages were lost", () => {
  it("is armed when it starts, shown stalled once its rows stop moving for STALL_MS, put back on the queue, and finished", async () => {
    const clock = { now: T0 };
    const { people, send, deps, armed, held } = await sendWithLostMessages(clock, 6);
    expect(armed).toEqual([send.id]);
    expect((await ledger(send.id)).map((r) => r.status)).toEqual(people.map(() => "pending"));

    let state = freshWatch(T0);
    ({ state } = await watchSend(deps, send.id, state, clock.now)); // the first look: it has moved (from nothing)
    clock.now += WATCH_MS;
    const still = await watchSend(deps, send.id, state, clock.now);
    expect(still.next).toBe(clock.now + WATCH_MS);
    expect((await ledger(send.id)).map((r) => r.status)).toEqual(people.map(() => "pending"));

    clock.now += WATCH_MS; // STALL_MS after the last movement
    const picked = await watchSend(deps, send.id, still.state, clock.now);
    // The playing queue ran the requeue at once (and any retry a late call asked for): everyone has the mail.
    await playRetries(deps, held, send.id);
    expect((await ledger(send.id)).map((r) => r.status)).toEqual(people.map(() => "sent"));
    expect([...(await copies(people.map((p) => p.email), send.subject!)).values()]).toEqual(people.map(() => 1));

    clock.now += WATCH_MS;
    const last = await watchSend(deps, send.id, picked.state, clock.now);
    expect(last.next).toBeNull();
    const done = (await findSend(env.DB, send.id))!;
    expect(done.status).toBe("done");
    expect(done.stalledSince).toBeNull();
  });

  it("the API shows the send as stalled while its rows do not move", async () => {
    const clock = { now: T0 };
    const { send, deps } = await sendWithLostMessages(clock, 3);
    let state = freshWatch(T0);
    ({ state } = await watchSend(deps, send.id, state, clock.now));
    // The requeue itself is lost too (the queue is still down): the send stays stalled.
    deps.queue = { sendBatch: async () => undefined };
    clock.now += STALL_MS;
    await watchSend(deps, send.id, state, clock.now);
    const view = await sendView(env.DB, (await findSend(env.DB, send.id))!, clock.now);
    expect(view).toMatchObject({ status: "stalled", pending: 3, stalledSince: new Date(T0).toISOString() });
  });
});

describe("a cancelled send", () => {
  it("is watched until the call a dead consumer left in flight is settled", async () => {
    const clock = { now: T0 };
    const { send, deps } = await sendWithLostMessages(clock, 3);
    // A consumer marked a row in flight, then died; then an author cancelled.
    await env.DB.prepare("UPDATE deliveries SET status = 'sending', claim_token = 'dead', lease_until = ?2 WHERE id = (SELECT MIN(id) FROM deliveries WHERE send_id = ?1)").bind(send.id, clock.now + 30_000).run();
    const { controlSend } = await import("../../src/sending/control-send.ts");
    await controlSend(deps, send.id, "cancel");
    const first = await watchSend(deps, send.id, freshWatch(clock.now), clock.now);
    expect(first.next).not.toBeNull(); // still in flight, under its lease
    clock.now += 31_000;
    const last = await watchSend(deps, send.id, first.state, clock.now);
    expect(last.next).toBeNull();
    expect((await ledger(send.id)).map((r) => r.status)).toEqual(["unknown", "skipped", "skipped"]);
  });
});

describe("the watch's Durable Object", () => {
  it("a send started through the API arms its alarm, and the alarm picks up rows whose messages were lost", async () => {
    const people = await addSubscribers(5);
    const stub = (id: number) => env.SEND_WATCH.get(env.SEND_WATCH.idFromName(String(id)));
    const res = await (await import("cloudflare:test")).SELF.fetch("http://127.0.0.1:8787/api/sends", {
      method: "POST",
      headers: { Authorization: "Bearer test-author-token-0001", "Content-Type": "application/json" },
      body: JSON.stringify({ date: DAY1 }),
    });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: number };
    const alarm = await runInDurableObject(stub(id), (_o, state) => state.storage.getAlarm());
    expect(alarm).not.toBeNull();
    await waitForStatus(id, ["done"]);

    // A second send whose rows exist but that no message carries (lost in a crash): rows back
    // to pending, the watch told it saw them still STALL_MS ago. Firing the alarm moves them.
    const again = await env.DB.prepare("INSERT INTO sends (kind, date, status, subject, snapshot, prepared, prepare_cursor, total, created_at, updated_at, started_at) SELECT 'test', date, 'sending', subject, snapshot, 1, prepare_cursor, total, ?2, ?2, ?2 FROM sends WHERE id = ?1 RETURNING id").bind(id, Date.now()).first<{ id: number }>();
    await env.DB.prepare("INSERT INTO deliveries (send_id, subscriber_id, email, status, updated_at) SELECT ?1, subscriber_id, email, 'pending', 0 FROM deliveries WHERE send_id = ?2").bind(again!.id, id).run();
    await stub(again!.id).arm(again!.id, 60_000);
    await runInDurableObject(stub(again!.id), async (_o, state) => {
      const stored = (await state.storage.get<WatchState>("state"))!;
      await state.storage.put("state", { ...stored, lastOpen: 5, lastCursor: (await findSend(env.DB, again!.id))!.prepareCursor, movedAt: Date.now() - STALL_MS - 1 });
    });
    expect(await runDurableObjectAlarm(stub(again!.id))).toBe(true);
    await waitForStatus(again!.id, ["done"], SEND_CONDITION_MS);
    expect((await ledger(again!.id)).map((r) => r.status)).toEqual(people.map(() => "sent"));
  });
});

/**
 * The queue delivering a send's retries after their backoff, while it is still sending. A
 * loaded machine can make a call late (it is not made, and its row comes back once more), so
 * the rounds are bounded generously rather than counted to the call.
 */
async function playRetries(deps: SendingDeps, held: { body: SendMessage; delaySeconds?: number }[], sendId: number): Promise<void> {
  for (let round = 0; round < 100 && held.length > 0 && (await findSend(env.DB, sendId))!.status === "sending"; round++) {
    await deps.queue.sendBatch(held.splice(0).map((m) => ({ body: m.body })));
  }
}

describe("when SES does not answer", () => {
  const refused: SendOutcome = { ok: false, kind: "unsent", code: "ConnectionRefused", message: "the connection to SES was refused (injected)" };

  it(`${CIRCUIT_FAILURES} calls in a row without an answer make the send wait for SES; a probe that gets an answer resumes it, and everyone gets one copy`, async () => {
    const clock = { now: T0 };
    const real = sesMailer(config.ses);
    const down = { on: true, calls: 0 };
    const mailer: Mailer = { send: async (m) => (down.calls++, down.on ? refused : real.send(m)) };
    const held: { body: SendMessage; delaySeconds?: number }[] = [];
    // At 20/s a window holds one call: each run makes one call, backs off, and comes back.
    const deps = playingSendingDeps(env, { ...config, maxSendRate: 20 }, () => clock.now, { held, mailer, sesHealth: new SesHealth(), watch: { arm: async () => undefined } });
    const people = await addSubscribers(20);
    const { send } = await startDailySend(deps, DAY1, "daily");
    await playRetries(deps, held, send.id);

    const waiting = await sendView(env.DB, (await findSend(env.DB, send.id))!, clock.now);
    expect(waiting.status).toBe("waiting");
    expect(waiting.reason).toContain("waiting for SES");
    // The breaker stops the damage at the first few calls; none of them is counted sent or unknown.
    expect(down.calls).toBeLessThanOrEqual(CIRCUIT_FAILURES + 2);
    expect(waiting).toMatchObject({ sent: 0, unknown: 0, pending: 20 });
    expect((await listAlerts(env.DB, Number.MAX_SAFE_INTEGER, 10)).filter((a) => a.sendId === send.id).map((a) => a.cause)).toEqual(["waiting:ses"]);

    // The watch probes: SES still down, so the next probe waits longer.
    let state = freshWatch(clock.now);
    const first = await watchSend(deps, send.id, state, clock.now);
    expect(first.next).toBe(clock.now + probeDelayMs(1));
    expect((await findSend(env.DB, send.id))!.hold).toBe("ses");
    state = first.state;

    // SES is back: the next probe gets an answer, and the send goes on by itself.
    down.on = false;
    clock.now = first.next!;
    await watchSend(deps, send.id, state, clock.now);
    await playRetries(deps, held, send.id);
    const done = (await findSend(env.DB, send.id))!;
    expect(done.status).toBe("done");
    expect([...(await copies(people.map((p) => p.email), send.subject!)).values()]).toEqual(people.map(() => 1));
    const causes = (await listAlerts(env.DB, Number.MAX_SAFE_INTEGER, 10)).filter((a) => a.sendId === send.id).map((a) => a.cause);
    expect(causes).toEqual(expect.arrayContaining(["waiting:ses", "resumed:ses"]));
    // The alert that it waited could not go while SES was down; it goes when SES answers again.
    const alerts = (await listAlerts(env.DB, Number.MAX_SAFE_INTEGER, 10)).filter((a) => a.sendId === send.id);
    expect(alerts.map((a) => [a.cause, a.state])).toEqual(expect.arrayContaining([["waiting:ses", "sent"], ["resumed:ses", "sent"]]));
  });

  it("a probe whose row makes no call (its subscriber left) proves nothing: the next row is tried", async () => {
    const clock = { now: T0 };
    const real = sesMailer(config.ses);
    const down = { on: true };
    const held: { body: SendMessage; delaySeconds?: number }[] = [];
    const deps = playingSendingDeps(env, { ...config, maxSendRate: 20 }, () => clock.now, {
      held, mailer: { send: async (m) => (down.on ? refused : real.send(m)) }, sesHealth: new SesHealth(), watch: { arm: async () => undefined },
    });
    const people = await addSubscribers(6);
    const { send } = await startDailySend(deps, DAY1, "daily");
    await playRetries(deps, held, send.id);
    expect((await findSend(env.DB, send.id))!.hold).toBe("ses");
    // The lowest pending row's subscriber unsubscribes: the probe claims it, skips it, tries the next.
    await env.DB.prepare("UPDATE subscribers SET status = 'unsubscribed' WHERE id = ?1").bind(people[0]!.id).run();
    const still = await watchSend(deps, send.id, freshWatch(clock.now), clock.now);
    expect((await findSend(env.DB, send.id))!.hold).toBe("ses"); // SES is still down: the wait goes on
    expect(still.next).toBe(clock.now + probeDelayMs(1));
  });

  it("an author may pause a send that waits for SES; then it is theirs to resume", async () => {
    const clock = { now: T0 };
    const held: { body: SendMessage; delaySeconds?: number }[] = [];
    const deps = playingSendingDeps(env, config, () => clock.now, { held, mailer: { send: async () => refused }, sesHealth: new SesHealth(), watch: { arm: async () => undefined } });
    await addSubscribers(6);
    const { send } = await startDailySend(deps, DAY1, "daily");
    await playRetries(deps, held, send.id);
    expect((await findSend(env.DB, send.id))!.hold).toBe("ses");
    const { controlSend } = await import("../../src/sending/control-send.ts");
    const paused = (await controlSend(deps, send.id, "pause"))!;
    expect({ status: paused.status, hold: paused.hold, reason: paused.reason }).toEqual({ status: "paused", hold: null, reason: "paused by an author" });
    // The watch leaves an author's pause alone.
    expect((await watchSend(deps, send.id, freshWatch(clock.now), clock.now)).next).toBeNull();
  });
});
