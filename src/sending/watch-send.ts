// A running send's watch, woken by its Durable Object alarm (src/send-watch-object.ts):
// rows in flight or claimed past their lease are settled or freed, open rows that stopped
// moving go back on the queue (a crash lost their claims or messages), a send waiting for
// SES is probed with one real recipient, and a send with nothing open is finished.
import { expireInFlight, openCount, pendingDeliveryIds, releaseExpiredClaims } from "../db/deliveries.ts";
import { findSend, markStalled, releaseSesHold } from "../db/sends.ts";
import { alertAuthors } from "./alerts.ts";
import { probeSend } from "./deliver.ts";
import { finishSend } from "./finish-send.ts";
import { restartSend } from "./requeue.ts";
import type { SendingDeps } from "./sending-deps.ts";
import { afterProbe, decideWatch, type WatchState } from "./watch-decision.ts";

/** One look at the send; `next` is when to look again (epoch ms), null to stop watching. */
export async function watchSend(deps: SendingDeps, sendId: number, state: WatchState, now: number): Promise<{ state: WatchState; next: number | null }> {
  const { db } = deps;
  let send = await findSend(db, sendId);
  let open = 0;
  if (send?.status === "sending") {
    await expireInFlight(db, sendId, "all", now);
    await releaseExpiredClaims(db, sendId, now);
    open = await openCount(db, sendId);
  }
  const { action, state: seen } = decideWatch(send, open, state, now);
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
      const [probe] = await pendingDeliveryIds(db, sendId, 0, 1, now + 1);
      const result = probe === undefined ? "none" : await probeSend(deps, sendId, probe);
      if (result !== "down" && (await releaseSesHold(db, sendId, deps.now()))) {
        send = (await findSend(db, sendId))!;
        await alertAuthors(deps, send, "resumed:ses", "SES answers again: the send goes on by itself.");
        await restartSend(deps, send, now);
      }
      return afterProbe(result, seen, now);
    }
  }
}
