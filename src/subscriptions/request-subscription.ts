// A valid address asked to subscribe: record it, and send a confirmation mail unless the
// address is already active or had one in the last ten minutes. The caller answers the
// same way whatever happens here, so nobody can learn who is subscribed.
import { confirmUrl } from "../content/urls.ts";
import { claimConfirmationSlot, ensureSubscriber, releaseConfirmationSlot } from "../db/subscribers.ts";
import { personalise, prepareMessage } from "../email/personalise.ts";
import { renderConfirmation } from "../email/render-confirmation.ts";
import { signToken } from "../tokens/signed-token.ts";
import { CONFIRMATION_INTERVAL_MS, CONFIRM_TOKEN_TTL_S, CONFIRM_TOKEN_TTL_TEXT, type SubscriptionDeps } from "./subscription-deps.ts";

export type SubscriptionOutcome = "confirmation_sent" | "already_active" | "recently_sent" | "send_failed";

export async function requestSubscription(deps: SubscriptionDeps, email: string, source: string): Promise<SubscriptionOutcome> {
  const { db, config, now } = deps;
  const subscriber = await ensureSubscriber(db, email, source, now);
  if (subscriber.status === "active") return "already_active";
  const slot = await claimConfirmationSlot(db, subscriber.id, now, CONFIRMATION_INTERVAL_MS);
  if (!slot.claimed) return "recently_sent";

  const token = signToken(config.signingKeys, {
    purpose: "confirm",
    subject: String(subscriber.id),
    expiresAt: Math.floor(now / 1000) + CONFIRM_TOKEN_TTL_S,
  });
  const mail = renderConfirmation(config, subscriber.email, confirmUrl(config, token), CONFIRM_TOKEN_TTL_TEXT);
  const raw = personalise(prepareMessage(mail, { from: config.from, ...(config.replyTo ? { replyTo: config.replyTo } : {}), oneClickUnsubscribe: false }), {
    address: subscriber.email,
    date: new Date(now),
  });
  const outcome = await deps.mailer.send({ raw, from: config.from.address, to: subscriber.email });
  if (!outcome.ok) {
    // Not sent: give the slot back so the person can try again at once, and say why.
    await releaseConfirmationSlot(db, subscriber.id, now, slot.previous);
    console.error(`confirmation mail to subscriber ${subscriber.id} failed: ${outcome.kind} ${outcome.code}: ${outcome.message}`);
    return "send_failed";
  }
  return "confirmation_sent";
}

