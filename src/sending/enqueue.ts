// Puts delivery ids on the queue in batches; the ledger, not the queue, says what is done.
import { markEnqueued } from "../db/deliveries.ts";
import { markNoticesEnqueued } from "../db/notices.ts";
import type { SendingDeps, SendMessage } from "./sending-deps.ts";
import { DELIVER_BATCH } from "./tuning.ts";

const MAX_MESSAGES_PER_CALL = 100; // Queues' sendBatch limit

type EnqueueDeps = Pick<SendingDeps, "db" | "queue" | "now">;

export async function enqueueDeliveries(deps: EnqueueDeps, sendId: number, ids: readonly number[]): Promise<void> {
  await sendInBatches(deps, ids, (part) => ({ type: "deliver", sendId, ids: part }));
  if (ids.length) await markEnqueued(deps.db, ids, deps.now());
}

/** Notice ids (confirmations, alerts) on the queue, 50 to a message like deliveries. */
export async function enqueueNotices(deps: EnqueueDeps, ids: readonly number[], delaySeconds?: number): Promise<void> {
  await sendInBatches(deps, ids, (part) => ({ type: "notices", ids: part }), delaySeconds);
  if (ids.length) await markNoticesEnqueued(deps.db, ids, deps.now());
}

async function sendInBatches(deps: EnqueueDeps, ids: readonly number[], message: (ids: number[]) => SendMessage, delaySeconds?: number): Promise<void> {
  const messages: { body: SendMessage; delaySeconds?: number }[] = [];
  for (let i = 0; i < ids.length; i += DELIVER_BATCH) messages.push({ body: message(ids.slice(i, i + DELIVER_BATCH)), ...(delaySeconds ? { delaySeconds } : {}) });
  for (let i = 0; i < messages.length; i += MAX_MESSAGES_PER_CALL) await deps.queue.sendBatch(messages.slice(i, i + MAX_MESSAGES_PER_CALL));
}
