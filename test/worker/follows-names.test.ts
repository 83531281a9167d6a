// The words and lists the forms build from follows.ts: a series' name, the series on offer,
// a choice in words, and what the preference form asks for.
import { describe, expect, it } from "vitest";
import type { EventMeta } from "../../src/content/types.ts";
import { describeFollows, seriesOf, seriesTitle } from "../../src/content/follows.ts";
import { readPreferenceForm } from "../../src/subscriptions/preference-form.ts";
import { changeNotice } from "../../src/subscriptions/preference-view.ts";

const event = (slug: string, title: string, series?: string): EventMeta => ({
  slug, title, timezone: "UTC", start: "2015-11-09", end: "2015-11-10", url: "https://example.org", description: "", ...(series ? { series } : {}),
});
const EVENTS = [
  event("kubecon-2015", "KubeCon 2015", "kubecon"),
  event("kubecon-2016", "KubeCon 2016", "kubecon"),
  event("meetup", "Container Night"),
  event("summit-a", "Summit Berlin", "summit"),
  event("summit-b", "Summit Tokyo '16", "summit"),
  event("dashed-1", "Meetup-2015", "dashed"),
  event("dashed-2", "Meetup – 2016", "dashed"),
];

describe("a series' name for people", () => {
  it.each([
    ["kubecon", "KubeCon", "its editions' title without the year"],
    ["dashed", "Meetup", "without a year written after a dash"],
    ["summit", "summit", "its slug when the titles differ beyond the year"],
    ["nothing", "nothing", "its slug when no event names it"],
  ])("%s → %s (%s)", (series, name) => {
    expect(seriesTitle(series, EVENTS)).toBe(name);
  });

  it("lists each series once, sorted", () => {
    expect(seriesOf(EVENTS)).toEqual(["dashed", "kubecon", "summit"]);
  });

  it.each([
    [null, "everything"],
    [[], "nothing"],
    [["meetup"], "Container Night"],
    [["kubecon-2015", "series:kubecon"], "every KubeCon"], // an edition of a followed series is said once
  ] as const)("describes %j as %s", (follows, words) => {
    expect(describeFollows(follows, EVENTS)).toBe(words);
  });
});

describe("what a press on the preference form asks for", () => {
  it.each([
    ["Get everything", { everything: "yes", events: ["meetup"] }, { ok: true, request: { follows: null } }],
    ["everything, whatever its spelling of yes", { everything: "on" }, { ok: true, request: { follows: null } }],
    ["one event", { events: "meetup" }, { ok: true, request: { follows: ["meetup"] } }],
    ["events and a series, sorted and once", { events: ["series:kubecon", "meetup", "meetup"] }, { ok: true, request: { follows: ["meetup", "series:kubecon"] } }],
    ["everything=no is no", { everything: "no", events: ["meetup"] }, { ok: true, request: { follows: ["meetup"] } }],
    ["nothing ticked", {}, { ok: false, field: "events", message: "choose at least one event, or everything, or unsubscribe" }],
    ["only blanks (an entry, not a choice)", { events: ["", " "] }, { ok: false, field: "events", message: "events must hold one event slug (or series:<name>) per entry, not \"\"" }],
  ] as const)("%s", (_name, fields, read) => {
    expect(readPreferenceForm(fields, EVENTS)).toEqual(read);
  });

  it("an unknown slug is refused, naming events", () => {
    const read = readPreferenceForm({ events: ["meetup", "no-such-event"] }, EVENTS);
    expect(read).toMatchObject({ ok: false, field: "events" });
    expect(!read.ok && read.message).toContain('"no-such-event"');
  });
});

describe("what a change did, in words", () => {
  it.each([
    [["meetup"], null, "Saved. You got Container Night; now you get everything."],
    [null, ["kubecon-2015"], "Saved. You got everything; now you get KubeCon 2015."],
    [["meetup"], ["meetup"], "Nothing changed: you still get Container Night."],
  ] as const)("%j → %j", (before, after, words) => {
    expect(changeNotice(before, after, EVENTS)).toBe(words);
  });
});
