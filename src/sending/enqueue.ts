// Puts delivery ids on the queue in batches; the ledger, not the queue, says what is done.
import { markEnqueued } from "../db/deliveries.ts";
import { DELIVER_BATCH, type SendingDeps, type SendMessage } from "./sending-deps.ts";

const MAX_MESSAGES_PER_CALL = 100; // Queues' sendBatch limit

export async function enqueueDeliveries(deps: Pick<SendingDeps, "db" | "queue" | "now">, sendId: number, ids: readonly number[]): Promise<void> {
  const messages: { body: SendMessage }[] = [];
  for (let i = 0; i < ids.length; i += DELIVER_BATCH) messages.push({ body: { type: "deliver", sendId, ids: ids.slice(i, i + DELIVER_BATCH) } });
  for (let i = 0; i < messages.length; i += MAX_MESSAGES_PER_CALL) await deps.queue.sendBatch(messages.slice(i, i + MAX_MESSAGES_PER_CALL));
  if (ids.length) await markEnqueued(deps.db, ids, deps.now());
}
