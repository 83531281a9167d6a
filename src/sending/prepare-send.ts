// Creates a send's delivery rows a chunk at a time, so a list of any size stays inside D1's
// per-query limits and a crash resumes from the stored cursor.
import { activeSubscribersAfter, createDeliveryChunk, pendingDeliveryIds } from "../db/deliveries.ts";
import { findSend } from "../db/sends.ts";
import { finishSend } from "./finish-send.ts";
import { enqueueDeliveries } from "./enqueue.ts";
import { rowDueAt } from "./due-rule.ts";
import { assignVariants } from "./send-variants.ts";
import type { SendingDeps } from "./sending-deps.ts";
import { PREPARE_CHUNK, PREPARE_CHUNKS_PER_STEP } from "./tuning.ts";

export async function prepareStep(deps: SendingDeps, sendId: number): Promise<void> {
  // Several chunks per step, each enqueued as soon as it exists: a list of tens of
  // thousands is prepared in one step, and sending starts with the first chunk.
  for (let chunks = 0; chunks < PREPARE_CHUNKS_PER_STEP; chunks++) {
    const send = await findSend(deps.db, sendId);
    // Paused or stopped: resume starts preparation again where the cursor stands. A test send
    // has its rows from the start and must never be filled from the list.
    if (!send || send.status !== "sending" || send.prepared || send.kind === "test") return;
    const subscribers = await activeSubscribersAfter(deps.db, send.prepareCursor, PREPARE_CHUNK);
    const more = subscribers.length === PREPARE_CHUNK;
    // Each gets the variant of the day's events they follow (who follows none of them gets no
    // row), due at once or at their own hour after the send was made.
    const dueOf = new Map(subscribers.map((s) => [s.id, rowDueAt(send.createdAt, s)]));
    const rows = (await assignVariants(deps, send, subscribers)).map(([id, variant]) => [id, variant, dueOf.get(id) ?? null] as const);
    const cursor = { from: send.prepareCursor, to: subscribers.at(-1)?.id ?? send.prepareCursor, done: !more };
    // Only the step that moves the cursor goes on; an overlapping one stops here. If this one
    // dies before enqueueing, its rows are never-carried pending rows, which the next step
    // (or the sweep) picks up.
    if (!(await createDeliveryChunk(deps.db, sendId, rows, cursor, deps.now()))) return;
    // Rows due at once go on the queue now; the send's watch wakes for the others at their time.
    await enqueueDeliveries(deps, sendId, await pendingChunkIds(deps.db, sendId, deps.now()));
    if (!more) {
      await finishSend(deps, sendId); // a send to nobody is done at once
      return;
    }
  }
  await deps.queue.sendBatch([{ body: { type: "prepare", sendId } }]);
}

/** Pending rows due by `now` that no message carries yet (a rerun after a crash finds them too). */
async function pendingChunkIds(db: D1Database, sendId: number, now: number): Promise<number[]> {
  const all: number[] = [];
  let after = 0;
  for (;;) {
    const page = await pendingDeliveryIds(db, sendId, after, PREPARE_CHUNK, 0, now);
    all.push(...page);
    if (page.length < PREPARE_CHUNK) return all;
    after = page.at(-1)!;
  }
}
