// The rule that decides which posts a daily send carries, given what earlier sends recorded
// (src/content/send-posts.ts): every post in exactly one send, whatever SEND_AT or TIMEZONE
// did between two days.
import { describe, expect, it } from "vitest";
import { postsOfSend, type PreviousSend } from "../../src/content/send-posts.ts";
import { postsOfDay, type Schedule } from "../../src/content/schedule.ts";
import type { ContentIndex, PostMeta } from "../../src/content/types.ts";

const at = (iso: string) => Date.parse(iso);
const post = (slug: string, iso: string) => ({ slug, publishedMs: at(iso) }) as PostMeta;
/** Newest first, as the content build writes the index. */
const index = (...posts: PostMeta[]) => ({ posts: [...posts].sort((a, b) => b.publishedMs - a.publishedMs) }) as ContentIndex;

const LA19: Schedule = { sendAt: "19:00", timezone: "America/Los_Angeles" };
const LA18: Schedule = { sendAt: "18:00", timezone: "America/Los_Angeles" };
const LA20: Schedule = { sendAt: "20:00", timezone: "America/Los_Angeles" };
const NY19: Schedule = { sendAt: "19:00", timezone: "America/New_York" };
const HNL19: Schedule = { sendAt: "19:00", timezone: "Pacific/Honolulu" };

const sample = index(
  post("d8-2000", "2015-11-08T20:00:00-08:00"),
  post("d9-1730", "2015-11-09T17:30:00-08:00"),
  post("d9-1830", "2015-11-09T18:30:00-08:00"),
  post("d9-1930", "2015-11-09T19:30:00-08:00"),
  post("d10-1200", "2015-11-10T12:00:00-08:00"),
  post("d10-1830", "2015-11-10T18:30:00-08:00"),
  post("d11-1200", "2015-11-11T12:00:00-08:00"),
);
const AFTER = at("2015-11-20T00:00:00Z");
const sent = (date: string, cutOffIso: string): PreviousSend => ({ date, cutOffMs: at(cutOffIso) });

interface Case {
  name: string;
  date: string;
  schedule: Schedule;
  previous?: PreviousSend;
  carried?: string[];
  now?: number;
  posts: string[];
  cutOff: string;
}

const cases: Case[] = [
  { name: "the first send, no record: just its window", date: "2015-11-09", schedule: LA19, posts: ["d8-2000", "d9-1730", "d9-1830"], cutOff: "2015-11-09T19:00:00-08:00" },
  { name: "settings unchanged: the day's window, nothing more", date: "2015-11-10", schedule: LA19, previous: sent("2015-11-09", "2015-11-09T19:00:00-08:00"), carried: ["d8-2000", "d9-1730", "d9-1830"], posts: ["d9-1930", "d10-1200", "d10-1830"], cutOff: "2015-11-10T19:00:00-08:00" },
  // D−1 went out at 18:00; D's window now starts at 19:00: 18:30 fell between them.
  { name: "SEND_AT moved later: the gap after the previous cut-off comes along", date: "2015-11-10", schedule: LA19, previous: sent("2015-11-09", "2015-11-09T18:00:00-08:00"), carried: ["d8-2000", "d9-1730"], posts: ["d9-1830", "d9-1930", "d10-1200", "d10-1830"], cutOff: "2015-11-10T19:00:00-08:00" },
  // D−1 went out at 19:00 with 18:30 in it; D's window now starts at 18:00.
  { name: "SEND_AT moved earlier: what the previous send carried is not carried again", date: "2015-11-10", schedule: LA18, previous: sent("2015-11-09", "2015-11-09T19:00:00-08:00"), carried: ["d8-2000", "d9-1730", "d9-1830"], posts: ["d9-1930", "d10-1200"], cutOff: "2015-11-10T18:00:00-08:00" },
  { name: "SEND_AT moved earlier: an overlap post the previous send did not carry still goes", date: "2015-11-10", schedule: LA18, previous: sent("2015-11-09", "2015-11-09T19:00:00-08:00"), carried: ["d8-2000", "d9-1730"], posts: ["d9-1830", "d9-1930", "d10-1200"], cutOff: "2015-11-10T18:00:00-08:00" },
  // 19:00 New York is 16:00 Los Angeles: D's window starts three hours before D−1's cut-off.
  { name: "TIMEZONE moved east: the overlap is left to the send that carried it", date: "2015-11-10", schedule: NY19, previous: sent("2015-11-09", "2015-11-09T19:00:00-08:00"), carried: ["d8-2000", "d9-1730", "d9-1830"], posts: ["d9-1930", "d10-1200"], cutOff: "2015-11-10T16:00:00-08:00" },
  // 19:00 Honolulu is 21:00 Los Angeles: two hours fell between D−1's cut-off and D's window.
  { name: "TIMEZONE moved west: the gap comes along", date: "2015-11-10", schedule: HNL19, previous: sent("2015-11-09", "2015-11-09T19:00:00-08:00"), carried: ["d8-2000", "d9-1730", "d9-1830"], posts: ["d9-1930", "d10-1200", "d10-1830"], cutOff: "2015-11-10T21:00:00-08:00" },
  { name: "a gap and a day without a send: the day in between keeps its posts", date: "2015-11-11", schedule: LA20, previous: sent("2015-11-09", "2015-11-09T19:00:00-08:00"), carried: ["d8-2000", "d9-1730", "d9-1830"], posts: ["d9-1930", "d11-1200"], cutOff: "2015-11-11T20:00:00-08:00" },
  { name: "the previous send went out early: what was published after it comes along", date: "2015-11-10", schedule: LA19, previous: sent("2015-11-09", "2015-11-09T18:00:00-08:00"), carried: ["d8-2000", "d9-1730"], posts: ["d9-1830", "d9-1930", "d10-1200", "d10-1830"], cutOff: "2015-11-10T19:00:00-08:00" },
  { name: "a send before its window closes takes what is published by then, and cuts off there", date: "2015-11-10", schedule: LA19, previous: sent("2015-11-09", "2015-11-09T19:00:00-08:00"), now: at("2015-11-10T13:00:00-08:00"), posts: ["d9-1930", "d10-1200"], cutOff: "2015-11-10T13:00:00-08:00" },
  { name: "a post another day's send carried (sent out of order) stays out", date: "2015-11-10", schedule: LA19, previous: sent("2015-11-09", "2015-11-09T19:00:00-08:00"), carried: ["d10-1200"], posts: ["d9-1930", "d10-1830"], cutOff: "2015-11-10T19:00:00-08:00" },
  { name: "everything already carried: nothing to send", date: "2015-11-10", schedule: LA18, previous: sent("2015-11-09", "2015-11-09T19:00:00-08:00"), carried: ["d9-1830", "d9-1930", "d10-1200"], posts: [], cutOff: "2015-11-10T18:00:00-08:00" },
];

describe("the posts of a daily send", () => {
  it.each(cases)("$name", ({ date, schedule, previous, carried = [], now = AFTER, posts, cutOff }) => {
    const chosen = postsOfSend(sample, date, schedule, now, { previous, carried: new Set(carried) });
    expect(chosen.posts.map((p) => p.slug)).toEqual(posts);
    expect(new Date(chosen.cutOffMs).toISOString()).toBe(new Date(at(cutOff)).toISOString());
  });

  it("is the day's window when nothing was recorded, as before sends recorded anything", () => {
    for (const date of ["2015-11-09", "2015-11-10", "2015-11-11"]) {
      expect(postsOfSend(sample, date, LA19, AFTER, { carried: new Set() }).posts).toEqual(postsOfDay(sample, date, LA19));
    }
  });

  it.each([
    ["SEND_AT later", [LA18, LA18, LA19, LA20, LA20]],
    ["SEND_AT earlier", [LA20, LA19, LA18, LA18, LA19]],
    ["TIMEZONE east then west", [LA19, NY19, NY19, HNL19, LA19]],
    ["every change at once", [HNL19, LA18, NY19, LA20, HNL19]],
  ])("sends day after day, carrying every post exactly once: %s", (_name, schedules) => {
    const dates = ["2015-11-08", "2015-11-09", "2015-11-10", "2015-11-11", "2015-11-12"];
    const carriedBy = new Map<string, string[]>();
    let previous: PreviousSend | undefined;
    dates.forEach((date, i) => {
      const chosen = postsOfSend(sample, date, schedules[i]!, AFTER, { previous, carried: new Set(carriedBy.keys()) });
      for (const p of chosen.posts) carriedBy.set(p.slug, [...(carriedBy.get(p.slug) ?? []), date]);
      previous = { date, cutOffMs: chosen.cutOffMs };
    });
    // The last day's window closes on 2015-11-12 in every schedule above, after every sample post.
    expect(Object.fromEntries([...carriedBy].map(([slug, days]) => [slug, days.length]))).toEqual(Object.fromEntries(sample.posts.map((p) => [p.slug, 1])));
  });
});
