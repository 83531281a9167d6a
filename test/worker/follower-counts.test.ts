// Followers per event from the list grouped by choice, and the keys a query matches for an
// event: both must say what followsEvent says, case by case.
import { describe, expect, it } from "vitest";
import { followerCounts } from "../../src/admin/follower-counts.ts";
import type { EventMeta } from "../../src/content/types.ts";
import { followsEvent, keysFollowing, type Follows } from "../../src/content/follows.ts";

const event = (slug: string, series?: string): EventMeta => ({
  slug,
  title: `Title of ${slug}`,
  timezone: "UTC",
  start: "2015-11-09",
  end: "2015-11-11",
  url: `https://example.org/${slug}`,
  description: "A sample event for a test.",
  ...(series ? { series } : {}),
});

const K15 = event("kubecon-2015", "kubecon");
const K16 = event("kubecon-2016", "kubecon");
const MEETUP = event("meetup-2015");
const EVENTS = [K15, K16, MEETUP];

describe("followerCounts", () => {
  it.each<[string, { follows: Follows; count: number }[], { everything: number; followers: [number, number, number] }]>([
    ["nobody active", [], { everything: 0, followers: [0, 0, 0] }],
    ["everything only: every event, each counted", [{ follows: null, count: 4 }], { everything: 4, followers: [4, 4, 4] }],
    ["one event named", [{ follows: ["meetup-2015"], count: 2 }], { everything: 0, followers: [0, 0, 2] }],
    ["a series takes in each edition, not other events", [{ follows: ["series:kubecon"], count: 3 }], { everything: 0, followers: [3, 3, 0] }],
    ["an edition named alone is that edition only", [{ follows: ["kubecon-2016"], count: 1 }], { everything: 0, followers: [0, 1, 0] }],
    ["the event and its series in one choice: counted once", [{ follows: ["kubecon-2015", "series:kubecon"], count: 5 }], { everything: 0, followers: [5, 5, 0] }],
    ["a slug no event has any more: counted nowhere", [{ follows: ["gone-2014"], count: 7 }], { everything: 0, followers: [0, 0, 0] }],
    ["an empty list follows nothing", [{ follows: [], count: 1 }], { everything: 0, followers: [0, 0, 0] }],
    [
      "groups add up",
      [
        { follows: null, count: 10 },
        { follows: ["kubecon-2015", "meetup-2015"], count: 2 },
        { follows: ["series:kubecon"], count: 3 },
        { follows: ["meetup-2015"], count: 1 },
      ],
      { everything: 10, followers: [15, 13, 13] },
    ],
  ])("%s", (_name, groups, expected) => {
    const counts = followerCounts(groups, EVENTS);
    expect(counts.everything).toBe(expected.everything);
    expect(counts.events.map((e) => e.followers)).toEqual(expected.followers);
  });

  it("names every event of the index in its order, with its title and series", () => {
    expect(followerCounts([], EVENTS).events).toEqual([
      { event: "kubecon-2015", title: "Title of kubecon-2015", series: "kubecon", followers: 0 },
      { event: "kubecon-2016", title: "Title of kubecon-2016", series: "kubecon", followers: 0 },
      { event: "meetup-2015", title: "Title of meetup-2015", series: null, followers: 0 },
    ]);
  });
});

describe("keysFollowing", () => {
  it.each<[EventMeta, string[]]>([
    [K15, ["kubecon-2015", "series:kubecon"]],
    [MEETUP, ["meetup-2015"]],
  ])("%o is followed by %j", (e, keys) => {
    expect(keysFollowing(e)).toEqual(keys);
  });

  it.each<Follows>([null, [], ["kubecon-2015"], ["series:kubecon"], ["kubecon-2016"], ["meetup-2015", "series:kubecon"], ["series:meetup"], ["gone-2014"]])(
    "agrees with followsEvent for %j",
    (follows) => {
      for (const e of EVENTS) expect(follows === null || keysFollowing(e).some((k) => follows.includes(k))).toBe(followsEvent(follows, e));
    },
  );
});
