// When an address that asks to subscribe may be sent a confirmation mail. Anyone can type
// any address into the form, so mail to someone who complained or hard-bounced is held
// back: mailing people who marked us as spam is what ends an SES account.
import type { Subscriber } from "../db/subscribers.ts";
import { CONFIRMATION_INTERVAL_MS } from "./subscription-timing.ts";

/** After a complaint or hard bounce: no confirmation for this long, then at most one per this long. */
export const SUPPRESSED_CONFIRMATION_MS = 30 * 86_400_000;

export interface ConfirmationRule {
  /** No confirmation mail before this time (epoch ms). */
  notBefore: number;
  /** At most one confirmation mail per this long… */
  intervalMs: number;
  /** …except that one sent before this time does not count (a request after an unsubscribe is a new one). */
  freshSince: number | null;
}

/**
 * Whether the person unsubscribed, bounced or complained after the request made at
 * `requestedAt`: then that request's confirmation is void (the link and the mail alike).
 */
export function refusedAfter(subscriber: Pick<Subscriber, "unsubscribedAt" | "bouncedAt" | "complainedAt">, requestedAt: number): boolean {
  return Math.max(subscriber.unsubscribedAt ?? 0, subscriber.bouncedAt ?? 0, subscriber.complainedAt ?? 0) > requestedAt;
}

/**
 * `erasedAt` is when the address was erased after a complaint or hard bounce, if it was: the
 * row is new, but the person is the same.
 */
export function confirmationRule(subscriber: Pick<Subscriber, "status" | "bouncedAt" | "complainedAt" | "unsubscribedAt">, erasedAt?: number): ConfirmationRule {
  const event = subscriber.status === "complained" ? subscriber.complainedAt : subscriber.status === "bounced" ? subscriber.bouncedAt : (erasedAt ?? null);
  if (event === null) return { notBefore: 0, intervalMs: CONFIRMATION_INTERVAL_MS, freshSince: subscriber.status === "unsubscribed" ? subscriber.unsubscribedAt : null };
  return { notBefore: event + SUPPRESSED_CONFIRMATION_MS, intervalMs: SUPPRESSED_CONFIRMATION_MS, freshSince: null };
}
