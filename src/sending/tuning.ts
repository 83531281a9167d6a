// Every tuning constant of sending, in one place, each with the reason for its value.

/** Delivery rows created per INSERT … SELECT: D1 statements stay well under their size and time limits. */
export const PREPARE_CHUNK = 1_000;
/** Chunks per preparation step: 20,000 rows per queue message keeps one step inside a consumer's time. */
export const PREPARE_CHUNKS_PER_STEP = 20;
/** Delivery (or notice) ids per queue message: 50 calls is a message a consumer finishes within its lease. */
export const DELIVER_BATCH = 50;
/**
 * How long a claim holds. Rows are claimed only once their slots are booked (at most a
 * second ahead), so the lease need only outlast one call: the SDK gives up on SES after
 * 20 s. A crashed consumer's rows are free again this long after it died.
 */
export const LEASE_MS = 30_000;
/** Rows claimed and sent as one group: an error budget or a pause takes effect within ten calls. */
export const SEND_CONCURRENCY = 10;
/** Pending rows no queue message carried for this long are put back on the queue: a lost message, not a slow one. */
export const REQUEUE_AFTER_MS = 10 * 60_000;
/** Rounds of late calls a message tolerates before handing its rows back to the queue rather than spin. */
export const MAX_LATE_ROUNDS = 20;

/**
 * Slots are SPAN_MS ÷ limit apart: the extra 35 ms over a second lets a call reach SES up to
 * 35 ms late without two calls of neighbouring seconds meeting in one window.
 */
export const SPAN_MS = 1_035;
/** The earliest slot lies this far ahead, so the caller can mark its rows in flight first. */
export const LEAD_MS = 100;
/** A call that cannot start within this long after its slot is not made; it books a new slot. */
export const LATE_MS = 5;
/** Slots are booked at most this far ahead: a stalled caller never holds more than a second of the rate. */
export const HORIZON_MS = 1_000;
/**
 * Calls whose slots fall within this span are marked in flight by one statement: a crash
 * leaves `unknown` at most the calls of one such window whose request had not left yet
 * (about one call at 14/s, five at 100/s), at about one statement per window.
 */
export const MARK_WINDOW_MS = 50;
/**
 * A call starts this long before its slot, so the SDK has serialised and signed it by then; the
 * mailer holds the request until the slot and drops it if it cannot leave within LATE_MS.
 */
export const RELEASE_LEAD_MS = 15;
/** A window is marked this long before its first slot: enough for one D1 write, less than LEAD_MS. */
export const MARK_LEAD_MS = 40;

/** Calls in a row that got no answer from SES (connection failed, 5xx, answer lost) before the send waits for SES. */
export const CIRCUIT_FAILURES = 3;
/** While a send waits for SES, its watch tries one real recipient after 5 s, 10 s, 20 s … at most every minute. */
export function probeDelayMs(probes: number): number {
  return Math.min(60_000, 5_000 * 2 ** Math.max(0, probes));
}
/** Rows a probe tries at most when calls are not made at all (a row skipped, a slot missed). */
export const PROBE_TRIES = 3;
/** Failures further apart than this are not "in a row": the breaker's count starts again. */
export const CIRCUIT_WINDOW_MS = 60_000;
/** A running send's watch (a Durable Object alarm) looks at it this often. */
export const WATCH_MS = 15_000;
/** Open rows that have not moved for this long are put back on the queue: recovery within about a minute. */
export const STALL_MS = 30_000;
/** A send still stalled this long after its rows were put back is the authors' to look at. */
export const STALL_ALERT_MS = 5 * 60_000;

/** A pause or cancel waits at most this long for calls already in flight to answer, so its counts stay true. */
export const SETTLE_WAIT_MS = 5_000;

/** Connections a Worker invocation may have waiting for response headers; a seventh fetch is held back by the runtime. */
export const INVOCATION_CONNECTIONS = 6;

/** Queue retry after a throttled or unfinished batch: 1 s, 2 s, 4 s … a minute, SES's throttling clears within seconds. */
export function backoffMs(attempt: number): number {
  return Math.min(60_000, 1000 * 2 ** Math.max(0, attempt - 1));
}

/** Transactional mail SES did not take: 30 s, 1 min, 2 min … at most every 30 minutes (an account pause lasts hours). */
export function noticeRetryMs(attempts: number): number {
  return Math.min(30 * 60_000, 30_000 * 2 ** Math.max(0, attempts - 1));
}
/** Transactional mail still not taken after this long is recorded as failed: a day-old confirmation or alert is of no use. */
export const NOTICE_GIVE_UP_MS = 86_400_000;

/** SNS replay records are kept twice as long as a message stays fresh enough to be taken (an hour). */
export const SNS_REPLAY_KEEP_MS = 2 * 3_600_000;
