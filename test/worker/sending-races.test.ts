// Races the review found: a stalled consumer whose claim was taken over, overlapping
// preparation steps, a test send cut short, claims stranded across a pause.
import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { claimDeliveries } from "../../src/db/deliveries.ts";
import { createSend, findSend } from "../../src/db/sends.ts";
import { controlSend } from "../../src/sending/control-send.ts";
import { runDailyJob } from "../../src/sending/daily-job.ts";
import { deliverBatch } from "../../src/sending/deliver.ts";
import { prepareStep } from "../../src/sending/prepare-send.ts";
import { LEASE_MS } from "../../src/sending/tuning.ts";
import { startDailySend } from "../../src/sending/start-send.ts";
import { addSubscribers, capturingQueue, clearLedger, config, consume, copies, DAY1, DAY1_DUE, drain, ledger, testDeps } from "./sending-helpers.ts";
import { inbox } from "./subscription-helpers.ts";

beforeEach(clearLedger);
const subjectOf = async (id: number) => (await env.DB.prepare("SELECT subject FROM sends WHERE id = ?1").bind(id).first<{ subject: string }>())!.subject;

describe("races", () => {
  it("a consumer that stalls past its lease cannot send rows another consumer took over", async () => {
    const people = await addSubscribers(4);
    const clock = { now: DAY1_DUE + 60_000 };
    const q = capturingQueue();
    const base = testDeps(() => clock.now, { queue: q.queue });
    const { send } = await startDailySend(base, DAY1, "daily");
    await consume(q.take(), base);
    const [message] = q.take();
    const ids = (message!.body as { ids: number[] }).ids;
    let stalled = false;
    // A: claims its group, then stalls in the limiter; meanwhile the lease runs out and B
    // (the same message, redelivered) takes the rows over and sends them.
    const a = testDeps(() => clock.now, {
      queue: q.queue,
      limiter: {
        acquire: async (n, l) => {
          if (!stalled) {
            stalled = true;
            clock.now += LEASE_MS + 1_000;
            // B delivers them all (again, should a slow machine make it hand some back unsent).
            for (let attempt = 2; !(await deliverBatch(base, send.id, ids, attempt)).done && attempt < 30; attempt++);
          }
          return base.limiter.acquire(n, l);
        },
      },
    });
    await deliverBatch(a, send.id, ids, 1);
    expect((await ledger(send.id)).map((r) => r.status)).toEqual(people.map(() => "sent"));
    expect([...(await copies(people.map((p) => p.email), await subjectOf(send.id))).values()]).toEqual(people.map(() => 1));
  });

  it("overlapping preparation steps leave one chain, every row carried once, and the right total", async () => {
    await addSubscribers(1_500);
    const q = capturingQueue();
    const deps = testDeps(() => DAY1_DUE + 60_000, { queue: q.queue });
    const { send } = await startDailySend(deps, DAY1, "daily");
    q.take();
    await Promise.all([prepareStep(deps, send.id), prepareStep(deps, send.id)]);
    for (let i = 0; i < 5; i++) {
      const prepares = q.messages.filter((m) => m.body.type === "prepare");
      q.messages.splice(0, q.messages.length, ...q.messages.filter((m) => m.body.type !== "prepare"));
      if (!prepares.length) break;
      expect(prepares).toHaveLength(1);
      await prepareStep(deps, send.id);
    }
    const after = (await findSend(env.DB, send.id))!;
    expect(after).toMatchObject({ prepared: true, total: 1_500 });
    const carried = q.messages.flatMap((m) => (m.body.type === "deliver" ? m.body.ids : []));
    expect(carried).toHaveLength(new Set(carried).size); // nobody carried twice…
    expect(new Set(carried).size).toBe(1_500); // …and nobody left out
  });

  it("a test send cut short before its recipients were recorded mails nobody", async () => {
    const people = await addSubscribers(3);
    const q = capturingQueue();
    const at = DAY1_DUE + 60_000;
    const deps = testDeps(() => at, { queue: q.queue });
    // As startTestSend leaves it if it dies right after creating the send.
    const { send } = await createSend(env.DB, { kind: "test", date: DAY1, status: "queued", snapshot: { date: DAY1, subject: "[Test] cut short", preheader: "", html: "<p>x</p>", text: "x\n", postSlugs: [], summarized: [] }, takesDailySlot: false }, at);
    await runDailyJob(testDeps(() => at + 3_600_000, { queue: q.queue }), at + 3_600_000);
    await consume(q.take(), deps);
    await prepareStep(deps, send.id);
    expect(await ledger(send.id)).toEqual([]);
    for (const p of people) expect((await inbox(p.email)).filter((m) => m.subject === "[Test] cut short")).toHaveLength(0);
  });

  it("claims stranded by a crash and a pause are swept back after a resume, and everyone gets one copy", async () => {
    const people = await addSubscribers(5);
    const clock = { now: DAY1_DUE + 60_000 };
    const q = capturingQueue();
    const deps = testDeps(() => clock.now, { queue: q.queue });
    const { send } = await startDailySend(deps, DAY1, "daily");
    await consume(q.take(), deps);
    const deliver = q.take();
    // The claims a killed consumer leaves behind (a process kill runs no clean-up).
    const ids = (await ledger(send.id)).map((r) => r.id);
    await claimDeliveries(env.DB, send.id, ids, clock.now, LEASE_MS, "killed-consumer", ids.length);
    expect((await ledger(send.id)).map((r) => r.status)).toEqual(people.map(() => "claimed"));
    await controlSend(deps, send.id, "pause");
    expect((await consume(deliver, deps, 2)).map((r) => r.outcome)).toEqual(["ack"]); // paused: acked
    await controlSend(deps, send.id, "resume");
    clock.now += 3_600_000;
    await runDailyJob(deps, clock.now); // the sweep releases the expired claims and requeues them
    await drain(q, deps);
    expect((await findSend(env.DB, send.id))!.status).toBe("done");
    expect([...(await copies(people.map((p) => p.email), await subjectOf(send.id))).values()]).toEqual(people.map(() => 1));
  });

  it("past the error budget the send stops: the rest stay pending and unmailed", async () => {
    await addSubscribers(25);
    await env.DB.prepare("UPDATE subscribers SET email = 'reject@' || id || '.example' WHERE status = 'active' AND id % 5 = 0").run();
    const { results } = await env.DB.prepare("SELECT email FROM subscribers WHERE status = 'active'").all<{ email: string }>();
    const q = capturingQueue();
    const deps = testDeps(() => DAY1_DUE + 60_000, { queue: q.queue, config: { ...config, maxSendErrors: 1 } });
    const { send } = await startDailySend(deps, DAY1, "daily");
    await consume(q.take(), deps);
    await consume(q.take(), deps);
    expect((await findSend(env.DB, send.id))!.status).toBe("paused");
    const rows = await ledger(send.id);
    const pending = rows.filter((r) => r.status === "pending");
    expect(pending.length).toBeGreaterThanOrEqual(10);
    const held = await copies(results.map((r) => r.email), await subjectOf(send.id));
    for (const r of pending) expect(held.get(r.email)).toBe(0);
  });
});
