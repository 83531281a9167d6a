import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { listAlerts } from "../../src/db/alerts.ts";
import { sesMailer, type Mailer } from "../../src/mail/ses-mailer.ts";
import { runDailyJob } from "../../src/sending/daily-job.ts";
import { startDailySend } from "../../src/sending/start-send.ts";
import { addSubscribers, capturingQueue, clearLedger, config, consume, DAY1, DAY1_DUE, deliverUntilAcked, testDeps } from "./sending-helpers.ts";
import { inbox } from "./subscription-helpers.ts";

// Send ids start again in each test file's database while the SES inbox is shared, so each
// test marks its alerts with a site title of its own.
let site = config;
beforeEach(async () => {
  await clearLedger();
  site = { ...config, siteTitle: `Herald ${crypto.randomUUID().slice(0, 8)}` };
});
const AT = DAY1_DUE + 60_000;
/** A send's alerts, oldest first. */
const alertsOf = async (db: D1Database, sendId: number) => (await listAlerts(db, Number.MAX_SAFE_INTEGER, 200)).filter((a) => a.sendId === sendId).reverse();
const alertMail = async (sendId: number) => (await inbox(config.alertTo!)).filter((m) => m.subject.startsWith(`[${site.siteTitle}] Send #${sendId} `));

async function run(overrides = {}, people = 3) {
  await addSubscribers(people);
  const q = capturingQueue();
  const deps = testDeps(() => AT, { queue: q.queue, config: site, ...overrides });
  const { send } = await startDailySend(deps, DAY1, "daily");
  for (let round = 0; round < 5 && q.messages.length; round++) {
    const batch = q.take();
    await deliverUntilAcked(batch, deps);
    if (round === 1) await consume(batch, deps); // the queue delivering a message twice
  }
  return { send, deps };
}

// Refuses subscribers' mail the given way; alerts to the authors still go out for real.
const refusing = (kind: "rejected" | "account" | "unknown"): Mailer => ({
  send: async (m) =>
    m.to === config.alertTo
      ? sesMailer(config.ses).send(m)
      : { ok: false, kind, code: kind === "account" ? "AccountSendingPausedException" : kind === "rejected" ? "MessageRejected" : "ServiceUnavailable", message: `injected ${kind}` },
});

describe("alerts to the authors", () => {
  it("a send paused by the error budget alerts once, saying what to do", async () => {
    const { send } = await run({ mailer: refusing("rejected"), config: { ...site, maxSendErrors: 0 } });
    expect(await alertsOf(env.DB, send.id)).toMatchObject([{ cause: "paused:error_budget", sentAt: AT }]);
    const mails = await alertMail(send.id);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe(`[${site.siteTitle}] Send #${send.id} (${DAY1}): The send paused: more than MAX_SEND_ERRORS (0) recipients failed or got no answer.`);
    expect(mails[0]!.body.text.replace(/\s+/g, " ")).toContain(`POST /api/sends/${send.id}/resume`);
  });

  it("an account-level refusal alerts once", async () => {
    const { send } = await run({ mailer: refusing("account") });
    expect((await alertsOf(env.DB, send.id)).map((a) => a.cause)).toEqual(["paused:account"]);
    expect(await alertMail(send.id)).toHaveLength(1);
  });

  it("a send that ends with failed or unknown recipients alerts once for each", async () => {
    const real = sesMailer(config.ses);
    let n = 0;
    const mixed: Mailer = { send: async (m) => (++n === 1 ? refusing("rejected").send(m) : n === 2 ? refusing("unknown").send(m) : real.send(m)) };
    const { send } = await run({ mailer: mixed });
    expect((await alertsOf(env.DB, send.id)).map((a) => a.cause)).toEqual(["ended:failed", "ended:unknown"]);
    expect(await alertMail(send.id)).toHaveLength(2);
  });

  it("the alert for unknown recipients says what the author can do about them", async () => {
    // One lost answer (more in a row would make the send wait for SES instead).
    const real = sesMailer(config.ses);
    let n = 0;
    const { send } = await run({ mailer: { send: async (m: Parameters<Mailer["send"]>[0]) => (++n === 1 ? refusing("unknown").send(m) : real.send(m)) } });
    const mails = await alertMail(send.id);
    expect(mails).toHaveLength(1);
    const text = mails[0]!.body.text.replace(/\s+/g, " ");
    expect(text).toContain(`POST /api/sends/${send.id}/resend-unknown`);
    expect(text).toContain('{"dryRun": true}');
    expect(text).toMatch(/Send or Delivery events, Herald settles each of them to sent by itself/);
  });

  it("a clean send alerts nobody", async () => {
    const { send } = await run();
    expect(await alertsOf(env.DB, send.id)).toEqual([]);
    expect(await alertMail(send.id)).toHaveLength(0);
  });

  it("a skipped day alerts once, however often the job runs", async () => {
    const late = DAY1_DUE + 7 * 3_600_000;
    const q = capturingQueue();
    const deps = testDeps(() => late, { queue: q.queue, config: site });
    await runDailyJob(deps, late);
    await runDailyJob(deps, late + 15 * 60_000);
    await consume(q.take(), deps); // the alert's mail goes through the queue
    const send = (await env.DB.prepare("SELECT id FROM sends WHERE date = ?1").bind(DAY1).first<{ id: number }>())!;
    expect((await alertsOf(env.DB, send.id)).map((a) => a.cause)).toEqual(["skipped"]);
    const mails = await alertMail(send.id);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.body.text.replace(/\s+/g, " ")).toContain("npm run send -- 2015-11-09");
  });
});
