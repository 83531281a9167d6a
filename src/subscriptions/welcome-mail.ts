// The welcome mail for one subscriber and event, as raw MIME: list mail, so it carries
// List-Id and one-click List-Unsubscribe like the daily email, with the same URL in the body.
import type { Config } from "../config/config.ts";
import type { CatchUpDay } from "../content/catch-up.ts";
import type { EventMeta } from "../content/types.ts";
import { dailyMessageHeaders } from "../email/message-headers.ts";
import { personalise, prepareMessage } from "../email/personalise.ts";
import { renderWelcome } from "../email/render-welcome.ts";
import { preferencesUrlFor, subscriberUnsubscribeUrl } from "./subscriber-links.ts";

export function welcomeMail(config: Config, subscriber: { id: number; email: string }, event: EventMeta, days: readonly CatchUpDay[], now: number): string {
  const unsubscribeUrl = subscriberUnsubscribeUrl(config, subscriber.id);
  const mail = renderWelcome(config, event, days, { email: subscriber.email, unsubscribeUrl, preferencesUrl: preferencesUrlFor(config, String(subscriber.id)) });
  return personalise(prepareMessage(mail, dailyMessageHeaders(config)), { address: subscriber.email, unsubscribeUrl, date: new Date(now) });
}
