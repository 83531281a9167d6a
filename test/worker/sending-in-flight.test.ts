// What a row's status promises while a send runs: `claimed` only once its slot is booked,
// `sending` only from just before its own call, a throttled answer stops the run at once,
// a cancel leaves nothing pending, and a pause answers with counts that stay true. Faults
// are injected around the real mailer and limiter; the ledger is read at the moment of each
// call, as a crash at that moment would leave it.
import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { findSend } from "../../src/db/sends.ts";
import { sesMailer, type Mailer } from "../../src/mail/ses-mailer.ts";
import { controlSend } from "../../src/sending/control-send.ts";
import { sendView } from "../../src/sending/send-view.ts";
import { startDailySend } from "../../src/sending/start-send.ts";
import { MARK_LEAD_MS } from "../../src/sending/tuning.ts";
import { addSubscribers, capturingQueue, clearLedger, config, consume, copies, DAY1, DAY1_DUE, ledger, testDeps } from "./sending-helpers.ts";
import type { SendingDeps } from "../../src/sending/sending-deps.ts";

beforeEach(clearLedger);

const statusCount = async (sendId: number, status: string) =>
  (await env.DB.prepare("SELECT COUNT(*) AS n FROM deliveries WHERE send_id = ?1 AND status = ?2").bind(sendId, status).first<{ n: number }>())!.n;

/** Day 1's send with a captured queue, prepared; its deliver messages and the deps they run with. */
async function prepared(overrides: (sendId: () => number) => Partial<SendingDeps>, rate = 20) {
  const q = capturingQueue();
  let id = 0;
  const deps = testDeps(() => DAY1_DUE + 60_000, { queue: q.queue, config: { ...config, maxSendRate: rate }, ...overrides(() => id) });
  const { send } = await startDailySend(deps, DAY1, "daily");
  id = send.id;
  await consume(q.take(), deps);
  return { send, deps, q, deliver: q.take() };
}

describe("a row is in flight only while its call is", () => {
  it("at 20/s, when a call starts at most one other row is marked sending whose call has not started (the next window), not the whole group", async () => {
    const people = await addSubscribers(12);
    const real = sesMailer(config.ses);
    const started = new Set<string>();
    const looks: { slot: number; lookedAt: number; ahead: number }[] = [];
    const { send, deps, deliver } = await prepared((sendId) => ({
      mailer: {
        async send(m) {
          started.add(m.to);
          // Rows a crash now would leave `unknown` although their request never left.
          const { results } = await env.DB.prepare("SELECT email FROM deliveries WHERE send_id = ?1 AND status = 'sending'").bind(sendId()).all<{ email: string }>();
          const lookedAt = Date.now();
          const ahead = results.filter((r) => !started.has(r.email)).length;
          const outcome = await real.send(m);
          // Only a call that was made counts: one this look made late (a loaded machine) is
          // dropped at its slot and comes back, and the rows marked meanwhile say nothing.
          if (outcome.ok || outcome.kind !== "late") looks.push({ slot: m.releaseAt!, lookedAt, ahead });
          return outcome;
        },
      } satisfies Mailer,
    }));
    await consume(deliver, deps);
    // A call held past its slot is not made and comes back: it may be seen twice.
    expect(started.size).toBe(12);
    expect(looks.length).toBeGreaterThanOrEqual(12);
    // One window a slot: the next is marked MARK_LEAD_MS before its slot, so a look just after
    // a call starts sees one row ahead. A look that took longer (a slow read on a loaded
    // machine) may also see the windows whose time to be marked came while it read, and no more.
    const slots = [...new Set(looks.map((l) => l.slot))].sort((a, b) => a - b);
    const spacing = Math.min(...slots.slice(1).map((at, i) => at - slots[i]!));
    const markedBy = (l: (typeof looks)[number]) => Math.max(1, Math.floor((l.lookedAt - l.slot + MARK_LEAD_MS) / spacing));
    expect(looks.filter((l) => l.ahead > markedBy(l))).toEqual([]);
    expect([...(await copies(people.map((p) => p.email), send.subject!)).values()]).toEqual(people.map(() => 1));
  });

  it("no row is claimed while its run waits for the rate", async () => {
    await addSubscribers(6);
    const claimedWhileWaiting: number[] = [];
    let refusals = 3;
    const { deps, deliver, send } = await prepared((sendId) => {
      const real = testDeps(() => DAY1_DUE).limiter;
      return {
        // The rate is taken by other consumers for a while (a full horizon).
        limiter: {
          acquire: async (wanted: number, limit: number) => {
            if (refusals-- > 0) {
              claimedWhileWaiting.push(await statusCount(sendId(), "claimed"));
              return { granted: 0, firstAt: 0, spacingMs: 1035 / limit, waitMs: 20 };
            }
            return real.acquire(wanted, limit);
          },
        },
      };
    });
    await consume(deliver, deps);
    expect(claimedWhileWaiting).toEqual([0, 0, 0]);
    expect((await ledger(send.id)).map((r) => r.status)).toEqual(Array(6).fill("sent"));
  });
});

describe("throttling", () => {
  it("a throttled answer stops the run at once: no further call starts, the rest wait for the queue's retry", async () => {
    await addSubscribers(30);
    const real = sesMailer(config.ses);
    let calls = 0;
    const { deps, deliver, send } = await prepared(() => ({
      mailer: {
        send: async (m) => (++calls === 1 ? { ok: false, kind: "throttled", code: "Throttling", message: "Maximum sending rate exceeded." } : real.send(m)),
      } satisfies Mailer,
    }));
    const [result] = await consume(deliver, deps);
    expect(result).toMatchObject({ outcome: "retry" });
    // The throttled call, and at most the next window already marked when its answer came.
    expect(calls).toBeLessThanOrEqual(2);
    const rows = await ledger(send.id);
    expect(rows.filter((r) => r.status === "pending").length).toBeGreaterThanOrEqual(28);
    expect(rows.filter((r) => r.status === "claimed" || r.status === "sending")).toEqual([]);
  });
});

describe("pause and cancel", () => {
  it("a cancel during the run's last call, which is then throttled, leaves no row pending", async () => {
    await addSubscribers(4);
    let deps!: SendingDeps;
    let sendId = 0;
    let calls = 0;
    let cancelling: Promise<unknown> | undefined;
    const real = sesMailer(config.ses);
    const run = await prepared((id) => ({
      mailer: {
        async send(m) {
          if (++calls < 4) return real.send(m);
          sendId = id();
          // The author cancels while this call is under way (the cancel's answer waits for it).
          cancelling = controlSend(deps, sendId, "cancel");
          while ((await findSend(env.DB, sendId))!.status !== "cancelled") await new Promise((r) => setTimeout(r, 10));
          return { ok: false, kind: "throttled", code: "Throttling", message: "Maximum sending rate exceeded." };
        },
      } satisfies Mailer,
    }));
    deps = run.deps;
    await consume(run.deliver, run.deps);
    await cancelling;
    const rows = await ledger(run.send.id);
    expect(rows.filter((r) => r.status === "pending" || r.status === "claimed")).toEqual([]);
    expect((await findSend(env.DB, run.send.id))!.status).toBe("cancelled");
  });

  it("a pause answers once the calls in flight have answered: its counts are the counts after the run", async () => {
    await addSubscribers(10);
    const real = sesMailer(config.ses);
    let deps!: SendingDeps;
    let answer: Promise<Awaited<ReturnType<typeof sendView>>> | undefined;
    const run = await prepared((id) => ({
      mailer: {
        async send(m) {
          if (!answer) {
            // The author pauses while the first call is under way; SES is slow to answer it.
            answer = controlSend(deps, id(), "pause").then((s) => sendView(env.DB, s!, DAY1_DUE + 60_000));
            await new Promise((r) => setTimeout(r, 300));
          }
          return real.send(m);
        },
      } satisfies Mailer,
    }));
    deps = run.deps;
    await consume(run.deliver, run.deps);
    const paused = await answer!;
    const after = await sendView(env.DB, (await findSend(env.DB, run.send.id))!, DAY1_DUE + 60_000);
    expect(paused.status).toBe("paused");
    expect(paused.inFlight).toBe(0);
    expect({ sent: paused.sent, pending: paused.pending }).toEqual({ sent: after.sent, pending: after.pending });
    expect(after.sent + after.pending).toBe(10);
  });
});
