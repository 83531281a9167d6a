// The rule of what a subscriber follows, and which variant of a day's email that gives them.
import { describe, expect, it } from "vitest";
import { decodeFollows, describeFollows, encodeFollows, followsEvent, parseFollows, unionFollows, withoutEvent, type Follows } from "../../src/content/follows.ts";
import type { EventMeta } from "../../src/content/types.ts";
import { countVariants, dayEventsOf, isWholeDay, variantOf } from "../../src/sending/variant-rule.ts";

const event = (slug: string, series?: string): EventMeta => ({ slug, title: slug.toUpperCase(), timezone: "UTC", start: "2026-01-01", end: "2026-01-02", url: "https://example.org", description: "", ...(series ? { series } : {}) });
const K15 = event("kubecon-2015", "kubecon");
const K16 = event("kubecon-2016", "kubecon");
const MEET = event("meetup");
const EVENTS = [K15, K16, MEET];

describe("parseFollows", () => {
  it.each<[string, unknown, Follows | string]>([
    ["absent", undefined, null],
    ["empty string", "", null],
    ["empty list", [], null],
    ["blank entries", [" ", ""], null],
    ["one slug", "meetup", ["meetup"]],
    ["a list, sorted and unique", ["meetup", "kubecon-2015", "meetup"], ["kubecon-2015", "meetup"]],
    ["a series", ["series:kubecon"], ["series:kubecon"]],
    ["comma list (a query)", "meetup,series:kubecon", ["meetup", "series:kubecon"]],
    ["semicolon list (a CSV cell)", "meetup; kubecon-2016", ["kubecon-2016", "meetup"]],
    ["unknown slug", ["meetup", "nope"], "names no event or series of this site: \"nope\""],
    ["unknown series", "series:devopsdays", "names no event or series of this site: \"series:devopsdays\""],
    ["wrong case", "Meetup", "names no event or series of this site: \"Meetup\""],
    ["a number", [1], "must be a list of event slugs (or series:<name>)"],
    ["an object", { a: 1 }, "must be a list of event slugs (or series:<name>)"],
  ])("%s", (_, raw, expected) => {
    const parsed = parseFollows(raw, EVENTS);
    if (typeof expected === "string") {
      expect(parsed.ok).toBe(false);
      expect(!parsed.ok && parsed.message).toBe(expected);
    } else {
      expect(parsed).toEqual({ ok: true, follows: expected });
    }
  });

  it("bounds how many a request may name", () => {
    expect(parseFollows(Array(101).fill("meetup"), EVENTS)).toMatchObject({ ok: false, message: "may name at most 100 events" });
  });
});

describe("followsEvent and variants", () => {
  it.each<[string, Follows, EventMeta, boolean]>([
    ["everything takes in any event", null, K16, true],
    ["the event itself", ["kubecon-2015"], K15, true],
    ["another edition is not the event", ["kubecon-2015"], K16, false],
    ["a series takes in its editions, future ones too", ["series:kubecon"], K16, true],
    ["a series does not take in an event without one", ["series:kubecon"], MEET, false],
    ["nothing followed", [], MEET, false],
  ])("%s", (_, follows, e, expected) => expect(followsEvent(follows, e)).toBe(expected));

  it.each<[string, Follows, string[]]>([
    ["everything gets the whole day", null, ["kubecon-2015", "meetup"]],
    ["one event of the day", ["meetup"], ["meetup"]],
    ["a series gets its edition of the day", ["series:kubecon"], ["kubecon-2015"]],
    ["both, by slug and series", ["meetup", "series:kubecon"], ["kubecon-2015", "meetup"]],
    ["an event not in the day: nothing", ["kubecon-2016"], []],
  ])("%s", (_, follows, expected) => expect(variantOf(follows, [K15, MEET])).toEqual(expected));

  it("the whole day is the variant that holds every event of it", () => {
    expect(isWholeDay(["kubecon-2015", "meetup"], [K15, MEET])).toBe(true);
    expect(isWholeDay(["meetup"], [K15, MEET])).toBe(false);
  });

  it("counts recipients per variant, the whole day first, leaving out who follows none of the day", () => {
    const counts = countVariants(
      [
        { follows: null, count: 5 },
        { follows: ["kubecon-2015", "meetup"], count: 2 },
        { follows: ["series:kubecon"], count: 3 },
        { follows: ["kubecon-2015"], count: 1 },
        { follows: ["meetup"], count: 7 },
        { follows: ["kubecon-2016"], count: 9 },
      ],
      [K15, MEET],
    );
    expect(counts).toEqual([
      { events: ["kubecon-2015", "meetup"], recipients: 7 },
      { events: ["meetup"], recipients: 7 },
      { events: ["kubecon-2015"], recipients: 4 },
    ]);
  });

  it("a send's day keeps an event the content no longer has, by its slug", () => {
    expect(dayEventsOf(["gone", "meetup"], EVENTS)).toEqual([{ slug: "gone" }, MEET]);
    expect(variantOf(null, dayEventsOf(["gone", "meetup"], EVENTS))).toEqual(["gone", "meetup"]);
  });
});

describe("changing a choice", () => {
  it.each<[string, Follows, Follows, Follows]>([
    ["everything wins a union", null, ["meetup"], null],
    ["lists join", ["meetup"], ["series:kubecon"], ["meetup", "series:kubecon"]],
    ["the same twice", ["meetup"], ["meetup"], ["meetup"]],
  ])("union: %s", (_, a, b, expected) => expect(unionFollows(a, b)).toEqual(expected));

  it.each<[string, Follows, EventMeta, string[]]>([
    ["from a list", ["kubecon-2015", "meetup"], MEET, ["kubecon-2015"]],
    ["from everything: every other event and series", null, MEET, ["kubecon-2015", "kubecon-2016", "series:kubecon"]],
    ["through a series: its other editions stay", ["series:kubecon"], K15, ["kubecon-2016"]],
    ["an event not followed: unchanged", ["meetup"], K16, ["meetup"]],
  ])("stop one event: %s", (_, follows, e, expected) => expect(withoutEvent(follows, e, EVENTS)).toEqual(expected));

  it("stores everything as NULL and lists as sorted JSON, and reads them back", () => {
    expect(encodeFollows(null)).toBeNull();
    expect(encodeFollows(["a", "b"])).toBe('["a","b"]');
    expect(decodeFollows(null)).toBeNull();
    expect(decodeFollows('["b","a","a"]')).toEqual(["a", "b"]);
  });

  it("says a choice in words", () => {
    expect(describeFollows(null, EVENTS)).toBe("everything");
    expect(describeFollows(["meetup", "series:kubecon"], EVENTS)).toBe("MEETUP, every KUBECON"); // a series is named by its editions' titles (seriesTitle)
  });
});
