// What a send does next, as pure functions of what just happened: after each group of SES
// answers (carry on, back off, pause and why, or stop because an author stepped in), and at
// the end of a queue message (done with it, or try again after a while). The mechanics in
// deliver.ts only carry these out.

export type AnswerKind = "sent" | "throttled" | "unsent" | "rejected" | "unknown" | "account";

export interface GroupFacts {
  answers: readonly { kind: AnswerKind; error?: string }[];
  /** False when the send's status changed under this run: an author paused or cancelled it. */
  stillSending: boolean;
  /** Rows of the send that failed so far (only read when a recipient was refused). */
  failed: number;
  maxSendErrors: number;
}

export type GroupDecision =
  | { action: "continue" }
  /** SES throttled: carry on within the rate; the message comes back after a backoff. */
  | { action: "back_off" }
  | { action: "pause"; cause: "paused:account" | "paused:error_budget"; reason: string; alert: string }
  /** An author paused or cancelled: nothing more from this run. */
  | { action: "stop" };

export function decideGroup(f: GroupFacts): GroupDecision {
  if (!f.stillSending) return { action: "stop" };
  const refused = f.answers.find((a) => a.kind === "account");
  if (refused) {
    const error = refused.error ?? "";
    return { action: "pause", cause: "paused:account", reason: `paused: SES refused the account (${error})`, alert: `The send paused: SES refused the account (${error}).` };
  }
  if (f.answers.some((a) => a.kind === "rejected") && f.failed > f.maxSendErrors) {
    const why = `more than MAX_SEND_ERRORS (${f.maxSendErrors}) recipients failed`;
    return { action: "pause", cause: "paused:error_budget", reason: `paused: ${why}`, alert: `The send paused: ${why}.` };
  }
  if (f.answers.some((a) => a.kind === "throttled")) return { action: "back_off" };
  return { action: "continue" };
}

export interface BatchFacts {
  /** The run stopped early: paused, cancelled, or the account refused. */
  stopped: boolean;
  throttled: boolean;
  /** The message's rows still open: pending ones, and the latest lease another run holds. */
  open: { pending: number; leasedUntil: number | null };
  attempt: number;
  now: number;
  backoffMs: (attempt: number) => number;
}

export type BatchDecision = { done: true } | { done: false; retryAfterMs: number };

export function decideBatch(f: BatchFacts): BatchDecision {
  // Stopped: a resume puts the pending rows back on the queue; this message is done.
  if (f.stopped) return { done: true };
  if (f.throttled || f.open.pending > 0) return { done: false, retryAfterMs: f.backoffMs(f.attempt) };
  // Rows under another run's lease: look again once it has run out.
  if (f.open.leasedUntil !== null) return { done: false, retryAfterMs: Math.max(1000, f.open.leasedUntil - f.now) };
  return { done: true };
}
