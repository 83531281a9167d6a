// The preference page's reads and changes, behind its signed link: what a subscriber follows
// and when their mail comes, and a change of either, which applies to every send whose row
// for them is not made yet (and, through open-rows.ts, to rows made but not yet taken).
import { findSubscriber, setChoiceWhileSubscribed, type Subscriber } from "../db/subscribers.ts";
import type { PreferenceRequest } from "./preference-form.ts";

/** Gone: erased (or a link naming no subscriber). Closed: unsubscribed, bounced or complained; nothing to change. */
export type PreferenceState = { state: "gone" } | { state: "closed"; subscriber: Subscriber } | { state: "open"; subscriber: Subscriber };

export type PreferenceChange = { state: "gone" } | { state: "closed"; subscriber: Subscriber } | { state: "changed"; before: Subscriber; subscriber: Subscriber };

export type { Subscriber };

const isOpen = (s: Subscriber) => s.status === "active" || s.status === "pending";

export async function preferencesOf(db: D1Database, subscriberId: number | undefined): Promise<PreferenceState> {
  const subscriber = subscriberId === undefined ? undefined : await findSubscriber(db, subscriberId);
  if (!subscriber) return { state: "gone" };
  return isOpen(subscriber) ? { state: "open", subscriber } : { state: "closed", subscriber };
}

export async function changePreferences(db: D1Database, subscriberId: number | undefined, request: PreferenceRequest, now: number): Promise<PreferenceChange> {
  const current = await preferencesOf(db, subscriberId);
  if (current.state !== "open") return current;
  const changed = await setChoiceWhileSubscribed(db, current.subscriber.id, request, now);
  if (changed) return { state: "changed", before: current.subscriber, subscriber: changed };
  // Closed (or erased) between the read and the change: say what it is now.
  const after = await preferencesOf(db, subscriberId);
  return after.state === "closed" ? { state: "closed", subscriber: after.subscriber } : { state: "gone" };
}
