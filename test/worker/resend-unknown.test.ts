// POST /api/sends/:id/resend-unknown: rows whose SES call never reported back go out once
// more, for an author who accepts a possible second copy; each row at most once, only to
// subscribers still active. The first send is played here so that its lost answers are
// injected at exact rows; the resends go through the real queue or the played one.
import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { findSend } from "../../src/db/sends.ts";
import { fetchAt } from "./app-at.ts";
import { messageIdsAtEndpoint } from "./ses-raw.ts";
import { AT, sentWithLostAnswers } from "./lost-answers.ts";
import { clearLedger, copies, drain, ledger, testDeps, waitForStatus } from "./sending-helpers.ts";

beforeEach(clearLedger);
const auth = { Authorization: "Bearer test-author-token-0001" };
const json = { ...auth, "Content-Type": "application/json" };
const statuses = async (sendId: number) => (await ledger(sendId)).map((r) => r.status);
const resend = (sendId: number | string, init: RequestInit = {}, deps?: ReturnType<typeof testDeps>, query = "") =>
  fetchAt(AT, `/api/sends/${sendId}/resend-unknown${query}`, { method: "POST", headers: auth, ...init }, {}, deps ? { sending: () => deps } : {});
const unsubscribe = (id: number) => env.DB.prepare("UPDATE subscribers SET status = 'unsubscribed' WHERE id = ?1").bind(id).run();

describe("resend-unknown", () => {
  it("a dry run answers how many would go and why others would not, and changes nothing", async () => {
    const { people, send, subject } = await sentWithLostAnswers(6, { never: [1, 3, 4] });
    await unsubscribe(people[4]!.id);
    const before = await ledger(send.id);
    const res = await resend(send.id, { headers: json, body: JSON.stringify({ dryRun: true }) });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ dryRun: true, resend: 2, skipped: { alreadyResent: 0, notActive: 1 }, send: { id: send.id, status: "done", unknown: 3 } });
    expect(await ledger(send.id)).toEqual(before);
    expect((await findSend(env.DB, send.id))!.status).toBe("done");
    expect([...(await copies(people.map((p) => p.email), subject)).values()]).toEqual([1, 0, 1, 0, 0, 1]);
  });

  it("sends once, through the real queue, to the unknown rows of active subscribers; a second call sends nothing", async () => {
    const { people, send, subject } = await sentWithLostAnswers(6, { never: [1, 3, 4] });
    await unsubscribe(people[4]!.id);
    const res = await resend(send.id); // no body at all: the controls take none
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ dryRun: false, resend: 2, skipped: { alreadyResent: 0, notActive: 1 }, send: { id: send.id, status: "sending", pending: 2, unknown: 1 } });
    expect(await waitForStatus(send.id, ["done"])).toBe("done");
    expect(await statuses(send.id)).toEqual(["sent", "sent", "sent", "sent", "unknown", "sent"]);
    // The unsubscribed one is left unknown: whether the first call reached them is still not known.
    const rows = await ledger(send.id);
    expect(rows[4]!.error).toMatch(/never came back/);
    expect(rows[1]!.error).toMatch(/^resent after: /);
    expect([...(await copies(people.map((p) => p.email), subject)).values()]).toEqual([1, 1, 1, 1, 0, 1]);

    const again = await resend(send.id);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ dryRun: false, resend: 0, skipped: { alreadyResent: 0, notActive: 1 }, send: { status: "done" } });
    expect((await findSend(env.DB, send.id))!.status).toBe("done");
    expect([...(await copies(people.map((p) => p.email), subject)).values()]).toEqual([1, 1, 1, 1, 0, 1]);
  });

  it("a row is resent at most once: one whose resend comes back unknown stays unknown", async () => {
    const { people, q, deps, send, subject } = await sentWithLostAnswers(4, { never: [0], always: [2] });
    expect(await statuses(send.id)).toEqual(["unknown", "sent", "unknown", "sent"]);
    expect(await (await resend(send.id, {}, deps)).json()).toMatchObject({ resend: 2 });
    await drain(q, deps);
    expect(await statuses(send.id)).toEqual(["sent", "sent", "unknown", "sent"]);
    expect((await findSend(env.DB, send.id))!.status).toBe("done");

    const dry = await resend(send.id, { headers: json, body: JSON.stringify({ dryRun: true }) }, deps);
    expect(await dry.json()).toMatchObject({ dryRun: true, resend: 0, skipped: { alreadyResent: 1, notActive: 0 } });
    const again = await resend(send.id, {}, deps);
    expect(await again.json()).toMatchObject({ dryRun: false, resend: 0, skipped: { alreadyResent: 1, notActive: 0 } });
    expect(q.messages).toEqual([]); // nothing put on the queue
    expect(await statuses(send.id)).toEqual(["sent", "sent", "unknown", "sent"]);
    expect([...(await copies(people.map((p) => p.email), subject)).values()]).toEqual([1, 1, 0, 1]);
  });

  it("on a paused send the rows wait as pending and go out on resume", async () => {
    const { people, q, deps, send, subject } = await sentWithLostAnswers(3, { never: [1] });
    // A done send cannot be paused; a paused one with unknown rows is one paused mid-send.
    await env.DB.prepare("UPDATE sends SET status = 'paused' WHERE id = ?1").bind(send.id).run();
    const res = await resend(send.id, {}, deps);
    expect(await res.json()).toMatchObject({ resend: 1, send: { status: "paused", pending: 1 } });
    expect(q.messages).toEqual([]); // nothing goes out while paused
    expect(await statuses(send.id)).toEqual(["sent", "pending", "sent"]);
    const resumed = await fetchAt(AT, `/api/sends/${send.id}/resume`, { method: "POST", headers: auth }, {}, { sending: () => deps });
    expect(resumed.status).toBe(200);
    await drain(q, deps);
    expect(await statuses(send.id)).toEqual(["sent", "sent", "sent"]);
    expect([...(await copies(people.map((p) => p.email), subject)).values()]).toEqual([1, 1, 1]);
  });

  it("a resent copy carries the same Message-ID as the first, Herald's own for the send and row", async () => {
    const { people, deps, q, send } = await sentWithLostAnswers(2, { taken: [0] });
    const rows = await ledger(send.id);
    expect(await messageIdsAtEndpoint(people[1]!.email)).toEqual([`<herald.s${send.id}.d${rows[1]!.id}@example.org>`]);
    expect(await (await resend(send.id, {}, deps)).json()).toMatchObject({ resend: 1 });
    await drain(q, deps);
    // SES took the first copy (only its answer was lost), so this person now has two: the
    // duplicate the author accepted. Both carry one id, which SES's events name.
    expect(await messageIdsAtEndpoint(people[0]!.email)).toEqual([`<herald.s${send.id}.d${rows[0]!.id}@example.org>`, `<herald.s${send.id}.d${rows[0]!.id}@example.org>`]);
  });
});

describe("resend-unknown refuses", () => {
  it.each([
    ["cancelled", "cannot resend the unknown deliveries of a send that is cancelled"],
    ["failed", "cannot resend the unknown deliveries of a send that is failed"],
    ["queued", "cannot resend the unknown deliveries of a send that is queued"],
  ])("a %s send: 409, nothing changes", async (status, message) => {
    const { q, deps, send } = await sentWithLostAnswers(2, { never: [0] });
    await env.DB.prepare("UPDATE sends SET status = ?2 WHERE id = ?1").bind(send.id, status).run();
    for (const init of [{}, { headers: json, body: JSON.stringify({ dryRun: true }) }]) {
      const res = await resend(send.id, init, deps);
      expect(res.status).toBe(409);
      expect(await res.json()).toMatchObject({ error: { code: "invalid_state", message }, send: { id: send.id, status } });
    }
    expect(await statuses(send.id)).toEqual(["unknown", "sent"]);
    expect(q.messages).toEqual([]);
  });

  it("a send whose rows were compacted away: 409", async () => {
    const { q, deps, send } = await sentWithLostAnswers(2, { never: [0] });
    await env.DB.prepare(`UPDATE sends SET compacted_counts = '{"sent":1,"unknown":1}' WHERE id = ?1`).bind(send.id).run();
    const res = await resend(send.id, {}, deps);
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: { code: "invalid_state", message: expect.stringMatching(/compacted/) }, send: { id: send.id, unknown: 1 } });
    expect(await statuses(send.id)).toEqual(["unknown", "sent"]);
    expect(q.messages).toEqual([]);
  });

  it.each([
    ["a bad id", { id: "x" }, {}, 400, "id"],
    ["dryRun not a boolean", {}, { headers: json, body: JSON.stringify({ dryRun: "yes" }) }, 400, "dryRun"],
    ["an unknown field", {}, { headers: json, body: JSON.stringify({ dryRun: true, all: true }) }, 400, "all"],
    ["a body that is not an object", {}, { headers: json, body: "[true]" }, 400, "body"],
    ["a body that is not JSON", {}, { headers: json, body: "{dryRun" }, 400, "body"],
    ["a body that is not declared JSON", {}, { headers: { ...auth, "Content-Type": "text/plain" }, body: '{"dryRun":true}' }, 415, "body"],
    ["dryRun in the query instead of the body", { query: "?dryRun=1" }, {}, 400, "dryRun"],
    ["no such send", { id: "999999" }, {}, 404, "id"],
  ] as const)("%s: a 4xx naming the field, nothing changes", async (_, target, init, status, field) => {
    const { q, deps, send } = await sentWithLostAnswers(2, { never: [0] });
    const res = await resend("id" in target ? target.id : send.id, init, deps, "query" in target ? target.query : "");
    expect(res.status).toBe(status);
    expect(await res.json()).toMatchObject({ error: { field } });
    expect(await statuses(send.id)).toEqual(["unknown", "sent"]);
    expect(q.messages).toEqual([]);
  });

  it("401 without the author token", async () => {
    const { send } = await sentWithLostAnswers(1, { never: [0] });
    expect((await fetchAt(AT, `/api/sends/${send.id}/resend-unknown`, { method: "POST" })).status).toBe(401);
    expect(await statuses(send.id)).toEqual(["unknown"]);
  });
});
