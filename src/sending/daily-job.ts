// The scheduled job: from SEND_AT on, the day's email goes out once if the day has posts;
// past SEND_LATENESS_HOURS the day is recorded as skipped instead, with the reason. It also
// sweeps running sends for rows whose queue message or consumer was lost, compacts old
// ledger rows, forgets SNS message ids too old to be replayed, and lets the WebSub hub push
// the feeds that changed since its last run.
import { addDays } from "../content/days.ts";
import { dueAt, latestDueDate } from "../content/schedule.ts";
import { pruneSnsMessages } from "../db/bounces.ts";
import { expireInFlight, releaseExpiredClaims } from "../db/deliveries.ts";
import { createSend, findDailySend, sendsWithStatus, type Send } from "../db/sends.ts";
import { alertAuthors } from "./alerts.ts";
import { compactLedger } from "./compact-ledger.ts";
import { sweepNotices } from "../db/notices.ts";
import { enqueueNotices } from "./enqueue.ts";
import { finishSend } from "./finish-send.ts";
import type { SendingDeps, SendMessage } from "./sending-deps.ts";
import { NOTICE_GIVE_UP_MS, REQUEUE_AFTER_MS, SNS_REPLAY_KEEP_MS } from "./tuning.ts";
import { postsForSend } from "./send-posts.ts";
import { carriedRecord, startDailySend, takesDailySlot } from "./start-send.ts";
import { hubUpkeep } from "../websub/hub-upkeep.ts";


export type DayOutcome =
  | { date: string; action: "started" | "exists"; send: Send }
  | { date: string; action: "skipped"; send: Send }
  | { date: string; action: "no_posts" };

export async function runDailyJob(deps: SendingDeps, now: number): Promise<DayOutcome[]> {
  // The latest date whose send time has come, and the one before (a long outage).
  const latest = latestDueDate(deps.config, now);
  const outcomes: DayOutcome[] = [];
  for (const date of [addDays(latest, -1), latest]) {
    try {
      outcomes.push(await runDay(deps, date, now));
    } catch (err) {
      // One day's trouble must not stop the sweep and the other day.
      console.error(`daily job for ${date} failed`, err);
    }
  }
  await sweep(deps, now);
  await enqueueNotices(deps, await sweepNotices(deps.db, now, now - REQUEUE_AFTER_MS, now - NOTICE_GIVE_UP_MS));
  await compactLedger(deps, now);
  await pruneSnsMessages(deps.db, now - SNS_REPLAY_KEEP_MS);
  try {
    await hubUpkeep(deps, now);
  } catch (err) {
    console.error("daily job: the WebSub hub's upkeep failed", err); // the sends above stand
  }
  return outcomes;
}

async function runDay(deps: SendingDeps, date: string, now: number): Promise<DayOutcome> {
  const { sendAt, timezone, sendLatenessHours } = deps.config;
  const existing = await findDailySend(deps.db, date);
  if (existing) return { date, action: "exists", send: existing };
  const chosen = await postsForSend(deps, date, now);
  if (chosen.posts.length === 0) return { date, action: "no_posts" };
  const lateHours = (now - dueAt(date, deps.config)) / 3_600_000;
  if (lateHours > sendLatenessHours) {
    const reason = `skipped: the job first ran ${lateHours.toFixed(1)} hours after ${sendAt} ${timezone} on ${date}, past SEND_LATENESS_HOURS (${sendLatenessHours})`;
    // The skipped posts are recorded as carried, so no later day picks them up: a skipped day stays unsent.
    const { created, send } = await createSend(deps.db, { kind: "daily", date, status: "skipped", reason, takesDailySlot: takesDailySlot("daily"), carried: carriedRecord(chosen) }, now);
    if (created) await alertAuthors(deps, send, "skipped", `The daily email of ${date} was not sent: ${reason.slice(9)}.`);
    return { date, action: created ? "skipped" : "exists", send };
  }
  const { created, send } = await startDailySend(deps, date, "daily");
  return { date, action: created ? "started" : "exists", send };
}

/**
 * Running sends, swept: in-flight rows past their lease become unknown, claims past their
 * lease go back to pending, and pending rows nobody carried lately go back on the queue.
 * A preparation that stopped moving is started again.
 */
async function sweep(deps: SendingDeps, now: number): Promise<void> {
  for (const send of await sendsWithStatus(deps.db, "sending")) {
    await expireInFlight(deps.db, send.id, "all", now);
    await releaseExpiredClaims(deps.db, send.id, now);
    const messages: { body: SendMessage }[] = [{ body: { type: "requeue", sendId: send.id, afterId: 0, staleBefore: now - REQUEUE_AFTER_MS } }];
    if (!send.prepared && send.kind !== "test" && send.updatedAt < now - REQUEUE_AFTER_MS) messages.push({ body: { type: "prepare", sendId: send.id } });
    await deps.queue.sendBatch(messages);
    await finishSend(deps, send.id);
    await deps.watch?.arm(send.id); // a send started before its watch existed gets one too
  }
}
