// Author control over a running send: pause, resume, cancel, retry what failed. Each is
// a guarded status change in the ledger; consumers see it before their next claim.
import { deliveryCounts, retryFailed, skipOpen } from "../db/deliveries.ts";
import { findSend, setSendStatus, type Send } from "../db/sends.ts";
import { restartSend } from "./requeue.ts";
import type { SendingDeps } from "./sending-deps.ts";
import { sleep } from "./at-slot.ts";
import { SETTLE_WAIT_MS } from "./tuning.ts";

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
      // A send waiting for SES is Herald's to resume; paused by an author, it is theirs.
      if (!(await setSendStatus(db, sendId, send.hold === "ses" ? ["paused"] : ["sending", "queued"], "paused", now, "paused by an author"))) throw refuse("pause");
      await settleInFlight(db, sendId);
      break;
    case "resume":
      if (!(await setSendStatus(db, sendId, ["paused"], "sending", now, null))) throw refuse("resume");
      await restartSend(deps, send, now);
      break;
    case "cancel":
      if (!(await setSendStatus(db, sendId, ["sending", "paused", "queued"], "cancelled", now, "cancelled by an author"))) throw refuse("cancel");
      await skipOpen(db, sendId, "cancelled", now); // what was sent stays sent
      await settleInFlight(db, sendId);
      break;
    case "retry-failed": {
      if (!["done", "paused", "sending"].includes(send.status)) throw refuse("retry the failed deliveries of");
      if (send.compactedCounts) throw new ControlConflict(send, "the send's deliveries were compacted away after DELIVERY_RETENTION_DAYS; nothing is left to retry");
      const count = await retryFailed(db, sendId, now);
      if (count > 0 && send.status === "done") await setSendStatus(db, sendId, ["done"], "sending", now, `retrying ${count} failed deliveries`);
      if (count > 0 && send.status !== "paused") await restartSend(deps, send, now);
      break;
    }
  }
  return findSend(db, sendId);
}

/**
 * After a pause or cancel no new call starts, but those already in flight (a window's worth)
 * still get their answers: the answer waits for them, so its counts stay true.
 */
async function settleInFlight(db: D1Database, sendId: number): Promise<void> {
  const deadline = Date.now() + SETTLE_WAIT_MS;
  while ((await deliveryCounts(db, sendId)).sending > 0 && Date.now() < deadline) await sleep(50);
}
