import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { compactLedger } from "../../src/sending/compact-ledger.ts";
import { startDailySend } from "../../src/sending/start-send.ts";
import { sesMailer, type Mailer } from "../../src/mail/ses-mailer.ts";
import { fetchAt } from "./app-at.ts";
import { addSubscribers, capturingQueue, clearLedger, config, consume, DAY1, DAY1_DUE, drain, testDeps } from "./sending-helpers.ts";

beforeEach(clearLedger);
const AT = DAY1_DUE + 60_000;
const DAY = 86_400_000;
const view = async (id: number, at: number) => (await (await fetchAt(at, `/api/sends/${id}`, { headers: { Authorization: "Bearer test-author-token-0001" } })).json()) as Record<string, unknown>;
const rows = async (id: number) => (await env.DB.prepare("SELECT COUNT(*) AS n FROM deliveries WHERE send_id = ?1").bind(id).first<{ n: number }>())!.n;

describe("ledger retention", () => {
  it("folds old delivery rows into exact counts, a bounded number per run, and keeps young ones", async () => {
    const people = await addSubscribers(12);
    const real = sesMailer(config.ses);
    const mailer: Mailer = { send: async (m) => (m.to === people[0]!.email ? { ok: false, kind: "rejected", code: "MessageRejected", message: "injected" } : real.send(m)) };
    const q = capturingQueue();
    const deps = testDeps(() => AT, { queue: q.queue, mailer });
    const { send } = await startDailySend(deps, DAY1, "daily");
    await consume(q.take(), deps); // prepare: 12 rows
    await env.DB.prepare("UPDATE subscribers SET status = 'unsubscribed' WHERE id = ?1").bind(people[1]!.id).run();
    await drain(q, deps);
    const before = await view(send.id, AT);
    expect(before).toMatchObject({ status: "done", total: 12, sent: 10, failed: 1, skipped: 1 });

    // Young: untouched.
    expect(await compactLedger(deps, AT + 29 * DAY)).toBe(0);
    expect(await rows(send.id)).toBe(12);

    // Old: compacted in runs of at most 5 rows; the counts never move.
    const old = AT + 31 * DAY;
    expect(await compactLedger(deps, old, 5, 2)).toBe(5);
    expect(await view(send.id, old)).toEqual(before);
    expect(await compactLedger(deps, old, 5, 2)).toBe(5);
    expect(await compactLedger(deps, old, 5, 2)).toBe(2);
    expect(await compactLedger(deps, old, 5, 2)).toBe(0);
    expect(await rows(send.id)).toBe(0);
    expect(await view(send.id, old)).toEqual(before);
    // Nothing left to retry, and it says so.
    const retry = await fetchAt(old, `/api/sends/${send.id}/retry-failed`, { method: "POST", headers: { Authorization: "Bearer test-author-token-0001" } });
    expect(retry.status).toBe(409);
  });

  it("never compacts a send that is still running or paused", async () => {
    await addSubscribers(3);
    const q = capturingQueue();
    const deps = testDeps(() => AT, { queue: q.queue });
    const { send } = await startDailySend(deps, DAY1, "daily");
    await consume(q.take(), deps); // prepared, not delivered
    await env.DB.prepare("UPDATE sends SET finished_at = 0 WHERE id = ?1").bind(send.id).run();
    expect(await compactLedger(deps, AT + 365 * DAY)).toBe(0);
    expect(await rows(send.id)).toBe(3);
  });
});
