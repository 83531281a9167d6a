// Author control over a running send: pause, resume, cancel, retry what failed. Each is
// a guarded status change in the ledger; consumers see it before their next claim.
import { retryFailed, skipOpen } from "../db/deliveries.ts";
import { findSend, setSendStatus, type Send } from "../db/sends.ts";
import type { SendingDeps, SendMessage } from "./sending-deps.ts";

export type ControlAction = "pause" | "resume" | "cancel" | "retry-failed";

export class ControlConflict extends Error {
  override name = "ControlConflict";
  constructor(readonly send: Send, message: string) {
    super(message);
  }
}

export async function controlSend(deps: SendingDeps, sendId: number, action: ControlAction): Promise<Send | undefined> {
  const { db } = deps;
  const send = await findSend(db, sendId);
  if (!send) return undefined;
  const now = deps.now();
  const refuse = (what: string) => new ControlConflict(send, `cannot ${what} a send that is ${send.status}`);
  switch (action) {
    case "pause":
      if (!(await setSendStatus(db, sendId, ["sending", "queued"], "paused", now, "paused by an author"))) throw refuse("pause");
      break;
    case "resume":
      if (!(await setSendStatus(db, sendId, ["paused"], "sending", now, null))) throw refuse("resume");
      await restart(deps, send, now);
      break;
    case "cancel":
      if (!(await setSendStatus(db, sendId, ["sending", "paused", "queued"], "cancelled", now, "cancelled by an author"))) throw refuse("cancel");
      await skipOpen(db, sendId, "cancelled", now); // what was sent stays sent
      break;
    case "retry-failed": {
      if (!["done", "paused", "sending"].includes(send.status)) throw refuse("retry the failed deliveries of");
      if (send.compactedCounts) throw new ControlConflict(send, "the send's deliveries were compacted away after DELIVERY_RETENTION_DAYS; nothing is left to retry");
      const count = await retryFailed(db, sendId, now);
      if (count > 0 && send.status === "done") await setSendStatus(db, sendId, ["done"], "sending", now, `retrying ${count} failed deliveries`);
      if (count > 0 && send.status !== "paused") await restart(deps, send, now);
      break;
    }
  }
  return findSend(db, sendId);
}

/** Puts the send's open work back on the queue: the rest of the preparation, and every pending row. */
export async function restart(deps: SendingDeps, send: Send, now: number): Promise<void> {
  const messages: { body: SendMessage }[] = [{ body: { type: "requeue", sendId: send.id, afterId: 0, staleBefore: now + 1 } }];
  if (!send.prepared) messages.push({ body: { type: "prepare", sendId: send.id } });
  await deps.queue.sendBatch(messages);
}
