// At a confirmation: a welcome notice for each event the person follows that is running and
// has had days with posts, recorded before anything is sent, then put on the queue like
// every other notice (same consumer, same limiter, retried or recorded, never lost).
import { insertNotice } from "../db/notices.ts";
import type { Subscriber } from "../db/subscribers.ts";
import { enqueueNotices } from "../sending/enqueue.ts";
import type { SendingDeps } from "../sending/sending-deps.ts";
import { welcomesDue } from "./welcome-rule.ts";

export type WelcomeDeps = Pick<SendingDeps, "db" | "queue" | "index" | "config" | "now">;

/** Queues the subscriber's welcomes due at `confirmedAt`; returns the new notices' ids (none already queued count). */
export async function queueWelcomes(deps: WelcomeDeps, subscriber: Subscriber, confirmedAt: number): Promise<number[]> {
  const due = welcomesDue(deps.index, subscriber.follows, deps.config, confirmedAt);
  const ids: number[] = [];
  for (const { event } of due) {
    // The unique index makes a second confirmation, or two racing ones, a no-op here.
    const id = await insertNotice(deps.db, { kind: "welcome", subscriberId: subscriber.id, event: event.slug }, subscriber.email, confirmedAt);
    if (id !== undefined) ids.push(id);
  }
  if (ids.length) await enqueueNotices(deps, ids);
  return ids;
}
