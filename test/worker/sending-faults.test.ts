// The consumer under faults. Crashes are injected by playing the queue here: the producer's
// messages are captured and given to the consumer, which fails where the test says, and
// then given again, as the queue redelivers a message whose consumer failed.
import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { claimDeliveries } from "../../src/db/deliveries.ts";
import { findSend } from "../../src/db/sends.ts";
import { LEASE_MS } from "../../src/sending/tuning.ts";
import { startDailySend } from "../../src/sending/start-send.ts";
import type { Mailer } from "../../src/mail/ses-mailer.ts";
import { sesMailer } from "../../src/mail/ses-mailer.ts";
import { fetchAt } from "./app-at.ts";
import {
  addSubscribers, capturingQueue, clearLedger, config, consume, copies, DAY1, DAY1_DUE, deliverUntilAcked, ledger, MIXED_FOLLOWS, sendSubjects, testDeps, VARIANT_DAY, VARIANT_DAY_DUE, variantCount, waitForStatus,
} from "./sending-helpers.ts";

beforeEach(clearLedger);

/** Starts a day's send (Day 1's unless told) with a captured queue and runs the prepare step; returns the deliver messages. */
async function preparedSend(clock: { now: number }, overrides = {}, date = DAY1) {
  const q = capturingQueue();
  const deps = testDeps(() => clock.now, { queue: q.queue, ...overrides });
  const { send } = await startDailySend(deps, date, "daily");
  await consume(q.take(), deps); // prepare
  return { send, deps, q, deliver: q.take() };
}

const subjectOf = async (id: number) => (await env.DB.prepare("SELECT subject FROM sends WHERE id = ?1").bind(id).first<{ subject: string }>())!.subject;

// The crash tests run on a day of two events whose followers get three variants: a message
// made from any of them is still one per person.
const onVariantDay = () => ({ now: VARIANT_DAY_DUE + 60_000 });

describe("crashes", () => {
  it("a consumer that dies after claiming, before the SES call: the message comes back and everyone gets one copy, nobody unknown", async () => {
    const people = await addSubscribers(6, undefined, "active", MIXED_FOLLOWS);
    const clock = onVariantDay();
    const { send, deps, deliver } = await preparedSend(clock, {}, VARIANT_DAY);
    expect(await variantCount(send.id)).toBe(3);
    // The claims a killed consumer leaves behind (a process kill runs no clean-up).
    const ids = (await ledger(send.id)).map((r) => r.id);
    expect(await claimDeliveries(env.DB, send.id, ids, clock.now, LEASE_MS, "killed-consumer", ids.length)).toHaveLength(6);

    // Redelivered while the dead consumer's lease still holds: nothing is sent, asked to wait.
    clock.now += 1_000;
    const early = await consume(deliver, deps, 2);
    expect(early[0]).toMatchObject({ outcome: "retry" });
    expect(early[0]!.delaySeconds).toBeGreaterThanOrEqual(LEASE_MS / 1000 - 2);
    expect([...(await copies(people.map((p) => p.email), await sendSubjects(send.id))).values()]).toEqual(people.map(() => 0));

    // After the lease: claimed again, sent once.
    clock.now += LEASE_MS;
    await deliverUntilAcked(deliver, deps);
    expect((await ledger(send.id)).map((r) => r.status)).toEqual(people.map(() => "sent"));
    expect([...(await copies(people.map((p) => p.email), await sendSubjects(send.id))).values()]).toEqual(people.map(() => 1));
    expect((await findSend(env.DB, send.id))!.status).toBe("done");
  });

  it("a consumer whose limiter fails claims nothing: the message comes back and everyone gets one copy", async () => {
    const people = await addSubscribers(4);
    const clock = { now: DAY1_DUE + 60_000 };
    let crash = true;
    const real = testDeps(() => clock.now).limiter;
    const { send, deps, deliver } = await preparedSend(clock, {
      limiter: { acquire: async (n: number, l: number) => { if (crash) throw new Error("injected limiter failure"); return real.acquire(n, l); } },
    });
    expect((await consume(deliver, deps)).map((r) => r.outcome)).toEqual(["retry"]);
    // Slots come before claims: nothing was held while the limiter could not answer.
    expect((await ledger(send.id)).map((r) => r.status)).toEqual(people.map(() => "pending"));
    crash = false;
    await deliverUntilAcked(deliver, deps);
    expect([...(await copies(people.map((p) => p.email), await subjectOf(send.id))).values()]).toEqual(people.map(() => 1));
  });

  it("a consumer that dies inside the SES call: that one recipient is reported unknown, never sent twice", async () => {
    const people = await addSubscribers(5, undefined, "active", MIXED_FOLLOWS);
    const clock = onVariantDay();
    const real = sesMailer(config.ses);
    const victim = people[2]!.email;
    let crash = true;
    const mailer: Mailer = {
      async send(message) {
        const outcome = await real.send(message); // SES took it…
        // (A call held past its slot was not made: it comes back, and the crash waits for a made one.)
        if (crash && message.to === victim && (outcome.ok || outcome.kind !== "late")) throw new Error("injected crash after SES accepted the message");
        return outcome;
      },
    };
    const { send, deps, deliver } = await preparedSend(clock, { mailer }, VARIANT_DAY);
    expect(await variantCount(send.id)).toBe(3);
    expect((await consume(deliver, deps)).map((r) => r.outcome)).toEqual(["retry"]);
    crash = false;

    clock.now += LEASE_MS + 1_000;
    await deliverUntilAcked(deliver, deps);
    const rows = await ledger(send.id);
    expect(rows.filter((r) => r.status === "unknown").map((r) => r.email)).toEqual([victim]);
    expect(rows.filter((r) => r.status === "sent")).toHaveLength(4);
    const held = await copies(people.map((p) => p.email), await sendSubjects(send.id));
    expect([...held.values()]).toEqual(people.map(() => 1)); // the victim has exactly the one SES took
    const view = (await (await fetchAt(clock.now, `/api/sends/${send.id}`, { headers: { Authorization: "Bearer test-author-token-0001" } })).json()) as Record<string, unknown>;
    expect(view).toMatchObject({ status: "done", total: 5, sent: 4, unknown: 1, pending: 0 });
  });
});

describe("while a send runs", () => {
  it("a subscriber who unsubscribes mid-send gets nothing; the rest get one copy", async () => {
    const people = await addSubscribers(6);
    const clock = { now: DAY1_DUE + 60_000 };
    const { send, deps, deliver } = await preparedSend(clock);
    const leaver = people[4]!;
    const { subscriberUnsubscribeUrl } = await import("../../src/subscriptions/subscriber-links.ts");
    const url = subscriberUnsubscribeUrl(config, leaver.id).replace(config.siteUrl, "");
    expect((await fetchAt(clock.now, url, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "List-Unsubscribe=One-Click" })).status).toBe(200);

    await deliverUntilAcked(deliver, deps);
    const rows = await ledger(send.id);
    expect(rows.find((r) => r.email === leaver.email)).toMatchObject({ status: "skipped", error: "not an active subscriber at send time" });
    const held = await copies(people.map((p) => p.email), await subjectOf(send.id));
    expect(held.get(leaver.email)).toBe(0);
    expect([...held.values()].filter((n) => n === 1)).toHaveLength(5);
    expect((await findSend(env.DB, send.id))!.status).toBe("done");
  });

  it("a refused recipient counts as failed; past MAX_SEND_ERRORS the send pauses and says why", async () => {
    const refused = await addSubscribers(3, "reject.example"); // the stand-in endpoint refuses reject@…
    await env.DB.prepare("UPDATE subscribers SET email = 'reject@' || id || '.example' WHERE email LIKE '%@reject.example'").run();
    const fine = await addSubscribers(2);
    const clock = { now: DAY1_DUE + 60_000 };
    const { send, deps, deliver } = await preparedSend(clock, { config: { ...config, maxSendErrors: 1 } });
    await consume(deliver, deps);
    const after = (await findSend(env.DB, send.id))!;
    expect(after.status).toBe("paused");
    expect(after.reason).toBe("paused: more than MAX_SEND_ERRORS (1) recipients failed or got no answer");
    const rows = await ledger(send.id);
    expect(rows.filter((r) => r.status === "failed").length).toBeGreaterThanOrEqual(2);
    expect(rows.filter((r) => r.status === "sent" || r.status === "pending").length).toBe(refused.length + fine.length - rows.filter((r) => r.status === "failed").length);
  });

  it("an account-level refusal pauses the send at once, with nobody counted as sent", async () => {
    await addSubscribers(4);
    await env.DB.prepare("UPDATE subscribers SET email = 'paused@' || id || '.example' WHERE status = 'active'").run();
    const clock = { now: DAY1_DUE + 60_000 };
    const { send, deps, deliver } = await preparedSend(clock);
    expect((await consume(deliver, deps)).map((r) => r.outcome)).toEqual(["ack"]);
    const after = (await findSend(env.DB, send.id))!;
    expect(after.status).toBe("paused");
    expect(after.reason).toMatch(/^paused: SES refused the account \(AccountSendingPausedException/);
    expect((await ledger(send.id)).map((r) => r.status)).toEqual(["pending", "pending", "pending", "pending"]);
  });
});

describe("throttling through the real queue", () => {
  it("with 20% of SES calls throttled, everyone still gets exactly one copy and throttled calls never count as sent", async () => {
    const domain = `throttle-${crypto.randomUUID().slice(0, 8)}.example`;
    await fetch(`${config.ses.endpoint}/__faults`, { method: "POST", body: JSON.stringify({ domain, throttleEvery: 5 }) });
    const people = await addSubscribers(20, domain);
    const at = DAY1_DUE + 60_000;
    const res = await fetchAt(at, "/api/sends", { method: "POST", headers: { Authorization: "Bearer test-author-token-0001", "Content-Type": "application/json" }, body: JSON.stringify({ date: DAY1 }) });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: number };
    expect(await waitForStatus(id, ["done"])).toBe("done");
    const rows = await ledger(id);
    expect(rows.map((r) => r.status)).toEqual(people.map(() => "sent"));
    // The throttled were tried again: SES saw more calls than there are people.
    const { seen } = (await (await fetch(`${config.ses.endpoint}/__faults?domain=${domain}`)).json()) as { seen: number };
    expect(seen).toBeGreaterThan(people.length);
    const held = await copies(people.map((p) => p.email), (await env.DB.prepare("SELECT subject FROM sends WHERE id = ?1").bind(id).first<{ subject: string }>())!.subject);
    expect([...held.values()]).toEqual(people.map(() => 1));
  });
});
