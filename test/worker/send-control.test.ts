// Pause, resume, cancel and retry-failed, mid-send. The queue is played here (see
// sending-faults.test.ts) so that "mid-send" is an exact moment.
import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { findSend } from "../../src/db/sends.ts";
import { sesMailer, type Mailer } from "../../src/mail/ses-mailer.ts";
import { controlSend } from "../../src/sending/control-send.ts";
import { startDailySend } from "../../src/sending/start-send.ts";
import { fetchAt } from "./app-at.ts";
import { addSubscribers, capturingQueue, clearLedger, config, consume, copies, DAY1, DAY1_DUE, deliverUntilAcked, drain, ledger, MIXED_FOLLOWS, sendSubjects, testDeps, VARIANT_DAY, VARIANT_DAY_DUE } from "./sending-helpers.ts";

beforeEach(clearLedger);
const AT = DAY1_DUE + 60_000;
const VARIANT_AT = VARIANT_DAY_DUE + 60_000;
const auth = { Authorization: "Bearer test-author-token-0001" };

/** A day's send started and prepared; on VARIANT_DAY its recipients follow mixed choices (three variants). */
async function started(count: number, overrides = {}, date = DAY1) {
  const people = await addSubscribers(count, undefined, "active", date === VARIANT_DAY ? MIXED_FOLLOWS : [null]);
  const q = capturingQueue();
  const deps = testDeps(() => (date === VARIANT_DAY ? VARIANT_AT : AT), { queue: q.queue, ...overrides });
  const { send } = await startDailySend(deps, date, "daily");
  await consume(q.take(), deps); // prepare: 60 rows → two deliver messages
  const subject = (await env.DB.prepare("SELECT subject FROM sends WHERE id = ?1").bind(send.id).first<{ subject: string }>())!.subject;
  return { people, q, deps, send, subject, deliver: q.take() };
}

async function countsMatchLedger(sendId: number) {
  const view = (await (await fetchAt(AT, `/api/sends/${sendId}`, { headers: auth })).json()) as Record<string, number>;
  const rows = await ledger(sendId);
  const n = (s: string) => rows.filter((r) => r.status === s).length;
  expect(view).toMatchObject({ total: rows.length, sent: n("sent"), failed: n("failed"), skipped: n("skipped"), unknown: n("unknown"), pending: n("pending") + n("claimed") + n("sending") });
  return view;
}

describe("pause and resume mid-send", () => {
  it("a pause stops new claims; a resume finishes from the ledger with nobody mailed twice (three variants)", async () => {
    const { people, q, deps, send, deliver } = await started(60, {}, VARIANT_DAY);
    const subject = await sendSubjects(send.id);
    expect(subject).toHaveLength(3);
    expect(deliver).toHaveLength(2);
    await deliverUntilAcked([deliver[0]!], deps); // 50 sent
    expect((await controlSend(deps, send.id, "pause"))!.status).toBe("paused");
    const whilePaused = await consume([deliver[1]!], deps);
    expect(whilePaused.map((r) => r.outcome)).toEqual(["ack"]); // nothing claimed, nothing sent
    expect((await ledger(send.id)).filter((r) => r.status === "sent")).toHaveLength(50);
    expect(await countsMatchLedger(send.id)).toMatchObject({ sent: 50, pending: 10 });

    const resumed = await controlSend(deps, send.id, "resume");
    expect(resumed).toMatchObject({ status: "sending", reason: null });
    await drain(q, deps); // the requeue step, then its deliver messages
    expect((await findSend(env.DB, send.id))!.status).toBe("done");
    const held = await copies(people.map((p) => p.email), subject);
    expect([...held.values()]).toEqual(people.map(() => 1));
    expect(await countsMatchLedger(send.id)).toMatchObject({ sent: 60, pending: 0 });
  });

  it("a pause between the claim and the SES call gives the rows back instead of sending them", async () => {
    const { people, deps, send, subject, deliver } = await started(5);
    let paused = false;
    const real = deps.limiter;
    const pausing = { ...deps, limiter: { acquire: async (n: number, l: number) => { if (!paused) { paused = true; await controlSend(deps, send.id, "pause"); } return real.acquire(n, l); } } };
    await consume(deliver, pausing);
    expect((await ledger(send.id)).map((r) => r.status)).toEqual(people.map(() => "pending"));
    expect([...(await copies(people.map((p) => p.email), subject)).values()]).toEqual(people.map(() => 0));
  });
});

describe("cancel mid-send", () => {
  it("leaves what was sent, sent, and sends nothing more", async () => {
    const { people, deps, send, subject, deliver } = await started(60);
    await deliverUntilAcked([deliver[0]!], deps); // 50 sent
    expect((await controlSend(deps, send.id, "cancel"))!.status).toBe("cancelled");
    await consume([deliver[1]!], deps);
    const rows = await ledger(send.id);
    expect(rows.filter((r) => r.status === "sent")).toHaveLength(50);
    expect(rows.filter((r) => r.status === "skipped" && r.error === "cancelled")).toHaveLength(10);
    const held = await copies(people.map((p) => p.email), subject);
    expect([...held.values()].filter((n) => n === 1)).toHaveLength(50);
    expect([...held.values()].filter((n) => n > 1)).toEqual([]);
    expect(await countsMatchLedger(send.id)).toMatchObject({ sent: 50, skipped: 10, pending: 0 });
    expect((await findSend(env.DB, send.id))!.finishedAt).toBe(AT);
  });
});

describe("retry-failed", () => {
  it("mails only the failed recipients who are still active", async () => {
    const real = sesMailer(config.ses);
    const refuseOnce = new Set<string>();
    const mailer: Mailer = {
      async send(m) {
        if (refuseOnce.has(m.to)) {
          refuseOnce.delete(m.to);
          return { ok: false, kind: "rejected", code: "MessageRejected", message: "injected refusal" };
        }
        return real.send(m);
      },
    };
    const people = await addSubscribers(6);
    for (const p of people.slice(0, 3)) refuseOnce.add(p.email);
    const q = capturingQueue();
    const deps = testDeps(() => AT, { queue: q.queue, mailer });
    const { send } = await startDailySend(deps, DAY1, "daily");
    await drain(q, deps);
    expect((await findSend(env.DB, send.id))!.status).toBe("done");
    expect((await ledger(send.id)).filter((r) => r.status === "failed")).toHaveLength(3);

    // One of the three unsubscribes before the retry.
    await env.DB.prepare("UPDATE subscribers SET status = 'unsubscribed' WHERE id = ?1").bind(people[0]!.id).run();
    const res = await fetchAt(AT, `/api/sends/${send.id}/retry-failed`, { method: "POST", headers: auth }, {}, { sending: () => deps });
    expect(res.status).toBe(200);
    await drain(q, deps);
    const rows = await ledger(send.id);
    expect(rows.find((r) => r.email === people[0]!.email)!.status).toBe("failed");
    expect(rows.filter((r) => r.status === "sent")).toHaveLength(5);
    const subject = (await env.DB.prepare("SELECT subject FROM sends WHERE id = ?1").bind(send.id).first<{ subject: string }>())!.subject;
    const held = await copies(people.map((p) => p.email), subject);
    expect(people.map((p) => held.get(p.email))).toEqual([0, 1, 1, 1, 1, 1]);
    expect((await findSend(env.DB, send.id))!.status).toBe("done");
  });
});

describe("control over HTTP", () => {
  it("answers 409 for a change the send's status does not allow, 404 for no send, 400 for a bad id, 401 without the token", async () => {
    const { send } = await started(1);
    const post = (path: string, headers: Record<string, string> = auth) => fetchAt(AT, path, { method: "POST", headers });
    expect((await post(`/api/sends/${send.id}/resume`)).status).toBe(409);
    expect((await post(`/api/sends/${send.id}/pause`)).status).toBe(200);
    const twice = await post(`/api/sends/${send.id}/pause`);
    expect(twice.status).toBe(409);
    expect(await twice.json()).toMatchObject({ error: { code: "invalid_state", message: "cannot pause a send that is paused" }, send: { id: send.id, status: "paused" } });
    expect((await post("/api/sends/999999/cancel")).status).toBe(404);
    expect((await post("/api/sends/x/cancel")).status).toBe(400);
    expect((await post(`/api/sends/${send.id}/cancel`, {})).status).toBe(401);
    expect((await findSend(env.DB, send.id))!.status).toBe("paused");
  });
});
