import { createScheduledController, env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import worker from "../../src/index.ts";
import { runDailyJob } from "../../src/sending/daily-job.ts";
import { capturingQueue, clearLedger, DAY1, DAY1_DUE, testDeps } from "./sending-helpers.ts";

beforeEach(clearLedger);
const HOUR = 3_600_000;
const sends = async () => (await env.DB.prepare("SELECT date, kind, status, reason FROM sends ORDER BY id").all()).results;

describe("the scheduled daily job", () => {
  it("does nothing before SEND_AT", async () => {
    const q = capturingQueue();
    const outcomes = await runDailyJob(testDeps(() => DAY1_DUE - 60_000, { queue: q.queue }), DAY1_DUE - 60_000);
    expect(outcomes.filter((o) => o.action !== "no_posts")).toEqual([]);
    expect(await sends()).toEqual([]);
    expect(q.messages).toEqual([]);
  });

  it("starts the day's send from SEND_AT on, once", async () => {
    const q = capturingQueue();
    const deps = testDeps(() => DAY1_DUE, { queue: q.queue });
    expect((await runDailyJob(deps, DAY1_DUE)).find((o) => o.date === DAY1)?.action).toBe("started");
    expect((await runDailyJob(deps, DAY1_DUE + 15 * 60_000)).find((o) => o.date === DAY1)?.action).toBe("exists");
    expect(await sends()).toEqual([{ date: DAY1, kind: "daily", status: "sending", reason: null }]);
  });

  it("records a day past SEND_LATENESS_HOURS as skipped, with the reason, and sends nothing", async () => {
    const q = capturingQueue();
    const late = DAY1_DUE + 7 * HOUR;
    await runDailyJob(testDeps(() => late, { queue: q.queue }), late);
    expect(await sends()).toEqual([
      { date: DAY1, kind: "daily", status: "skipped", reason: "skipped: the job first ran 7.0 hours after 19:00 America/Los_Angeles on 2015-11-09, past SEND_LATENESS_HOURS (6)" },
    ]);
    expect(q.messages.filter((m) => m.body.type === "prepare")).toEqual([]);
  });

  it("sends nothing for a day without posts", async () => {
    const q = capturingQueue();
    const at = Date.parse("2015-11-14T19:30:00-08:00");
    const outcomes = await runDailyJob(testDeps(() => at, { queue: q.queue }), at);
    expect(outcomes).toEqual([
      { date: "2015-11-13", action: "no_posts" },
      { date: "2015-11-14", action: "no_posts" },
    ]);
    expect(await sends()).toEqual([]);
  });

  it("is what the Worker's scheduled handler runs", async () => {
    const controller = createScheduledController({ scheduledTime: new Date(DAY1_DUE + 60_000), cron: "*/15 * * * *" });
    await worker.scheduled(controller, env);
    expect(await sends()).toMatchObject([{ date: DAY1, kind: "daily", status: "sending" }]);
  });

  it("forgets SNS message ids once a replay would be refused as stale anyway, and keeps the recent ones", async () => {
    const now = DAY1_DUE - 60_000;
    await env.DB.batch([
      env.DB.prepare("DELETE FROM sns_messages"),
      env.DB.prepare("INSERT INTO sns_messages (message_id, received_at) VALUES ('old', ?1), ('recent', ?2)").bind(now - 3 * HOUR, now - HOUR),
    ]);
    await runDailyJob(testDeps(() => now, { queue: capturingQueue().queue }), now);
    const { results } = await env.DB.prepare("SELECT message_id FROM sns_messages ORDER BY message_id").all<{ message_id: string }>();
    expect(results.map((r) => r.message_id)).toEqual(["recent"]);
  });
});
