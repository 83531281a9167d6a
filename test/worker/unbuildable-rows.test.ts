// A row whose message cannot be made fails at once with the reason; the rest of its group
// goes out. Before, the builder's throw sank the whole group on every retry, forever.
import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { findSend } from "../../src/db/sends.ts";
import { insertNotice } from "../../src/db/notices.ts";
import { deliverNotices } from "../../src/sending/deliver-notices.ts";
import { startDailySend } from "../../src/sending/start-send.ts";
import { addSubscribers, capturingQueue, clearLedger, consume, copies, DAY1, DAY1_DUE, ledger, testDeps } from "./sending-helpers.ts";

beforeEach(clearLedger);

describe("a row that cannot be built", () => {
  it("an address stored before the dot-atom rule fails with the reason, and everyone else gets one copy", async () => {
    const people = await addSubscribers(4);
    // Accepted by an older Herald, refused by today's address rule (two dots in a row).
    await env.DB.prepare("UPDATE subscribers SET email = 'old..style@example.org' WHERE id = ?1").bind(people[1]!.id).run();
    const q = capturingQueue();
    const deps = testDeps(() => DAY1_DUE + 60_000, { queue: q.queue });
    const { send } = await startDailySend(deps, DAY1, "daily");
    await consume(q.take(), deps); // prepare
    const results = await consume(q.take(), deps);
    expect(results.map((r) => r.outcome)).toEqual(["ack"]);

    const rows = await ledger(send.id);
    expect(rows.map((r) => r.status)).toEqual(["sent", "failed", "sent", "sent"]);
    expect(rows[1]!.error).toContain("the message could not be made");
    expect(rows[1]!.error).toContain("old..style@example.org");
    const subject = (await env.DB.prepare("SELECT subject FROM sends WHERE id = ?1").bind(send.id).first<{ subject: string }>())!.subject;
    const others = people.filter((_, i) => i !== 1).map((p) => p.email);
    expect([...(await copies(others, subject)).values()]).toEqual(others.map(() => 1));
    expect((await findSend(env.DB, send.id))!.status).toBe("done");
  });

  it("a confirmation to such an address fails at once instead of being retried for a day", async () => {
    const email = "older..rule@example.org";
    const row = await env.DB.prepare("INSERT INTO subscribers (email, status, source, created_at, updated_at) VALUES (?1, 'pending', 'form', 0, 0) RETURNING id").bind(email).first<{ id: number }>();
    const noticeId = await insertNotice(env.DB, { kind: "confirmation", subscriberId: row!.id }, email, DAY1_DUE);
    const result = await deliverNotices(testDeps(() => DAY1_DUE + 1000), [noticeId]);
    expect(result).toEqual({ done: true });
    const notice = await env.DB.prepare("SELECT status, error FROM notices WHERE id = ?1").bind(noticeId).first<{ status: string; error: string }>();
    expect(notice!.status).toBe("failed");
    expect(notice!.error).toContain("the message could not be made");
  });
});
