// Resend-unknown: an author who accepts a possible second copy sends once more to the rows
// whose SES call never reported back. Each row is resent at most once (deliveries.resent_at),
// and only to subscribers who are still active; the rows go back to pending and out through
// the queue like any other, so the rate limit, the claim and the ledger's guards all hold.
import { countUnknownRows, resendUnknown as resendUnknownRows } from "../db/deliveries.ts";
import { findSend, setSendStatus, type Send } from "../db/sends.ts";
import { ControlConflict } from "./control-send.ts";
import { restartSend } from "./requeue.ts";
import type { SendingDeps } from "./sending-deps.ts";

export interface ResendOutcome {
  send: Send;
  dryRun: boolean;
  /** Rows that went back to pending (or, in a dry run, would). */
  resend: number;
  skipped: { alreadyResent: number; notActive: number };
}

/** Statuses whose unknown rows may go out again: a paused send's go out on resume. */
const RESENDABLE: readonly Send["status"][] = ["done", "sending", "paused"];

export async function resendUnknown(deps: SendingDeps, sendId: number, dryRun: boolean): Promise<ResendOutcome | undefined> {
  const { db } = deps;
  const send = await findSend(db, sendId);
  if (!send) return undefined;
  if (!RESENDABLE.includes(send.status)) throw new ControlConflict(send, `cannot resend the unknown deliveries of a send that is ${send.status}`);
  if (send.compactedCounts) throw new ControlConflict(send, "the send's deliveries were compacted away after DELIVERY_RETENTION_DAYS; nothing is left to resend");
  if (dryRun) {
    const { resendable, alreadyResent, notActive } = await countUnknownRows(db, sendId);
    return { send, dryRun, resend: resendable, skipped: { alreadyResent, notActive } };
  }
  const now = deps.now();
  const resend = await resendUnknownRows(db, sendId, now);
  // What is still unknown now is what was left alone, and why.
  const { alreadyResent, notActive } = await countUnknownRows(db, sendId);
  if (resend > 0 && send.status === "done") await setSendStatus(db, sendId, ["done"], "sending", now, `resending ${resend} deliveries whose outcome was unknown`);
  if (resend > 0 && send.status !== "paused") await restartSend(deps, send, now);
  return { send: (await findSend(db, sendId))!, dryRun, resend, skipped: { alreadyResent, notActive } };
}
