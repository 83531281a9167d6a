// What a send does next, as pure functions of what just happened: after each part's SES
// answers (carry on, back off, wait for SES, pause and why, or stop because an author
// stepped in), and at the end of a queue message (done with it, or try again after a
// while). The mechanics in deliver.ts only carry these out.

/** `unsent`: the request never left (connection refused, DNS, TLS); `unknown`: it left and no answer came back (or a 5xx). */
export type AnswerKind = "sent" | "throttled" | "rejected" | "unknown" | "unsent" | "account";

export interface GroupFacts {
  answers: readonly { kind: AnswerKind; error?: string }[];
  /** False when the send's status changed under this run: an author paused or cancelled it. */
  stillSending: boolean;
  /** Rows of the send that failed or whose fate is unknown so far (only read when an answer was one of those). */
  failed: number;
  maxSendErrors: number;
  /** SES calls in a row, across the isolate, that got no answer from SES; and the last one's error. */
  consecutiveFailures: number;
  lastFailure: string;
  circuitFailures: number;
}

export type GroupDecision =
  | { action: "continue" }
  /** SES throttled, or did not answer (not yet enough for the breaker): this run stops at once and its message comes back after a backoff. */
  | { action: "back_off" }
  /** SES does not answer: the send waits for it (the circuit breaker); its watch probes until SES answers. */
  | { action: "wait_for_ses"; reason: string; alert: string }
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
  if (f.answers.some((a) => a.kind === "rejected" || a.kind === "unknown") && f.failed > f.maxSendErrors) {
    const why = `more than MAX_SEND_ERRORS (${f.maxSendErrors}) recipients failed or got no answer`;
    return { action: "pause", cause: "paused:error_budget", reason: `paused: ${why}`, alert: `The send paused: ${why}.` };
  }
  if (f.consecutiveFailures >= f.circuitFailures && f.answers.some((a) => a.kind === "unsent" || a.kind === "unknown")) {
    const why = `${f.consecutiveFailures} calls in a row got no answer from SES (last: ${f.lastFailure})`;
    return { action: "wait_for_ses", reason: `waiting for SES: ${why}`, alert: `The send is waiting for SES: ${why}. It goes on by itself once SES answers again.` };
  }
  if (f.answers.some((a) => a.kind === "throttled" || a.kind === "unsent" || a.kind === "unknown")) return { action: "back_off" };
  return { action: "continue" };
}

export interface BatchFacts {
  /** The run stopped for good: paused, cancelled, waiting for SES, or the account refused. */
  stopped: boolean;
  /** SES throttled, or a request never left: the message comes back after a backoff. */
  backOff: boolean;
  /** The message's rows still open: pending ones, and the latest lease another run holds. */
  open: { pending: number; leasedUntil: number | null };
  attempt: number;
  now: number;
  backoffMs: (attempt: number) => number;
}

export type BatchDecision = { done: true } | { done: false; retryAfterMs: number };

export function decideBatch(f: BatchFacts): BatchDecision {
  // Stopped: a resume (the author's, or the watch's once SES answers) puts the pending rows back on the queue.
  if (f.stopped) return { done: true };
  if (f.backOff || f.open.pending > 0) return { done: false, retryAfterMs: f.backoffMs(f.attempt) };
  // Rows under another run's lease: look again once it has run out.
  if (f.open.leasedUntil !== null) return { done: false, retryAfterMs: Math.max(1000, f.open.leasedUntil - f.now) };
  return { done: true };
}
