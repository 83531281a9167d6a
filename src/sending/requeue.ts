// Puts a send's pending rows back on the queue, a page per message: after a resume, and
// for rows whose queue message was lost (the scheduled job sweeps for those).
import { pendingDeliveryIds } from "../db/deliveries.ts";
import { findSend } from "../db/sends.ts";
import { enqueueDeliveries } from "./enqueue.ts";
import { finishSend } from "./finish-send.ts";
import type { SendingDeps } from "./sending-deps.ts";
import { PREPARE_CHUNK } from "./tuning.ts";

export async function requeueStep(deps: SendingDeps, sendId: number, afterId: number, staleBefore: number): Promise<void> {
  const send = await findSend(deps.db, sendId);
  if (!send || send.status !== "sending") return;
  const ids = await pendingDeliveryIds(deps.db, sendId, afterId, PREPARE_CHUNK, staleBefore);
  await enqueueDeliveries(deps, sendId, ids);
  if (ids.length === PREPARE_CHUNK) {
    await deps.queue.sendBatch([{ body: { type: "requeue", sendId, afterId: ids.at(-1)!, staleBefore } }]);
  } else {
    await finishSend(deps, sendId); // e.g. a resume of a send with nothing left open
  }
}
