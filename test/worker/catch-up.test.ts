// Which days a welcome catches a new subscriber up on (src/content/catch-up.ts) and for which
// events (src/subscriptions/welcome-rule.ts): pure, so a table of cases on a pinned index.
import { describe, expect, it } from "vitest";
import { catchUpDays, eventRunning } from "../../src/content/catch-up.ts";
import type { Schedule } from "../../src/content/schedule.ts";
import type { ContentIndex, EventMeta, PostMeta } from "../../src/content/types.ts";
import type { Follows } from "../../src/content/follows.ts";
import { welcomesDue } from "../../src/subscriptions/welcome-rule.ts";

const at = (iso: string) => Date.parse(iso);
const LA19: Schedule = { sendAt: "19:00", timezone: "America/Los_Angeles" };

const event = (slug: string, start: string, end: string, extra: Partial<EventMeta> = {}) =>
  ({ slug, title: slug, timezone: "America/Los_Angeles", start, end, url: "https://example.org", description: "", ...extra }) as EventMeta;
const post = (slug: string, ev: string, day: number, iso: string) => ({ slug, event: ev, day, publishedMs: at(iso) }) as PostMeta;

const CONF = event("conf", "2015-11-09", "2015-11-11", { series: "conf" });
const MEETUP = event("meetup", "2015-11-10", "2015-11-10");
// Tokyo is 17 hours ahead: its 2015-11-12 starts at 07:00 on the 11th in Los Angeles.
const TOKYO = event("tokyo", "2015-11-12", "2015-11-12", { timezone: "Asia/Tokyo" });
/** Newest first, as the content build writes the index. */
const INDEX = {
  events: [CONF, MEETUP, TOKYO],
  posts: [
    post("conf-1", "conf", 1, "2015-11-09T18:30:00-08:00"),
    post("conf-1-late", "conf", 1, "2015-11-09T21:00:00-08:00"), // after day 1's send: in the email of the 10th
    post("meetup-1", "meetup", 1, "2015-11-10T14:00:00-08:00"),
    post("conf-2", "conf", 2, "2015-11-10T18:30:00-08:00"),
    post("tokyo-1", "tokyo", 1, "2015-11-11T08:00:00-08:00"),
    post("conf-3", "conf", 3, "2015-11-11T17:45:00-08:00"),
  ].sort((a, b) => b.publishedMs - a.publishedMs),
} as unknown as ContentIndex;

const slugs = (days: ReturnType<typeof catchUpDays>) => days.map((d) => [d.day, d.posts.map((p) => p.slug)]);

describe("the days so far of an event", () => {
  const cases: { name: string; now: string; ev?: EventMeta; days: [number, string[]][] }[] = [
    { name: "not started yet: nothing", now: "2015-11-08T20:00:00-08:00", days: [] },
    { name: "its first day, before the first email: running, but no past days", now: "2015-11-09T18:45:00-08:00", days: [] },
    { name: "its first day, after the first email: day 1", now: "2015-11-09T19:30:00-08:00", days: [[1, ["conf-1"]]] },
    { name: "a post published after day 1's email (still in the open window) is left out", now: "2015-11-09T23:00:00-08:00", days: [[1, ["conf-1"]]] },
    { name: "day 2 before its email: day 1 as its email had it; day 2's and the late day-1 post wait for tonight", now: "2015-11-10T18:45:00-08:00", days: [[1, ["conf-1"]]] },
    { name: "day 2 after its email: days 1 and 2, oldest first", now: "2015-11-10T20:00:00-08:00", days: [[1, ["conf-1", "conf-1-late"]], [2, ["conf-2"]]] },
    { name: "the email's due moment itself counts as sent", now: "2015-11-10T19:00:00-08:00", days: [[1, ["conf-1", "conf-1-late"]], [2, ["conf-2"]]] },
    { name: "the last day after its email: every day", now: "2015-11-11T23:59:00-08:00", days: [[1, ["conf-1", "conf-1-late"]], [2, ["conf-2"]], [3, ["conf-3"]]] },
    { name: "ended: nothing, though every day went out", now: "2015-11-12T00:30:00-08:00", days: [] },
    { name: "a post of another event on the same day is not this event's", now: "2015-11-10T20:00:00-08:00", ev: MEETUP, days: [[1, ["meetup-1"]]] },
    { name: "running is judged on the event's own calendar (Tokyo's day has begun)", now: "2015-11-11T20:00:00-08:00", ev: TOKYO, days: [[1, ["tokyo-1"]]] },
    { name: "…and has ended there while it is still the 12th in Los Angeles", now: "2015-11-12T08:00:00-08:00", ev: TOKYO, days: [] },
  ];
  it.each(cases)("$name", ({ now, ev, days }) => {
    expect(slugs(catchUpDays(INDEX, ev ?? CONF, LA19, at(now)))).toEqual(days);
  });

  it("an event runs from the start of its first day to the end of its last, in its zone", () => {
    expect(eventRunning(CONF, at("2015-11-08T23:59:59-08:00"))).toBe(false);
    expect(eventRunning(CONF, at("2015-11-09T00:00:00-08:00"))).toBe(true);
    expect(eventRunning(CONF, at("2015-11-11T23:59:59-08:00"))).toBe(true);
    expect(eventRunning(CONF, at("2015-11-12T00:00:00-08:00"))).toBe(false);
  });
});

describe("which welcomes a confirmation brings", () => {
  const DAY2_EVENING = at("2015-11-10T20:00:00-08:00");
  const cases: { name: string; follows: Follows; now?: number; events: string[] }[] = [
    { name: "everything: every running event with past days", follows: null, events: ["conf", "meetup"] },
    { name: "one event: that event only", follows: ["conf"], events: ["conf"] },
    { name: "a series: its running edition", follows: ["series:conf"], events: ["conf"] },
    { name: "an event that has no past days yet: none", follows: ["tokyo"], events: [] },
    { name: "an event they do not follow is left out, though it runs", follows: ["meetup"], events: ["meetup"] },
    { name: "before the day's email, a one-day event has nothing to catch up on", follows: null, now: at("2015-11-10T18:45:00-08:00"), events: ["conf"] },
  ];
  it.each(cases)("$name", ({ follows, now, events }) => {
    expect(welcomesDue(INDEX, follows, LA19, now ?? DAY2_EVENING).map((w) => w.event.slug)).toEqual(events);
  });
});
