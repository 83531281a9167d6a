// The daily send while SES cannot be reached at all: a call whose request never left puts its
// row back to pending, to go out once SES answers again; nobody is counted sent or unknown.
import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { findSend } from "../../src/db/sends.ts";
import { sesMailer, type Mailer } from "../../src/mail/ses-mailer.ts";
import { startDailySend } from "../../src/sending/start-send.ts";
import { SesHealth } from "../../src/sending/ses-health.ts";
import { LEASE_MS } from "../../src/sending/tuning.ts";
import { freshWatch } from "../../src/sending/watch-decision.ts";
import { watchSend } from "../../src/sending/watch-send.ts";
import { addSubscribers, capturingQueue, clearLedger, config, consume, copies, DAY1, DAY1_DUE, drain, ledger, testDeps } from "./sending-helpers.ts";

beforeEach(clearLedger);

const refused = sesMailer({ ...config.ses, endpoint: (env as unknown as { REFUSED_SES_ENDPOINT: string }).REFUSED_SES_ENDPOINT });
const reachable = sesMailer(config.ses);

describe("a send while the SES endpoint is down", () => {
  it("hands every row back pending, not unknown, and sends each person one copy once SES is back", async () => {
    const people = await addSubscribers(4);
    const clock = { now: DAY1_DUE + 60_000 };
    let sesUp = false;
    const mailer: Mailer = { send: (m) => (sesUp ? reachable : refused).send(m) };
    const q = capturingQueue();
    const deps = testDeps(() => clock.now, { queue: q.queue, mailer, sesHealth: new SesHealth() });
    const { send } = await startDailySend(deps, DAY1, "daily");
    await consume(q.take(), deps); // prepare
    const deliver = q.take();

    // Each run stops at its first unanswered call; the queue's retries bring the message back
    // until three calls in a row went unanswered: then the send waits for SES (the breaker).
    for (let round = 0; round < 6 && (await findSend(env.DB, send.id))!.hold === null; round++) {
      await consume(deliver, deps, round + 1);
    }
    expect((await findSend(env.DB, send.id))!.hold).toBe("ses");
    const down = await ledger(send.id);
    expect(down.map((r) => r.status)).toEqual(people.map(() => "pending"));
    expect(down.filter((r) => r.error?.startsWith("RequestNotSent:")).length).toBeGreaterThanOrEqual(1);
    const subject = (await findSend(env.DB, send.id))!.subject!;
    expect([...(await copies(people.map((p) => p.email), subject)).values()]).toEqual(people.map(() => 0));

    // SES is back: the watch's probe gets an answer and the send goes on by itself.
    sesUp = true;
    clock.now += LEASE_MS + 1_000;
    await watchSend(deps, send.id, freshWatch(clock.now), clock.now);
    await drain(q, deps);
    expect((await ledger(send.id)).map((r) => r.status)).toEqual(people.map(() => "sent"));
    expect([...(await copies(people.map((p) => p.email), subject)).values()]).toEqual(people.map(() => 1));
    expect((await findSend(env.DB, send.id))!.status).toBe("done");
  });
});
