// Starting a send: render the day once, record the send (the unique key on its date
// decides whether this call creates it), and put its first step on the queue.
import { createTestDeliveries, pendingDeliveryIds } from "../db/deliveries.ts";
import { createSend, findSend, recordPrepared, setSendStatus, type Send } from "../db/sends.ts";
import { renderDay } from "../email/render-day.ts";
import { enqueueDeliveries } from "./enqueue.ts";
import type { SendingDeps } from "./sending-deps.ts";

/** The day's send, whether the cron or an author starts it, takes the date's one daily slot; a test send never does. */
export const takesDailySlot = (kind: "daily" | "manual" | "test") => kind !== "test";

export class NoPostsError extends Error {
  override name = "NoPostsError";
}

/** `idempotencyClaim`: the claim of the author's Idempotency-Key, which the send will carry (db/idempotency-keys.ts). */
export async function startDailySend(deps: SendingDeps, date: string, kind: "daily" | "manual", idempotencyClaim?: string): Promise<{ created: boolean; send: Send }> {
  const now = deps.now();
  const snapshot = await renderDay(deps.config, deps.index, deps.bodies, date, now, { mode: "email" });
  if (!snapshot) throw new NoPostsError(`no published posts for ${date}`);
  const result = await createSend(deps.db, { kind, date, status: "sending", snapshot, takesDailySlot: takesDailySlot(kind), ...(idempotencyClaim ? { idempotencyClaim } : {}) }, now);
  if (result.created) {
    await deps.queue.sendBatch([{ body: { type: "prepare", sendId: result.send.id } }]);
    await deps.watch?.arm(result.send.id);
  }
  return result;
}

/** A test send: the day's email to the given addresses only, outside the daily record. */
export async function startTestSend(deps: SendingDeps, date: string, to: readonly string[], idempotencyClaim?: string): Promise<Send> {
  const now = deps.now();
  const snapshot = await renderDay(deps.config, deps.index, deps.bodies, date, now, { mode: "email" });
  if (!snapshot) throw new NoPostsError(`no published posts for ${date}`);
  // Queued until its rows exist: nothing ever sends a test send that lost its recipients.
  const { send } = await createSend(deps.db, { kind: "test", date, status: "queued", snapshot: { ...snapshot, subject: `[Test] ${snapshot.subject}` }, takesDailySlot: takesDailySlot("test"), ...(idempotencyClaim ? { idempotencyClaim } : {}) }, now);
  await createTestDeliveries(deps.db, send.id, to, now);
  await recordPrepared(deps.db, send.id, 0, 0, true, now);
  await setSendStatus(deps.db, send.id, ["queued"], "sending", now);
  await enqueueDeliveries(deps, send.id, await pendingDeliveryIds(deps.db, send.id, 0, to.length, 0));
  await deps.watch?.arm(send.id);
  return (await findSend(deps.db, send.id))!;
}
