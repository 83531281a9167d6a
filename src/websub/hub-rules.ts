// The hub's limits, in one place: leases, caps, the per-client rate, retries of pushes and
// of verifications, and how long a callback has to answer.

/** A lease asked for outside these bounds is moved inside them (the hub chooses the lease; the verification tells it). */
export const MIN_LEASE_SECONDS = 3_600;
export const DEFAULT_LEASE_SECONDS = 10 * 86_400;
export const MAX_LEASE_SECONDS = 30 * 86_400;

/** Live subscriptions one callback domain (subdomains together) may hold, and the hub altogether. */
export const MAX_SUBSCRIPTIONS_PER_HOST = 100;
export const MAX_SUBSCRIPTIONS = 10_000;

/** Per client (as /subscribe counts them): requests per window. A feed service asks for many topics at once. */
export const HUB_REQUEST_LIMIT = 60;
export const HUB_REQUEST_WINDOW_MS = 10 * 60_000;

/** Verifications sent to one callback domain per HUB_REQUEST_WINDOW_MS, whoever asks: the hub cannot be used to flood a site with them. */
export const VERIFICATIONS_PER_DOMAIN = 200;

/** WebSub: the secret MUST be less than 200 bytes. */
export const MAX_SECRET_BYTES = 199;
export const MAX_CALLBACK_LENGTH = 2_048;

/** How long a callback has to answer a verification or a push. */
export const CALLBACK_TIMEOUT_MS = 10_000;
/** Of a verification's answer, only this much is read (the challenge is 43 characters). */
export const MAX_ECHO_BYTES = 1_024;

/** A verification that met a network error or a 5xx is tried this many times in all. */
export const VERIFY_TRIES = 3;
export const verifyRetrySeconds = (attempt: number) => 30 * 4 ** (attempt - 1);

/** A push is tried this many times, with these waits between, then dropped. */
export const PUSH_TRIES = 5;
const PUSH_WAITS_S = [30, 120, 600, 3_600];
export const pushRetryMs = (attempts: number) => PUSH_WAITS_S[Math.min(attempts, PUSH_WAITS_S.length) - 1]! * 1000;
/** A subscription whose pushes were dropped this many times in a row is removed. */
export const DROPS_BEFORE_REMOVAL = 3;
/** A consumer holds a push this long while it calls the callback. */
export const PUSH_LEASE_MS = 30_000;
/** A pending push nobody carried for this long is put on the queue again by the scheduled job. */
export const PUSH_REQUEUE_AFTER_MS = 10 * 60_000;
/** Finished pushes are kept this long, for a look at what happened. */
export const PUSH_KEEP_MS = 7 * 86_400_000;
/** The scheduled job's interval (wrangler.toml crons): a post due sooner than this gets a wake of its own. */
export const CHECK_INTERVAL_MS = 15 * 60_000;
/** Queues' delaySeconds stops at 12 hours. */
export const MAX_WAKE_DELAY_S = 12 * 3_600;
