// What a running send's watch does when it wakes, as a pure function of what it sees: the
// send, how many of its rows are still open (due and not final), when the next row waiting
// for its recipient's time is due, and what it saw last time. The watch
// (watch-send.ts, woken by a Durable Object alarm) carries it out.
import type { Send } from "../db/sends.ts";
import { probeDelayMs, STALL_ALERT_MS, STALL_MS, WATCH_MS } from "./tuning.ts";

export interface WatchState {
  /** Open rows and preparation cursor at the last look: any change is movement. */
  lastOpen: number | null;
  lastCursor: number;
  /** When the send was last seen to move (or its rows last put back). */
  movedAt: number;
  /** Probes tried since the send began to wait for SES, and when the next one is due. */
  probes: number;
  probeAt: number | null;
}

export const freshWatch = (now: number): WatchState => ({ lastOpen: null, lastCursor: 0, movedAt: now, probes: 0, probeAt: null });

export type WatchAction =
  /** Stop watching: the send is over, or an author holds it (a resume watches it again). */
  | { kind: "stop" }
  /** Nothing to do but look again at `next` (the next due time, when only waiting rows are left). */
  | { kind: "look"; next: number; moved: boolean }
  /** Open rows stopped moving: put them (and the preparation) back on the queue. */
  | { kind: "requeue"; next: number; stalledSince: number; alert: boolean }
  /** Nothing is open: the send may be done. */
  | { kind: "finish"; next: number }
  /** The send waits for SES: try one recipient now. */
  | { kind: "probe" };

type SendFacts = Pick<Send, "status" | "hold" | "prepared" | "prepareCursor" | "stalledSince">;

/**
 * `expired`: rows this look itself turned from in flight to unknown; that is not the send moving.
 * `nextDue`: the first due time still ahead among rows waiting for their time (null: none);
 * such rows are not open, so they never make a send look stalled, and they keep it from done.
 */
export function decideWatch(send: SendFacts | undefined, open: number, state: WatchState, now: number, expired = 0, nextDue: number | null = null): { action: WatchAction; state: WatchState } {
  if (!send || ["done", "cancelled", "failed", "skipped"].includes(send.status)) return { action: { kind: "stop" }, state };
  if (send.status === "paused") {
    if (send.hold !== "ses") return { action: { kind: "stop" }, state };
    if (state.probeAt !== null && now < state.probeAt) return { action: { kind: "look", next: state.probeAt, moved: false }, state };
    return { action: { kind: "probe" }, state };
  }
  // Never later than the next due time: its rows go on the queue within moments of it.
  const next = nextDue === null ? now + WATCH_MS : Math.min(now + WATCH_MS, nextDue);
  // A send held for SES that goes on again starts its probes from the first delay next time.
  const base = { ...state, probes: 0, probeAt: null };
  if (send.status !== "sending") return { action: { kind: "look", next, moved: false }, state: base };
  const moved = open + expired !== state.lastOpen || send.prepareCursor !== state.lastCursor;
  // Only rows waiting for their time are left: nothing can stall, nothing is to finish yet.
  // Sleep until the first of them is due.
  if (open === 0 && send.prepared && nextDue !== null) {
    return { action: { kind: "look", next: nextDue, moved }, state: { ...base, lastOpen: 0, lastCursor: send.prepareCursor, movedAt: now } };
  }
  const seen = { ...base, lastOpen: open };
  if (moved) return { action: { kind: "look", next, moved: true }, state: { ...base, lastOpen: open, lastCursor: send.prepareCursor, movedAt: now } };
  if (open === 0 && send.prepared) return { action: { kind: "finish", next }, state: seen };
  if (now - state.movedAt < STALL_MS) return { action: { kind: "look", next, moved: false }, state: seen };
  const stalledSince = send.stalledSince ?? state.movedAt;
  // Put back once per STALL_MS while it stays still; the authors hear of it once it has stayed so.
  return { action: { kind: "requeue", next, stalledSince, alert: now - stalledSince >= STALL_ALERT_MS }, state: { ...seen, movedAt: now } };
}

/** After a probe: SES answered (the send goes on), still did not (try again later), or there was nobody to try. */
export function afterProbe(result: "up" | "down" | "none", state: WatchState, now: number): { state: WatchState; next: number } {
  if (result === "down") {
    const probes = state.probes + 1;
    const probeAt = now + probeDelayMs(probes);
    return { state: { ...state, probes, probeAt }, next: probeAt };
  }
  return { state: { ...state, probes: 0, probeAt: null, movedAt: now, lastOpen: null }, next: now + WATCH_MS };
}
