// What `npm run send` prints about a send, as pure functions of the API's answers: the
// summary line, the progress bar's fields, the sentence for a send that only waits for its
// recipients' delivery times, and the dry run's due times per hour.
import type { SendView } from "../sending/send-view.ts";
import { instantLabel } from "./instant-label.ts";

/**
 * A send as the CLI reads it. The due-time fields are optional so that the CLI still reads a
 * Herald from before delivery times (issue 17) as "nothing scheduled".
 */
export type WatchedSend = Omit<SendView, "scheduled" | "nextDueAt" | "lastDueAt"> & {
  /** Rows waiting for their recipient's delivery time (not in `pending`). */
  scheduled?: number;
  nextDueAt?: string | null;
  lastDueAt?: string | null;
};

/** The dry run's due times: at once, and per hour after the dry run, hour i being (from, to]. */
export interface DueCounts {
  atOnce: number;
  hours: { from: string; to: string; count: number }[];
}

const count = (n: number) => n.toLocaleString("en");

/** ", 3,400 scheduled (next 07:00 UTC+01:00)" while rows wait for their time; "" otherwise. */
export function scheduledPart(send: WatchedSend, nowMs: number, zone?: string): string {
  const scheduled = send.scheduled ?? 0;
  if (scheduled === 0) return "";
  const next = send.nextDueAt ? ` (next ${instantLabel(send.nextDueAt, nowMs, zone)})` : "";
  return `, ${count(scheduled)} scheduled${next}`;
}

/** Rows that no longer wait for anything: the bar's progress. */
export const finishedRows = (send: WatchedSend) => Math.max(0, send.total - send.pending - (send.scheduled ?? 0));

/**
 * Nothing left to go out now but rows waiting for their recipients' times: the send is on
 * time, not stuck, and the next row leaves by itself when its time comes.
 */
export const onlyScheduledLeft = (send: WatchedSend) =>
  // Only a running send: a paused one (or one held for SES, shown `waiting`) sends nothing, due or not.
  (send.status === "sending" || send.status === "stalled") && (send.scheduled ?? 0) > 0 && send.pending === 0 && send.inFlight === 0;

/** The line after the bar: every count, the scheduled ones with their next due time. */
export function summaryLine(send: WatchedSend, nowMs: number, zone?: string): string {
  const status = onlyScheduledLeft(send) ? "waiting for its recipients' times" : send.status;
  const reason = send.reason && !onlyScheduledLeft(send) ? ` (${send.reason})` : "";
  return `Send #${send.id} ${status}${reason}: ${count(send.sent)} sent, ${count(send.failed)} failed, ${count(send.skipped)} skipped, ${count(send.unknown)} unknown, ${count(send.pending)} pending${scheduledPart(send, nowMs, zone)} of ${count(send.total)}.`;
}

/** Said when the CLI stops following a send that only waits: when its last row is due, and how to look again. */
export function waitingSentence(send: WatchedSend, nowMs: number, zone?: string): string {
  const last = send.lastDueAt ? ` The last is due at ${instantLabel(send.lastDueAt, nowMs, zone)}.` : "";
  return `Everything due so far has gone out; the ${count(send.scheduled ?? 0)} left go out by themselves at their recipients' times.${last} To look again: npm run send -- --status ${send.id} (add --follow to watch it to the end).`;
}

/** The bar's status field: why it stands still, when it does. */
export function barStatus(send: WatchedSend, nowMs: number, zone?: string): string {
  if (onlyScheduledLeft(send)) return `waiting for recipients' times${send.nextDueAt ? ` (next ${instantLabel(send.nextDueAt, nowMs, zone)})` : ""}`;
  // `waiting` (for SES) and `stalled` say why the bar stands still; the reason says more.
  if (send.status === "waiting" || send.status === "stalled") return `${send.status}${send.reason ? `: ${send.reason}` : ""}`;
  return send.status;
}

/** The dry run's lines: how many recipients are due at once, then per hour (empty hours left out). */
export function dueLines(due: DueCounts | undefined, nowMs: number, zone?: string): string[] {
  if (!due) return [];
  const later = due.hours.reduce((a, h) => a + h.count, 0);
  if (later === 0) return [`Due: all ${count(due.atOnce)} at once.`];
  const lines = [`Due: ${count(due.atOnce)} at once, ${count(later)} later at their recipients' own times, per hour:`];
  for (const h of due.hours) if (h.count > 0) lines.push(`  ${instantLabel(h.from, nowMs, zone)} – ${instantLabel(h.to, nowMs, zone)}: ${count(h.count)}`);
  return lines;
}
