import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { runDailyJob } from "../../src/sending/daily-job.ts";
import { fetchAt } from "./app-at.ts";
import { addSubscribers, clearLedger, copies, DAY1, DAY1_DUE, ledger, testDeps, waitForStatus } from "./sending-helpers.ts";

const auth = { Authorization: "Bearer test-author-token-0001", "Content-Type": "application/json" };

beforeEach(clearLedger);

describe("a daily send through the real queue", () => {
  it("the cron firing twice and an author at the same moment make one send; everyone active gets one copy", async () => {
    const people = await addSubscribers(12);
    const inactive = await addSubscribers(3, undefined, "unsubscribed");
    const at = DAY1_DUE + 5 * 60_000;
    const deps = testDeps(() => at);
    const [cronA, cronB, author] = await Promise.all([
      runDailyJob(deps, at),
      runDailyJob(deps, at),
      fetchAt(at, "/api/sends", { method: "POST", headers: auth, body: JSON.stringify({ date: DAY1 }) }),
    ]);
    const { results: sends } = await env.DB.prepare("SELECT id, kind, status FROM sends WHERE date = ?1").bind(DAY1).all<{ id: number }>();
    expect(sends).toHaveLength(1);
    const sendId = sends[0]!.id;
    const started = [...cronA, ...cronB].filter((o) => o.date === DAY1 && o.action === "started").length + (author.status === 202 ? 1 : 0);
    expect(started).toBe(1);
    if (author.status === 409) expect(((await author.json()) as { send: { id: number } }).send.id).toBe(sendId);

    expect(await waitForStatus(sendId, ["done"])).toBe("done");
    const subject = (await env.DB.prepare("SELECT subject FROM sends WHERE id = ?1").bind(sendId).first<{ subject: string }>())!.subject;
    const held = await copies(people.map((p) => p.email), subject);
    expect([...held.values()]).toEqual(people.map(() => 1));
    const notHeld = await copies(inactive.map((p) => p.email), subject);
    expect([...notHeld.values()]).toEqual(inactive.map(() => 0));

    const rows = await ledger(sendId);
    expect(rows.map((r) => r.status)).toEqual(people.map(() => "sent"));
    const view = (await (await fetchAt(at, `/api/sends/${sendId}`, { headers: auth })).json()) as Record<string, number | string>;
    expect(view).toMatchObject({ status: "done", total: 12, sent: 12, failed: 0, skipped: 0, unknown: 0, pending: 0 });
  });
});
