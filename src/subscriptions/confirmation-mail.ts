// The confirmation mail for one request: its link names the subscriber and when they asked,
// so it confirms that request and nothing the person withdrew since.
import type { Config } from "../config/config.ts";
import { confirmUrl } from "../content/urls.ts";
import { noticeMessageHeaders } from "../email/message-headers.ts";
import { personalise, prepareMessage } from "../email/personalise.ts";
import { renderConfirmation } from "../email/render-confirmation.ts";
import { signToken } from "../tokens/signed-token.ts";
import { preferencesUrlFor } from "./subscriber-links.ts";
import { CONFIRM_TOKEN_TTL_S, CONFIRM_TOKEN_TTL_TEXT } from "./subscription-timing.ts";

/** `choice`: what they asked to follow, in words (describeFollows). */
export function confirmationMail(config: Config, subscriber: { id: number; email: string }, requestedAt: number, now: number, choice: string): string {
  const token = signToken(config.signingKeys, {
    purpose: "confirm",
    subject: String(subscriber.id),
    expiresAt: Math.floor(requestedAt / 1000) + CONFIRM_TOKEN_TTL_S,
    requestedAt,
  });
  const mail = renderConfirmation(config, subscriber.email, confirmUrl(config, token), CONFIRM_TOKEN_TTL_TEXT, preferencesUrlFor(config, String(subscriber.id)), choice);
  return personalise(prepareMessage(mail, noticeMessageHeaders(config)), { address: subscriber.email, date: new Date(now) });
}
