// How often and for how long the subscription flows act for one address.

/** One confirmation mail per address per this long, whatever the requests. */
export const CONFIRMATION_INTERVAL_MS = 10 * 60 * 1000;
/** Confirmation links expire; unsubscribe links never do. */
export const CONFIRM_TOKEN_TTL_S = 7 * 24 * 3600;
export const CONFIRM_TOKEN_TTL_TEXT = "7 days";
