// How soon a reader that polls should ask for a feed again: RSS <ttl> and the RSS 1.0
// syndication module's sy:updatePeriod/sy:updateFrequency, derived from the events' calendar.
//
// Why these numbers: posts are daily recaps written while an event runs, and the scheduled
// job (every 15 minutes) publishes them and has the WebSub hub push them, so a reader that
// honours the hub hears of a recap within minutes whatever the hint says. The hint is for
// readers that only poll. While an event is on, hourly is the shortest worth asking for: a
// recap published at 18:30 is read by 19:30, well inside its day, for a quarter of the
// requests a 15-minute poll would cost for one post a day. Outside events, a day: nothing
// is expected, and a late correction or a newly announced event still shows within a day.
// Between the two, from two days before an event starts, every six hours, so that a reader
// on the daily rhythm cannot sleep past the first day: it turns hourly at most six hours
// into it, long before the first evening's recap.
//
// The hint only changes when a calendar day turns (never minute by minute), so a feed's
// ETag stays the same for a day at a time and readers keep getting their 304s.
import { addDays, localDate } from "../content/days.ts";
import type { EventMeta } from "../content/types.ts";

export interface PollingHint {
  /** RSS <ttl>: minutes a reader may keep the feed before asking again; always positive. */
  ttlMinutes: number;
  /** sy:updatePeriod and sy:updateFrequency: the same interval as `ttlMinutes`, said as "N times per period". */
  updatePeriod: "hourly" | "daily";
  updateFrequency: number;
}

export const POLLING_HINTS = {
  /** An event of the feed is on (or ended yesterday: a last day's recap may come the morning after). */
  live: { ttlMinutes: 60, updatePeriod: "hourly", updateFrequency: 1 },
  /** An event of the feed starts tomorrow or the day after. */
  soon: { ttlMinutes: 360, updatePeriod: "daily", updateFrequency: 4 },
  /** Nothing on or about to start. */
  quiet: { ttlMinutes: 1440, updatePeriod: "daily", updateFrequency: 1 },
} as const satisfies Record<string, PollingHint>;

/** Days before an event's first day from which the feed asks for the `soon` rhythm. */
const SOON_DAYS = 2;
/** Days after an event's last day during which it still counts as on. */
const LATE_RECAP_DAYS = 1;

/** The hint for a feed whose posts come from `events` (each judged on its own calendar). */
export function pollingHint(events: readonly Pick<EventMeta, "start" | "end" | "timezone">[], now: number): PollingHint {
  let hint: PollingHint = POLLING_HINTS.quiet;
  for (const event of events) {
    const today = localDate(now, event.timezone);
    if (today >= event.start && today <= addDays(event.end, LATE_RECAP_DAYS)) return POLLING_HINTS.live;
    if (today < event.start && today >= addDays(event.start, -SOON_DAYS)) hint = POLLING_HINTS.soon;
  }
  return hint;
}

/** The interval the sy: pair states, in minutes: the same as the ttl for every hint. */
export function syIntervalMinutes(hint: PollingHint): number {
  return (hint.updatePeriod === "hourly" ? 60 : 1440) / hint.updateFrequency;
}
