// The list as the author API shows it: pages of subscribers, the CSV export, counts, erasure.
import type { EventMeta } from "../content/types.ts";
import { activeByFollows, countByStatus, eraseAddress, listSubscribers, type Subscriber, type SubscriberStatus } from "../db/subscribers.ts";
import { formatDeliveryTime } from "../content/delivery-time.ts";
import { followsCell, keysFollowing } from "../content/follows.ts";
import { csvCell } from "./csv.ts";
import { followerCounts } from "./follower-counts.ts";
import { isoOrNull } from "../util/iso-time.ts";

export const STATUSES: readonly SubscriberStatus[] = ["pending", "active", "unsubscribed", "bounced", "complained"];
export type { SubscriberStatus };

export const subscriberView = (s: Subscriber) => ({
  id: s.id,
  email: s.email,
  status: s.status,
  source: s.source,
  createdAt: isoOrNull(s.createdAt),
  consentAt: isoOrNull(s.consentAt),
  consentSource: s.consentSource,
  unsubscribedAt: isoOrNull(s.unsubscribedAt),
  bouncedAt: isoOrNull(s.bouncedAt),
  complainedAt: isoOrNull(s.complainedAt),
  // What they follow: everything, or the stored list (series written `series:<name>`).
  everything: s.follows === null,
  events: s.follows ?? [],
  // When the day's email comes: `asap`, or `HH:MM` read in `zone` (a zone may stay with asap).
  delivery: formatDeliveryTime(s.delivery),
  zone: s.zone,
});

/** A page of subscribers in id order, only the followers of `event` if given; `next` is the cursor of the following page. */
export async function subscriberPage(db: D1Database, options: { status?: SubscriberStatus; event?: EventMeta; afterId: number; limit: number }) {
  const { event, ...rest } = options;
  const page = await listSubscribers(db, { ...rest, ...(event ? { following: keysFollowing(event) } : {}) });
  return { subscribers: page.map(subscriberView), next: page.length === options.limit ? String(page.at(-1)!.id) : null };
}

// New columns go last so that tools reading the earlier ones by position keep working.
const CSV_COLUMNS = ["email", "status", "source", "created_at", "consent_at", "consent_source", "unsubscribed_at", "bounced_at", "complained_at", "events", "delivery", "zone"];

/** The list as CSV, read a page at a time, so a large list never sits in memory whole. */
export function subscriberCsv(db: D1Database, status: SubscriberStatus | undefined): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let after = 0;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(`${CSV_COLUMNS.join(",")}\r\n`));
      }
      const page = await listSubscribers(db, { ...(status ? { status } : {}), afterId: after, limit: 1000 });
      if (page.length === 0) return controller.close();
      after = page.at(-1)!.id;
      const lines = page.map((s) =>
        [s.email, s.status, s.source, isoOrNull(s.createdAt), isoOrNull(s.consentAt), s.consentSource, isoOrNull(s.unsubscribedAt), isoOrNull(s.bouncedAt), isoOrNull(s.complainedAt), followsCell(s.follows), formatDeliveryTime(s.delivery), s.zone].map(csvCell).join(","),
      );
      controller.enqueue(encoder.encode(`${lines.join("\r\n")}\r\n`));
    },
  });
}

/** Counts by status, and the active subscribers who follow each event of the site. */
export async function subscriberStats(db: D1Database, events: readonly EventMeta[]) {
  const [counts, groups] = await Promise.all([countByStatus(db), activeByFollows(db)]);
  return { subscribers: { ...counts, total: Object.values(counts).reduce((a, b) => a + b, 0) }, followers: followerCounts(groups, events) };
}

/**
 * Erases an address everywhere; false if it was not on the list. One that complained or
 * hard-bounced leaves a SHA-256 of itself, so no import brings back someone who said no.
 */
export const eraseSubscriber = (db: D1Database, email: string, now: number) => eraseAddress(db, email, now, ["bounced", "complained"]);
