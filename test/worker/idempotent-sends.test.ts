// Idempotency-Key never leads to a second send: a key whose request may have made a send
// is never freed, and a replay answers with that send (or 409 while none exists yet).
// Through the real queue and SES endpoint; the fakes only hold a request up or lose an answer.
import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { BodyStore } from "../../src/content/body-store.ts";
import type { SendingDeps } from "../../src/sending/sending-deps.ts";
import { SEND_CONDITION_MS } from "../support/send-timeouts.ts";
import { fetchAt, realSendingDeps } from "./app-at.ts";
import { clearLedger, copies, DAY1, DAY1_DUE, waitForStatus } from "./sending-helpers.ts";

const AT = DAY1_DUE + 60_000;
const SUBJECT = "[Test] KubeCon 2015 — Day 1: Kubernetes 1.1, a live upgrade and federation plans";
const testers = () => [`tester-${crypto.randomUUID().slice(0, 6)}@example.com`, `editor-${crypto.randomUUID().slice(0, 6)}@example.com`];

/** POST /api/sends at `at` with the key, optionally with sending dependencies changed. */
function post(at: number, key: string, body: unknown, change?: (deps: SendingDeps) => Partial<SendingDeps>) {
  const headers = { Authorization: "Bearer test-author-token-0001", "Content-Type": "application/json", "Idempotency-Key": key };
  const sending = change ? { sending: (e: Env, config: SendingDeps["config"]) => ({ ...realSendingDeps(e, config, () => at), ...change(realSendingDeps(e, config, () => at)) }) } : {};
  return fetchAt(at, "/api/sends", { method: "POST", headers, body: JSON.stringify(body) }, {}, sending);
}

/** A promise the test opens when it is ready. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

const testSends = async () => (await env.DB.prepare("SELECT id FROM sends WHERE kind = 'test' ORDER BY id").all<{ id: number }>()).results.map((r) => r.id);

beforeEach(clearLedger);

describe("Idempotency-Key and test sends", () => {
  it("a request that fails after its test send was queued keeps its key: the retry answers with that send, and each address gets one copy", async () => {
    const key = `key-${crypto.randomUUID()}`;
    const to = testers();
    // The queue takes the messages, then the answer is lost: the send is on its way, the request fails.
    const lostAnswer = (deps: SendingDeps) => ({
      queue: { sendBatch: async (batch: Parameters<SendingDeps["queue"]["sendBatch"]>[0]) => { await deps.queue.sendBatch(batch); throw new Error("injected: the queue's answer was lost"); } },
    });
    const failed = await post(AT, key, { date: DAY1, to }, lostAnswer);
    expect(failed.status).toBe(500);
    const [made] = await testSends();
    expect(made).toBeDefined();

    const retry = await post(AT + 1_000, key, { date: DAY1, to });
    expect(retry.status).toBe(202);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(await retry.json()).toMatchObject({ id: made, kind: "test", total: 2 });
    expect(await testSends()).toEqual([made]);
    expect(await waitForStatus(made!, ["done"])).toBe("done");
    expect([...(await copies(to, SUBJECT)).values()]).toEqual([1, 1]);
  });

  it("a key whose request is still running after 60 s is not freed: a second request answers with the send the first one made", async () => {
    const key = `key-${crypto.randomUUID()}`;
    const to = testers();
    const held = gate();
    const slowAnswer = (deps: SendingDeps) => ({
      queue: { sendBatch: async (batch: Parameters<SendingDeps["queue"]["sendBatch"]>[0]) => { await deps.queue.sendBatch(batch); await held.opened; } },
    });
    const first = post(AT, key, { date: DAY1, to }, slowAnswer);
    const made = await vi.waitUntil(async () => (await testSends())[0], { timeout: SEND_CONDITION_MS, interval: 20 });

    const second = await post(AT + 61_000, key, { date: DAY1, to });
    expect(second.status).toBe(202);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(await second.json()).toMatchObject({ id: made });
    held.open();
    expect((await first).status).toBe(202);
    expect(await testSends()).toEqual([made]);
    expect(await waitForStatus(made, ["done"])).toBe("done");
    expect([...(await copies(to, SUBJECT)).values()]).toEqual([1, 1]);
  });

  it("a request that stalled before making any send answers 409 in progress; after 60 s its key is taken over, and the stalled request can no longer make a send", async () => {
    const key = `key-${crypto.randomUUID()}`;
    const to = testers();
    const held = gate();
    let reached = false;
    // Holds the request up while it renders the day, before anything is recorded.
    const stalledRender = (deps: SendingDeps): Partial<SendingDeps> => ({
      bodies: { get: async (path) => { reached = true; await held.opened; return deps.bodies.get(path); } } satisfies BodyStore,
    });
    const stalled = post(AT, key, { date: DAY1, to }, stalledRender);
    await expect.poll(() => reached, { timeout: SEND_CONDITION_MS }).toBe(true);

    const meanwhile = await post(AT + 1_000, key, { date: DAY1, to });
    expect(meanwhile.status).toBe(409);
    expect(await meanwhile.json()).toMatchObject({ error: { code: "idempotency_in_progress", field: "Idempotency-Key" } });

    const takeover = await post(AT + 61_000, key, { date: DAY1, to });
    expect(takeover.status).toBe(202);
    const { id: made } = (await takeover.json()) as { id: number };
    held.open();
    const late = await stalled;
    expect(late.status).toBe(409);
    expect(await late.json()).toMatchObject({ error: { code: "idempotency_in_progress", field: "Idempotency-Key" } });
    expect(await testSends()).toEqual([made]);
    expect(await waitForStatus(made, ["done"])).toBe("done");
    expect([...(await copies(to, SUBJECT)).values()]).toEqual([1, 1]);
    // Once answered, the key replays that answer.
    const replay = await post(AT + 120_000, key, { date: DAY1, to });
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(await replay.json()).toMatchObject({ id: made });
  });
});
