// Puts a send's pending rows back on the queue, a page per message: after a resume, and
// for rows whose queue message was lost (the send's watch and the scheduled job look for those).
import { pendingDeliveryIds } from "../db/deliveries.ts";
import { findSend, type Send } from "../db/sends.ts";
import { enqueueDeliveries } from "./enqueue.ts";
import { finishSend } from "./finish-send.ts";
import type { SendingDeps, SendMessage } from "./sending-deps.ts";
import { PREPARE_CHUNK } from "./tuning.ts";

export async function requeueStep(deps: SendingDeps, sendId: number, afterId: number, staleBefore: number): Promise<void> {
  const send = await findSend(deps.db, sendId);
  if (!send || send.status !== "sending") return;
  // Rows waiting for their time stay off the queue: the watch puts them on when they are due.
  const ids = await pendingDeliveryIds(deps.db, sendId, afterId, PREPARE_CHUNK, staleBefore, deps.now());
  await enqueueDeliveries(deps, sendId, ids);
  if (ids.length === PREPARE_CHUNK) {
    await deps.queue.sendBatch([{ body: { type: "requeue", sendId, afterId: ids.at(-1)!, staleBefore } }]);
  } else {
    await finishSend(deps, sendId); // e.g. a resume of a send with nothing left open
  }
}

/** Puts the send's open work back on the queue (every pending row, and the rest of the preparation) and watches it. */
export async function restartSend(deps: SendingDeps, send: Send, now: number): Promise<void> {
  const messages: { body: SendMessage }[] = [{ body: { type: "requeue", sendId: send.id, afterId: 0, staleBefore: now + 1 } }];
  if (!send.prepared && send.kind !== "test") messages.push({ body: { type: "prepare", sendId: send.id } });
  await deps.queue.sendBatch(messages);
  await deps.watch?.arm(send.id);
}
