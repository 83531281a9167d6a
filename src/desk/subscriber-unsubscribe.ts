// Unsubscribing one person from the desk (they asked by reply, or at the booth): the same
// change as their own unsubscribe link, so their open deliveries are skipped and the status
// log records it. Less than an erase: the row stays, and they may subscribe again.
import { subscriberByEmail } from "../db/subscriber-search.ts";
import { ApiError } from "../http/api-error.ts";
import { unsubscribeLink } from "../subscriptions/subscriber-links.ts";
import { STATUS_WORDS } from "./subscriber-counts.ts";

export const UNSUBSCRIBE_PATH = "/admin/subscribers/unsubscribe";

/** Statuses an unsubscribe changes; the others have stopped mail already. */
export const UNSUBSCRIBABLE: readonly string[] = ["pending", "active"];

export async function unsubscribeByAddress(db: D1Database, email: string, now: number): Promise<void> {
  const subscriber = await subscriberByEmail(db, email);
  if (!subscriber) throw new ApiError(404, "not_found", `No subscriber has the address ${email}. Nothing was changed.`, "email");
  if (!UNSUBSCRIBABLE.includes(subscriber.status)) {
    throw new ApiError(409, "invalid_state", `${subscriber.email} is ${STATUS_WORDS[subscriber.status].toLowerCase()} already: they get no mail. Nothing was changed.`, "email");
  }
  await unsubscribeLink(db, subscriber.id, now);
}

export function unsubscribedNotice(value: string | undefined): string | undefined {
  return value === "1" ? "The subscriber was unsubscribed: they get no more mail, and can subscribe again themselves." : undefined;
}
