// The scheduled job: from SEND_AT on, the day's email goes out once if the day has posts;
// past SEND_LATENESS_HOURS the day is recorded as skipped instead, with the reason. It also
// sweeps running sends for rows whose queue message or consumer was lost.
import { addDays, dateOfInstant, dayWindow } from "../content/days.ts";
import { expireInFlight } from "../db/deliveries.ts";
import { createSend, findDailySend, sendsWithStatus, type Send } from "../db/sends.ts";
import { alertAuthors } from "./alerts.ts";
import { compactLedger } from "./compact-ledger.ts";
import { finishSend } from "./finish-send.ts";
import { REQUEUE_AFTER_MS, type SendingDeps } from "./sending-deps.ts";
import { startDailySend } from "./start-send.ts";

export type DayOutcome =
  | { date: string; action: "started" | "exists"; send: Send }
  | { date: string; action: "skipped"; send: Send }
  | { date: string; action: "no_posts" };

export async function runDailyJob(deps: SendingDeps, now: number): Promise<DayOutcome[]> {
  const { sendAt, timezone, sendLatenessHours } = deps.config;
  const current = dateOfInstant(now, sendAt, timezone);
  // The latest date whose send time has come, and the one before (a long outage).
  const latest = dayWindow(current, sendAt, timezone).endMs <= now ? current : addDays(current, -1);
  const outcomes: DayOutcome[] = [];
  for (const date of [addDays(latest, -1), latest]) {
    const existing = await findDailySend(deps.db, date);
    if (existing) {
      outcomes.push({ date, action: "exists", send: existing });
      continue;
    }
    const window = dayWindow(date, sendAt, timezone);
    if (!deps.index.posts.some((p) => p.publishedMs > window.startMs && p.publishedMs <= window.endMs)) {
      outcomes.push({ date, action: "no_posts" });
      continue;
    }
    const lateHours = (now - window.endMs) / 3_600_000;
    if (lateHours > sendLatenessHours) {
      const reason = `skipped: the job first ran ${lateHours.toFixed(1)} hours after ${sendAt} ${timezone} on ${date}, past SEND_LATENESS_HOURS (${sendLatenessHours})`;
      const { created, send } = await createSend(deps.db, { kind: "daily", date, status: "skipped", reason }, now);
      if (created) await alertAuthors(deps, send, "skipped", `The daily email of ${date} was not sent: ${reason.slice(9)}.`);
      outcomes.push({ date, action: created ? "skipped" : "exists", send });
      continue;
    }
    const { created, send } = await startDailySend(deps, date, "daily");
    outcomes.push({ date, action: created ? "started" : "exists", send });
  }
  await sweep(deps, now);
  await compactLedger(deps, now);
  return outcomes;
}

/** In-flight rows past their lease become unknown; pending rows nobody carries go back on the queue. */
async function sweep(deps: SendingDeps, now: number): Promise<void> {
  for (const send of await sendsWithStatus(deps.db, "sending")) {
    await expireInFlight(deps.db, send.id, "all", now);
    if (!send.prepared) await deps.queue.sendBatch([{ body: { type: "prepare", sendId: send.id } }]);
    else await deps.queue.sendBatch([{ body: { type: "requeue", sendId: send.id, afterId: 0, staleBefore: now - REQUEUE_AFTER_MS } }]);
    await finishSend(deps, send.id);
  }
}
