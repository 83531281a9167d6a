// A valid address asked to subscribe: record it, and queue a confirmation mail unless the
// address is already active, had one lately, complained or hard-bounced lately, or its
// mailbox had its share today. Runs in the queue consumer, after the answer, and the
// answer is the same whatever happens here, so nobody can learn who is subscribed.
import { countHit } from "../db/rate-limits.ts";
import { claimConfirmationSlot, ensureSubscriber, erasedAt, releaseConfirmationSlot } from "../db/subscribers.ts";
import { insertNotice } from "../db/notices.ts";
import { confirmationRule } from "./confirmation-rule.ts";
import { mailboxKey } from "./email-address.ts";
import type { Follows } from "../content/follows.ts";
import { decodeDelivery } from "../content/delivery-time.ts";

/**
 * Confirmation mails per mailbox (case and `+tag` ignored) per day: behind anything but
 * Cloudflare's edge the client's IP can be forged, and this still bounds what one person gets.
 */
export const MAILBOX_CONFIRMATIONS_PER_DAY = 3;
const DAY_MS = 86_400_000;

export type SubscriptionOutcome =
  | { outcome: "confirmation_queued"; noticeId: number }
  | { outcome: "already_active" | "recently_sent" | "suppressed" | "mailbox_limited" };

/**
 * `follows`: what the request asked for (null: everything); `time`: when it wants its mail,
 * as the queue message carries it (absent: not asked). See ensureSubscriber for how they meet
 * an existing row.
 */
export async function requestSubscription(db: D1Database, email: string, source: string, at: number, follows: Follows = null, time: { delivery?: string; zone?: string } = {}): Promise<SubscriptionOutcome> {
  const subscriber = await ensureSubscriber(db, email, source, at, follows, {
    ...(time.delivery === undefined ? {} : { delivery: decodeDelivery(time.delivery) }),
    ...(time.zone === undefined ? {} : { zone: time.zone }),
  });
  if (subscriber.status === "active") return { outcome: "already_active" };
  const rule = confirmationRule(subscriber, await erasedAt(db, email));
  if (at < rule.notBefore) return { outcome: "suppressed" };
  const slot = await claimConfirmationSlot(db, subscriber.id, at, rule.intervalMs, rule.freshSince);
  if (!slot.claimed) return { outcome: "recently_sent" };
  const mailbox = await countHit(db, `mailbox:${mailboxKey(email)}`, DAY_MS, at);
  if (mailbox.count > MAILBOX_CONFIRMATIONS_PER_DAY) {
    await releaseConfirmationSlot(db, subscriber.id, at, slot.previous);
    return { outcome: "mailbox_limited" };
  }
  return { outcome: "confirmation_queued", noticeId: await insertNotice(db, { kind: "confirmation", subscriberId: subscriber.id }, subscriber.email, at) };
}
