// A running send's watch, woken by its Durable Object alarm (src/send-watch-object.ts):
// rows in flight or claimed past their lease are settled or freed, rows whose recipients'
// time has come go on the queue, open rows that stopped moving go back on it (a crash lost
// their claims or messages), a send waiting for SES is probed with one real recipient, and a
// send with nothing open is finished. With only rows waiting for their time, it sleeps until
// the first is due.
import { cameDueIds, deliveryCounts, expireInFlight, nextDueAt, openCount, pendingDeliveryIds, releaseExpiredClaims, skipOpen } from "../db/deliveries.ts";
import { hurrySendAlerts } from "../db/notices.ts";
import { findSend, markStalled, releaseSesHold } from "../db/sends.ts";
import { alertAuthors } from "./alerts.ts";
import { enqueueNotices } from "./enqueue.ts";
import { probeSend } from "./deliver.ts";
import { finishSend } from "./finish-send.ts";
import { restartSend } from "./requeue.ts";
import type { SendingDeps } from "./sending-deps.ts";
import { enqueueDeliveries } from "./enqueue.ts";
import { PREPARE_CHUNK, PROBE_TRIES, WATCH_MS } from "./tuning.ts";
import { afterProbe, decideWatch, type WatchState } from "./watch-decision.ts";

/** One look at the send; `next` is when to look again (epoch ms), null to stop watching. */
export async function watchSend(deps: SendingDeps, sendId: number, state: WatchState, now: number): Promise<{ state: WatchState; next: number | null }> {
  const { db } = deps;
  let send = await findSend(db, sendId);
  let open = 0;
  let expired = 0;
  let nextDue: number | null = null;
  if (send?.status === "sending") {
    expired = await expireInFlight(db, sendId, "all", now);
    await releaseExpiredClaims(db, sendId, now);
    await enqueueCameDue(deps, sendId, now);
    open = await openCount(db, sendId, now);
    nextDue = await nextDueAt(db, sendId, now);
  }
  // A cancelled send is watched until no call of it is in flight (a consumer that died after
  // the cancel leaves its row sending): then every row is final.
  if (send?.status === "cancelled") {
    await expireInFlight(db, sendId, "all", now);
    await skipOpen(db, sendId, "cancelled", now); // the send was just read: cancelled
    return { state, next: (await deliveryCounts(db, sendId)).sending > 0 ? now + WATCH_MS : null };
  }
  const { action, state: seen } = decideWatch(send, open, state, now, expired, nextDue);
  switch (action.kind) {
    case "stop":
      return { state: seen, next: null };
    case "look":
      if (action.moved && send!.stalledSince !== null) await markStalled(db, sendId, null);
      return { state: seen, next: action.next };
    case "finish":
      return { state: seen, next: (await finishSend(deps, sendId)) ? null : action.next };
    case "requeue":
      await markStalled(db, sendId, action.stalledSince);
      await restartSend(deps, send!, now);
      if (action.alert) {
        const minutes = Math.round((now - action.stalledSince) / 60_000);
        await alertAuthors(deps, send!, "stalled", `The send has not moved for ${minutes} minutes although its rows were put back on the queue.`);
      }
      return { state: seen, next: action.next };
    case "probe": {
      const result = await probe(deps, sendId, now);
      if (result === "up" || result === "nothing_left") {
        if (await releaseSesHold(db, sendId, deps.now())) {
          send = (await findSend(db, sendId))!;
          // The alert that it waited went through the SES that was down: it goes now, ahead of this one.
          await enqueueNotices(deps, await hurrySendAlerts(db, sendId, now));
          await alertAuthors(deps, send, "resumed:ses", "SES answers again: the send goes on by itself.");
          await restartSend(deps, send, now);
        }
        return afterProbe("up", seen, now);
      }
      return afterProbe("down", seen, now);
    }
  }
}

/** Rows whose time has come and that no message carried since: on the queue, a page at a time. */
async function enqueueCameDue(deps: SendingDeps, sendId: number, now: number): Promise<void> {
  for (let after = 0; ; ) {
    const ids = await cameDueIds(deps.db, sendId, now, after, PREPARE_CHUNK);
    await enqueueDeliveries(deps, sendId, ids);
    if (ids.length < PREPARE_CHUNK) return;
    after = ids.at(-1)!;
  }
}

/**
 * Tries the lowest pending rows, one at a time, until one call gets an answer from SES or not:
 * a row that made no call (skipped, say, or late for its slot) proves nothing either way.
 * "nothing_left" when no row is pending any more.
 */
async function probe(deps: SendingDeps, sendId: number, now: number): Promise<"up" | "down" | "nothing_left"> {
  let after = 0;
  for (let tries = 0; tries < PROBE_TRIES; tries++) {
    const [row] = await pendingDeliveryIds(deps.db, sendId, after, 1, now + 1, now);
    if (row === undefined) return tries === 0 ? "nothing_left" : "down";
    const result = await probeSend(deps, sendId, row);
    if (result !== "none") return result;
    after = row;
  }
  return "down"; // none of them made a call: look again at the next probe
}
