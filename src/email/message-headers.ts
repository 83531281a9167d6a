// The fixed headers of Herald's mail, from the settings.
import type { Config } from "../config/config.ts";
import type { MessageHeaders } from "./personalise.ts";

export function dailyMessageHeaders(config: Config): MessageHeaders {
  const domain = config.from.address.split("@")[1]!;
  return {
    from: config.from,
    ...(config.replyTo ? { replyTo: config.replyTo } : {}),
    listId: { name: config.siteTitle, id: `daily.${domain}` },
    oneClickUnsubscribe: true,
  };
}

/** Headers of mail to one person that is not the list's (confirmations, alerts): no List-Unsubscribe. */
export function noticeMessageHeaders(config: Config): MessageHeaders {
  return { from: config.from, ...(config.replyTo ? { replyTo: config.replyTo } : {}), oneClickUnsubscribe: false };
}
