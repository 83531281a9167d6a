import { describe, expect, it } from "vitest";
import type { ContentIndex, EventMeta } from "../../src/content/types.ts";
import { feedLinkHeader } from "../../src/feeds/feed-link-header.ts";
import { POLLING_HINTS, pollingHint, syIntervalMinutes } from "../../src/feeds/polling-hint.ts";
import { scopeEvents } from "../../src/feeds/scope-events.ts";

const event = (start: string, end: string, timezone = "America/Los_Angeles"): Pick<EventMeta, "start" | "end" | "timezone"> => ({ start, end, timezone });

describe("polling hints from the events' calendar", () => {
  const sf = event("2015-11-09", "2015-11-11");
  const tokyo = event("2015-11-20", "2015-11-20", "Asia/Tokyo");
  it.each([
    ["no events at all", [], "2015-11-10T12:00:00Z", "quiet"],
    ["a week before", [sf], "2015-11-02T12:00:00-08:00", "quiet"],
    ["the last minute before the soon window", [sf], "2015-11-06T23:59:00-08:00", "quiet"],
    ["two days before", [sf], "2015-11-07T00:00:00-08:00", "soon"],
    ["the evening before", [sf], "2015-11-08T20:00:00-08:00", "soon"],
    ["its first minute", [sf], "2015-11-09T00:00:00-08:00", "live"],
    ["its last evening", [sf], "2015-11-11T19:00:00-08:00", "live"],
    // A last day's recap may be written the morning after.
    ["the day after it ended", [sf], "2015-11-12T09:00:00-08:00", "live"],
    ["two days after it ended", [sf], "2015-11-13T00:00:00-08:00", "quiet"],
    ["one event over, another soon", [sf, tokyo], "2015-11-18T12:00:00-08:00", "soon"],
    ["one event soon, another on: on wins", [tokyo, event("2015-11-17", "2015-11-19")], "2015-11-18T12:00:00-08:00", "live"],
    // 2015-11-20 begins in Tokyo at 15:00 UTC on the 19th.
    ["Tokyo's day begun while it is the 19th in San Francisco", [tokyo], "2015-11-19T15:00:00Z", "live"],
    ["a second before Tokyo's day", [tokyo], "2015-11-19T14:59:59Z", "soon"],
  ] as const)("%s: %s", (_name, events, at, tier) => {
    expect(pollingHint(events, Date.parse(at))).toEqual(POLLING_HINTS[tier]);
  });

  it.each(Object.entries(POLLING_HINTS))("%s is a positive whole number of minutes, and sy: says the same interval as ttl", (_tier, hint) => {
    expect(Number.isInteger(hint.ttlMinutes)).toBe(true);
    expect(hint.ttlMinutes).toBeGreaterThan(0);
    expect(Number.isInteger(hint.updateFrequency)).toBe(true);
    expect(hint.updateFrequency).toBeGreaterThan(0);
    expect(syIntervalMinutes(hint)).toBe(hint.ttlMinutes);
  });

  it("never asks a polling reader to wait a day or more while an event is on", () => {
    // Recaps come once a day: a wait of a day could skip from one evening's recap past the next.
    expect(POLLING_HINTS.live.ttlMinutes).toBeLessThan(24 * 60);
    // And the soon rhythm reaches the first day well before its evening.
    expect(POLLING_HINTS.soon.ttlMinutes).toBeLessThanOrEqual(12 * 60);
  });
});

describe("the Link header of a feed", () => {
  it.each([
    [["https://h.example/websub"], "https://h.example/rss.xml", '<https://h.example/websub>; rel="hub", <https://h.example/rss.xml>; rel="self"'],
    [
      ["https://h.example/websub", "https://pubsubhubbub.example.com/"],
      "https://h.example/events/x/atom.xml",
      '<https://h.example/websub>; rel="hub", <https://pubsubhubbub.example.com/>; rel="hub", <https://h.example/events/x/atom.xml>; rel="self"',
    ],
    [[], "https://h.example/feed.json", '<https://h.example/feed.json>; rel="self"'],
  ])("names each hub, then the feed itself: %j", (hubs, self, header) => {
    expect(feedLinkHeader(hubs, self)).toBe(header);
  });
});

describe("the events a feed's hint goes by", () => {
  const ev = (slug: string): EventMeta => ({ slug, title: slug, timezone: "UTC", start: "2026-01-01", end: "2026-01-02", url: "https://example.org", description: "" });
  const NOW = Date.parse("2026-01-01T12:00:00Z");
  const post = (slug: string, event: string, tags: string[], publishedMs = NOW - 1) => ({ slug, event, tags, publishedMs }) as unknown as ContentIndex["posts"][number];
  // Newest first, as the index keeps them: p0 is scheduled for later.
  const index = {
    buildId: "x",
    events: [ev("a"), ev("b"), ev("c"), ev("d")],
    posts: [post("p0", "d", ["k8s"], NOW + 60_000), post("p1", "a", ["k8s"]), post("p2", "b", ["k8s", "sig"]), post("p3", "c", [])],
  } satisfies ContentIndex;

  it("takes every event for the site, its own for an event, and those of the tag's published posts for a tag", () => {
    expect(scopeEvents(index, { kind: "site" }, NOW).map((e) => e.slug)).toEqual(["a", "b", "c", "d"]);
    expect(scopeEvents(index, { kind: "event", event: ev("b") }, NOW).map((e) => e.slug)).toEqual(["b"]);
    // p0's event counts only once p0 is out: the hint must not give away a scheduled post.
    expect(scopeEvents(index, { kind: "tag", tag: "k8s" }, NOW).map((e) => e.slug)).toEqual(["a", "b"]);
    expect(scopeEvents(index, { kind: "tag", tag: "k8s" }, NOW + 60_000).map((e) => e.slug)).toEqual(["a", "b", "d"]);
    expect(scopeEvents(index, { kind: "tag", tag: "none" }, NOW)).toEqual([]);
  });
});
