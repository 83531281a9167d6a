import { describe, expect, it } from "vitest";
import { eventPhase, eventsByPhase } from "../../src/content/event-phase.ts";
import type { EventMeta } from "../../src/content/types.ts";

const event = (slug: string, start: string, end: string, timezone = "America/Los_Angeles"): EventMeta => ({
  slug, title: slug, timezone, start, end, url: "https://example.org", description: "",
});

describe("an event's phase, on its own calendar", () => {
  const sf = event("sf", "2015-11-09", "2015-11-11");
  const tokyo = event("tokyo", "2015-11-10", "2015-11-10", "Asia/Tokyo");
  it.each([
    ["the day before, in San Francisco", sf, "2015-11-09T07:59:59Z", "upcoming"],
    ["its first minute, in San Francisco", sf, "2015-11-09T08:00:00Z", "running"],
    ["its last minute", sf, "2015-11-12T07:59:59Z", "running"],
    ["the minute after", sf, "2015-11-12T08:00:00Z", "past"],
    // 2015-11-10 begins in Tokyo at 15:00 UTC on the 9th, when it is still the 9th in UTC and in San Francisco.
    ["Tokyo's day, begun there while it is the 9th elsewhere", tokyo, "2015-11-09T15:00:00Z", "running"],
    ["a second before Tokyo's day", tokyo, "2015-11-09T14:59:59Z", "upcoming"],
    ["Tokyo's day over there, still the 10th in San Francisco", tokyo, "2015-11-10T15:00:00Z", "past"],
    ["a one-day event on its day", event("one", "2026-03-08", "2026-03-08"), "2026-03-08T12:00:00Z", "running"],
    ["across the clocks going forward", event("dst", "2026-03-08", "2026-03-08"), "2026-03-09T06:59:59Z", "running"],
    ["after the clocks went forward", event("dst", "2026-03-08", "2026-03-08"), "2026-03-09T07:00:00Z", "past"],
  ] as const)("%s", (_name, e, at, phase) => {
    expect(eventPhase(e, Date.parse(at))).toBe(phase);
  });

  it("orders running and upcoming events soonest first, then past ones latest first", () => {
    const events = [
      event("old", "2014-05-01", "2014-05-02"),
      event("later", "2015-12-01", "2015-12-02"),
      event("now-b", "2015-11-09", "2015-11-11"),
      event("older", "2013-05-01", "2013-05-02"),
      event("now-a", "2015-11-09", "2015-11-10"),
    ].map((e) => ({ ...e, title: e.slug }));
    const { open, past } = eventsByPhase(events, Date.parse("2015-11-10T20:00:00Z"));
    expect(open.map((e) => e.slug)).toEqual(["now-a", "now-b", "later"]);
    expect(past.map((e) => e.slug)).toEqual(["old", "older"]);
  });
});
