import { describe, expect, it } from "vitest";
import { dateOfInstant, dayWindow, isCalendarDate, sendTimeOf } from "../../src/content/days.ts";

const LA = "America/Los_Angeles";

describe("days", () => {
  it("puts the send time of D in D's window and the next minute in D+1's", () => {
    const due = Date.parse("2015-11-09T19:00:00-08:00");
    expect(sendTimeOf("2015-11-09", "19:00", LA)).toBe(due);
    expect(dateOfInstant(due, "19:00", LA)).toBe("2015-11-09");
    expect(dateOfInstant(due + 1, "19:00", LA)).toBe("2015-11-10");
    expect(dateOfInstant(Date.parse("2015-11-09T18:30:00-08:00"), "19:00", LA)).toBe("2015-11-09");
    expect(dateOfInstant(Date.parse("2015-11-08T19:00:01-08:00"), "19:00", LA)).toBe("2015-11-09");
  });

  it("spans exactly one day between send times, and 23 or 25 hours across DST changes", () => {
    const span = (d: string) => {
      const w = dayWindow(d, "19:00", LA);
      return (w.endMs - w.startMs) / 3_600_000;
    };
    expect(span("2015-11-10")).toBe(24);
    expect(span("2026-03-08")).toBe(23); // spring forward in the US
    expect(span("2026-11-01")).toBe(25); // fall back
    expect(dayWindow("2026-03-08", "19:00", LA).endMs).toBe(Date.parse("2026-03-08T19:00:00-07:00"));
  });

  it("works in zones east of UTC and at midnight", () => {
    expect(sendTimeOf("2026-06-01", "00:00", "Asia/Tokyo")).toBe(Date.parse("2026-06-01T00:00:00+09:00"));
    expect(dateOfInstant(Date.parse("2026-06-01T00:00:00+09:00"), "00:00", "Asia/Tokyo")).toBe("2026-06-01");
    expect(dateOfInstant(Date.parse("2026-06-01T00:00:01+09:00"), "00:00", "Asia/Tokyo")).toBe("2026-06-02");
  });

  it("moves a send time that falls in a DST gap forward, and takes the first of a repeated time", () => {
    const NY = "America/New_York";
    expect(sendTimeOf("2026-03-08", "02:30", NY)).toBe(Date.parse("2026-03-08T03:30:00-04:00"));
    expect(sendTimeOf("2026-11-01", "01:30", NY)).toBe(Date.parse("2026-11-01T01:30:00-04:00"));
    expect(sendTimeOf("2026-11-01", "02:30", NY)).toBe(Date.parse("2026-11-01T02:30:00-05:00"));
  });

  it.each([
    ["America/Santiago", "00:00", "2026-09-04"],
    ["America/Santiago", "00:30", "2026-04-03"],
    ["America/Havana", "00:00", "2026-03-06"],
    ["America/Los_Angeles", "02:30", "2026-03-06"],
    ["Europe/London", "01:30", "2026-10-23"],
  ])("in %s at %s, every instant belongs to the one day whose window holds it", (zone, sendAt, from) => {
    const start = Date.parse(`${from}T00:00:00Z`);
    for (let ms = start; ms < start + 5 * 86_400_000; ms += 10 * 60_000) {
      const date = dateOfInstant(ms, sendAt, zone);
      const w = dayWindow(date, sendAt, zone);
      expect(ms > w.startMs && ms <= w.endMs, `${new Date(ms).toISOString()} → ${date}`).toBe(true);
      expect(w.endMs).toBeGreaterThan(w.startMs);
    }
  });

  it("accepts only real calendar dates", () => {
    expect(isCalendarDate("2015-11-09")).toBe(true);
    expect(isCalendarDate("2024-02-29")).toBe(true);
    for (const bad of ["2015-02-29", "2015-13-01", "2015-11-9", "20151109", "", "2015-11-09T00:00"]) expect(isCalendarDate(bad)).toBe(false);
  });
});
