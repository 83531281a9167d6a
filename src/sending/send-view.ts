// A send as the author API shows it: its record, the ledger's counts and the current rate.
import { deliveryCounts, scheduledRows, sentSince } from "../db/deliveries.ts";
import type { Send } from "../db/sends.ts";
import { listVariants } from "../db/send-variants.ts";
import { isoOrNull } from "../util/iso-time.ts";

/** As the API shows it: a send Herald holds for SES is `waiting`, one whose rows stopped moving `stalled`. */
export type ShownStatus = Send["status"] | "waiting" | "stalled";

export interface SendView {
  id: number;
  kind: Send["kind"];
  date: string;
  status: ShownStatus;
  reason: string | null;
  subject: string | null;
  total: number;
  sent: number;
  failed: number;
  skipped: number;
  unknown: number;
  /** Rows the send had that erasing their subscribers removed since (0 for a compacted send, whose kept counts stay whole). */
  erased: number;
  /** Rows due and not sent yet that no call carries (they go out as the send goes on). */
  pending: number;
  /** Rows waiting for their recipients' own time (a delivery time): not due yet, not stalled. */
  scheduled: number;
  /** When the first and the last of those are due. */
  nextDueAt: string | null;
  lastDueAt: string | null;
  /** Rows whose SES call is under way this moment. */
  inFlight: number;
  /** Since when its rows stopped moving (shown as `stalled`), while they do not. */
  stalledSince: string | null;
  /** Messages per second over the last 10 seconds. */
  rate: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** The events of the day's posts (null for sends from before audiences, and test sends). */
  events: string[] | null;
  /** One rendered email per distinct set of those events its recipients follow, with its rows so far. */
  variants: { events: string[]; subject: string; recipients: number }[];
}

const emptyCounts = () => ({ pending: 0, claimed: 0, sending: 0, sent: 0, failed: 0, skipped: 0, unknown: 0 });

export async function sendView(db: D1Database, send: Send, now: number): Promise<SendView> {
  // A compacted send's rows are gone (or going): its kept counts are the truth.
  const counts = send.compactedCounts ? { ...emptyCounts(), ...send.compactedCounts } : await deliveryCounts(db, send.id);
  const recent = send.status === "sending" ? await sentSince(db, send.id, now - 10_000) : 0;
  const waiting = send.compactedCounts ? { count: 0, next: null, last: null } : await scheduledRows(db, send.id, now);
  const variants = send.events === null ? [] : await listVariants(db, send.id);
  const rows = Object.values(counts).reduce((a, b) => a + b, 0);
  return {
    id: send.id,
    kind: send.kind,
    date: send.date,
    status: shownStatus(send),
    reason: send.reason,
    subject: send.subject,
    total: Math.max(send.total, rows),
    sent: counts.sent,
    failed: counts.failed,
    skipped: counts.skipped,
    unknown: counts.unknown,
    // An erase deletes the person's rows but not the send's total, so the gap is who was erased.
    erased: send.compactedCounts ? 0 : Math.max(0, send.total - rows),
    pending: counts.pending - waiting.count + counts.claimed,
    scheduled: waiting.count,
    nextDueAt: isoOrNull(waiting.next),
    lastDueAt: isoOrNull(waiting.last),
    inFlight: counts.sending,
    stalledSince: isoOrNull(send.stalledSince),
    rate: recent / 10,
    createdAt: isoOrNull(send.createdAt)!,
    startedAt: isoOrNull(send.startedAt),
    finishedAt: isoOrNull(send.finishedAt),
    events: send.events,
    variants: variants.map((v) => ({ events: v.events, subject: v.subject, recipients: v.recipients })),
  };
}

export function shownStatus(send: Pick<Send, "status" | "hold" | "stalledSince">): ShownStatus {
  if (send.status === "paused" && send.hold === "ses") return "waiting";
  if (send.status === "sending" && send.stalledSince !== null) return "stalled";
  return send.status;
}
