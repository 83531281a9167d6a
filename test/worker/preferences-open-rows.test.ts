// A change on the preference page made while a send runs applies to that subscriber's rows
// not yet taken: a new time moves the due time, asap makes it due now, events that leave out
// the day skip the row; a row already sent stays as it went. Through the real route, D1,
// consumer and SES endpoint, with the clock injected and the queue and watch played.
import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import type { SendingDeps } from "../../src/sending/sending-deps.ts";
import { startDailySend } from "../../src/sending/start-send.ts";
import { freshWatch } from "../../src/sending/watch-decision.ts";
import { watchSend } from "../../src/sending/watch-send.ts";
import { preferencesUrlFor } from "../../src/subscriptions/subscriber-links.ts";
import { fetchAt, playingSendingDeps } from "./app-at.ts";
import { addSubscribers, clearLedger, config, copies, DAY1, DAY1_DUE } from "./sending-helpers.ts";

beforeEach(clearLedger);

const MINUTE = 60_000;
/** Day 1's send is made five minutes after its SEND_AT: 03:05 UTC on 2015-11-10. */
const T0 = DAY1_DUE + 5 * MINUTE;
/** 07:00 in Berlin (CET) after T0. */
const BERLIN_7 = Date.parse("2015-11-10T06:00:00Z");
/** 09:00 in Los Angeles (PST) after T0. */
const LA_9 = Date.parse("2015-11-10T17:00:00Z");

async function reader(delivery: string | null, zone: string | null) {
  const [p] = await addSubscribers(1);
  await env.DB.prepare("UPDATE subscribers SET delivery = ?2, zone = ?3 WHERE id = ?1").bind(p!.id, delivery, zone).run();
  return { ...p!, path: preferencesUrlFor(config, String(p!.id)).replace(config.siteUrl, "") };
}

/** Played deps on a clock the test moves; the watch is what the test runs, so nobody arms it. */
const clocked = (clock: { now: number }): SendingDeps => playingSendingDeps(env, config, () => clock.now, { watch: { arm: async () => undefined } });

/** The preference form pressed at the clock's time, with the same clock for the sending side. */
const press = (path: string, fields: [string, string][], clock: { now: number }) =>
  fetchAt(clock.now, path, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(fields).toString() }, {}, { sending: () => clocked(clock) });

const rowOf = (sendId: number, subscriberId: number) =>
  env.DB.prepare("SELECT status, due_at, error FROM deliveries WHERE send_id = ?1 AND subscriber_id = ?2").bind(sendId, subscriberId).first<{ status: string; due_at: number | null; error: string | null }>();

describe("a change while a send runs", () => {
  it("a new time moves the waiting row's due time; asap makes it due now, and it goes out once", async () => {
    const p = await reader("07:00", "Europe/Berlin");
    const clock = { now: T0 };
    const deps = clocked(clock);
    const { send } = await startDailySend(deps, DAY1, "daily");
    expect(await rowOf(send.id, p.id)).toMatchObject({ status: "pending", due_at: BERLIN_7 });

    clock.now = T0 + 10 * MINUTE;
    const later = await press(p.path, [["delivery", "09:00"], ["zone", "America/Los_Angeles"]], clock);
    expect(later.status).toBe(200);
    expect(await rowOf(send.id, p.id)).toMatchObject({ status: "pending", due_at: LA_9 });
    // Berlin's 07:00 comes and goes: nothing for them yet.
    clock.now = BERLIN_7;
    await watchSend(deps, send.id, freshWatch(T0), clock.now);
    expect((await copies([p.email], send.subject!)).get(p.email)).toBe(0);

    clock.now = BERLIN_7 + 5 * MINUTE;
    expect((await press(p.path, [["delivery", "asap"]], clock)).status).toBe(200);
    expect(await rowOf(send.id, p.id)).toMatchObject({ status: "pending", due_at: clock.now });
    await watchSend(deps, send.id, freshWatch(T0), clock.now);
    expect(await rowOf(send.id, p.id)).toMatchObject({ status: "sent" });
    expect((await copies([p.email], send.subject!)).get(p.email)).toBe(1);

    // A row that went stays as it went: a later change sends nothing again.
    clock.now += 10 * MINUTE;
    expect((await press(p.path, [["delivery", "08:00"], ["zone", "Europe/Berlin"]], clock)).status).toBe(200);
    await watchSend(deps, send.id, freshWatch(T0), clock.now);
    expect(await rowOf(send.id, p.id)).toMatchObject({ status: "sent" });
    expect((await copies([p.email], send.subject!)).get(p.email)).toBe(1);
  });

  it("events that leave out the day's skip the waiting row", async () => {
    const p = await reader("07:00", "Europe/Berlin");
    const clock = { now: T0 };
    const deps = clocked(clock);
    const { send } = await startDailySend(deps, DAY1, "daily");
    clock.now = T0 + 10 * MINUTE;
    // 2015-11-09 holds KubeCon posts only.
    expect((await press(p.path, [["events", "container-night-sf-2015"]], clock)).status).toBe(200);
    expect(await rowOf(send.id, p.id)).toMatchObject({ status: "skipped" });
    clock.now = BERLIN_7;
    await watchSend(deps, send.id, freshWatch(T0), clock.now);
    expect((await copies([p.email], send.subject!)).get(p.email)).toBe(0);
  });

  it("a refused press leaves the waiting row as it was", async () => {
    const p = await reader("07:00", "Europe/Berlin");
    const clock = { now: T0 };
    const { send } = await startDailySend(clocked(clock), DAY1, "daily");
    clock.now = T0 + 10 * MINUTE;
    expect((await press(p.path, [["delivery", "09:00"], ["zone", "Mars/Olympus"]], clock)).status).toBe(400);
    expect(await rowOf(send.id, p.id)).toMatchObject({ status: "pending", due_at: BERLIN_7 });
  });
});
