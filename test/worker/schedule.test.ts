// The day module: the one place that says which posts a date's email carries and when.
import { describe, expect, it } from "vitest";
import { dateOf, dueAt, emailDates, isDue, latestDueDate, postsOfDay, type Schedule } from "../../src/content/schedule.ts";
import type { ContentIndex, PostMeta } from "../../src/content/types.ts";

const LA: Schedule = { sendAt: "19:00", timezone: "America/Los_Angeles" };
const at = (iso: string) => Date.parse(iso);
const post = (slug: string, iso: string) => ({ slug, publishedMs: at(iso) }) as PostMeta;
/** Newest first, as the content build writes the index. */
const index = (...posts: PostMeta[]) => ({ posts: [...posts].sort((a, b) => b.publishedMs - a.publishedMs) }) as ContentIndex;

const early = post("early", "2015-11-09T09:00:00-08:00");
const onTheDot = post("on-the-dot", "2015-11-09T19:00:00-08:00");
const justAfter = post("just-after", "2015-11-09T19:00:01-08:00");
const sample = index(early, onTheDot, justAfter);

describe("the day module", () => {
  it("a date's email carries the posts of (D−1 at SEND_AT, D at SEND_AT], oldest first", () => {
    expect(postsOfDay(sample, "2015-11-09", LA).map((p) => p.slug)).toEqual(["early", "on-the-dot"]);
    expect(postsOfDay(sample, "2015-11-10", LA).map((p) => p.slug)).toEqual(["just-after"]);
  });

  it("leaves out posts not yet published at `now`", () => {
    expect(postsOfDay(sample, "2015-11-09", LA, at("2015-11-09T12:00:00-08:00")).map((p) => p.slug)).toEqual(["early"]);
  });

  it.each([
    ["2015-11-09T18:59:59-08:00", false],
    ["2015-11-09T19:00:00-08:00", true],
  ])("is due from SEND_AT on (%s → %s)", (now, due) => {
    expect(isDue("2015-11-09", LA, at(now))).toBe(due);
    expect(dueAt("2015-11-09", LA)).toBe(at("2015-11-09T19:00:00-08:00"));
  });

  it("every post's date is the date whose email carries it", () => {
    for (const p of sample.posts) expect(postsOfDay(sample, dateOf(p.publishedMs, LA), LA)).toContain(p);
  });

  it.each([
    ["2015-11-09T18:59:00-08:00", "2015-11-08"],
    ["2015-11-09T19:00:00-08:00", "2015-11-09"],
    ["2015-11-10T03:00:00-08:00", "2015-11-09"],
  ])("the latest due date at %s is %s", (now, date) => {
    expect(latestDueDate(LA, at(now))).toBe(date);
  });

  it("lists the dates with an email by now, newest first, each with the posts postsOfDay gives", () => {
    const dates = emailDates(sample, LA, at("2015-11-10T19:00:00-08:00"));
    expect(dates.map((d) => d.date)).toEqual(["2015-11-10", "2015-11-09"]);
    for (const d of dates) expect(d.posts).toEqual(postsOfDay(sample, d.date, LA));
    expect(emailDates(sample, LA, at("2015-11-10T18:00:00-08:00")).map((d) => d.date)).toEqual(["2015-11-09"]);
  });
});
