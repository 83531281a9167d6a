// The daily send while SES cannot be reached at all: a call whose request never left puts its
// row back to pending, to go out once SES answers again; nobody is counted sent or unknown.
import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { findSend } from "../../src/db/sends.ts";
import { sesMailer, type Mailer } from "../../src/mail/ses-mailer.ts";
import { startDailySend } from "../../src/sending/start-send.ts";
import { LEASE_MS } from "../../src/sending/tuning.ts";
import { addSubscribers, capturingQueue, clearLedger, config, consume, copies, DAY1, DAY1_DUE, deliverUntilAcked, ledger, testDeps } from "./sending-helpers.ts";

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
    const deps = testDeps(() => clock.now, { queue: q.queue, mailer });
    const { send } = await startDailySend(deps, DAY1, "daily");
    await consume(q.take(), deps); // prepare
    const deliver = q.take();

    expect((await consume(deliver, deps)).map((r) => r.outcome)).toEqual(["retry"]);
    const down = await ledger(send.id);
    expect(down.map((r) => r.status)).toEqual(people.map(() => "pending"));
    expect(down.every((r) => r.error?.startsWith("RequestNotSent:"))).toBe(true);
    const subject = (await findSend(env.DB, send.id))!.subject!;
    expect([...(await copies(people.map((p) => p.email), subject)).values()]).toEqual(people.map(() => 0));

    sesUp = true;
    clock.now += LEASE_MS + 1_000;
    await deliverUntilAcked(deliver, deps);
    expect((await ledger(send.id)).map((r) => r.status)).toEqual(people.map(() => "sent"));
    expect([...(await copies(people.map((p) => p.email), subject)).values()]).toEqual(people.map(() => 1));
    expect((await findSend(env.DB, send.id))!.status).toBe("done");
  });
});
