// Delivery times (issue 17): the preference form's `delivery` and `zone`, the instant a
// recipient with a delivery time is due, and the dry run's count per hour. Every expected
// instant is written with its offset so it can be checked against the zone's rules by hand.
// Runs in workerd, whose ICU holds the time zone rules production uses.
import { describe, expect, it } from "vitest";
import { dueAt, formatDeliveryTime, hoursHistogram, parseDeliveryTime, parseZone, type DeliveryTime, type LocalTime } from "../../src/content/delivery-time.ts";

const HOUR = 3_600_000;
const at = (iso: string) => Date.parse(iso);
const hhmm = (text: string): LocalTime => ({ hour: Number(text.slice(0, 2)), minute: Number(text.slice(3, 5)) });

describe("parseDeliveryTime", () => {
  it.each<[string, unknown, DeliveryTime]>([
    ["asap", "asap", "asap"],
    ["asap in capitals", "ASAP", "asap"],
    ["asap with spaces around", "  asap ", "asap"],
    ["a morning time", "07:30", { hour: 7, minute: 30 }],
    ["midnight", "00:00", { hour: 0, minute: 0 }],
    ["the last minute of the day", "23:59", { hour: 23, minute: 59 }],
    ["a time with a newline after it", "07:30\n", { hour: 7, minute: 30 }],
    ["a time with a no-break space before it (trimmed like any space)", "\u00a007:30", { hour: 7, minute: 30 }],
  ])("accepts %s", (_, raw, expected) => {
    expect(parseDeliveryTime(raw)).toEqual({ ok: true, value: expected });
  });

  it.each<[string, unknown]>([
    ["24:00", "24:00"],
    ["an hour without its leading zero", "7:30"],
    ["hour and minute without leading zeros", "7:5"],
    ["a minute without its leading zero", "07:5"],
    ["minute 60", "07:60"],
    ["hour 25", "25:00"],
    ["a negative hour", "-1:00"],
    ["seconds", "07:30:00"],
    ["a space inside", "07: 30"],
    ["a space before the colon", "07 :30"],
    ["a space between the digits", "0 7:30"],
    ["a zero-width space inside (not whitespace to trim)", "07\u200b:30"],
    ["full-width digits", "０７:３０"],
    ["a dot", "07.30"],
    ["no colon", "0730"],
    ["am/pm", "07:30 am"],
    ["asap with a space inside", "as ap"],
    ["asap with more after it", "asap!"],
    ["the empty string", ""],
    ["only spaces", "   "],
    ["absent", undefined],
    ["null", null],
    ["a number", 730],
    ["a repeated field (a list)", ["07:30"]],
  ])("refuses %s", (_, raw) => {
    const parsed = parseDeliveryTime(raw);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.message).toMatch(/\S/);
  });

  it("says what midnight is called when given 24:00, and shows the spelling it wants otherwise", () => {
    expect(parseDeliveryTime("24:00")).toEqual({ ok: false, message: "24:00 is not a time of day: midnight is 00:00." });
    expect(parseDeliveryTime("7:30")).toEqual({ ok: false, message: "A delivery time is asap or a 24-hour time written HH:MM with leading zeros, such as 07:30." });
  });

  it("reads back every time of day it writes", () => {
    expect(formatDeliveryTime("asap")).toBe("asap");
    for (let hour = 0; hour < 24; hour++) {
      for (let minute = 0; minute < 60; minute++) {
        const text = formatDeliveryTime({ hour, minute });
        expect(text).toMatch(/^\d\d:\d\d$/);
        expect(parseDeliveryTime(text)).toEqual({ ok: true, value: { hour, minute } });
      }
    }
  });
});

describe("parseZone", () => {
  it.each<[string, unknown, string]>([
    ["a zone as written", "Europe/Berlin", "Europe/Berlin"],
    ["a zone in lower case", "europe/berlin", "Europe/Berlin"],
    ["a zone in mixed case", "europe/BERLIN", "Europe/Berlin"],
    ["a zone with spaces around", " America/Los_Angeles ", "America/Los_Angeles"],
    ["a three-part zone", "America/Argentina/Salta", "America/Argentina/Salta"],
    ["a 45-minute zone", "Pacific/Chatham", "Pacific/Chatham"],
    ["UTC", "UTC", "UTC"],
    ["utc in lower case", "utc", "UTC"],
    ["Etc/UTC", "Etc/UTC", "UTC"],
    ["GMT", "GMT", "UTC"],
    ["a fixed offset the IANA way (Etc/GMT-5 is UTC+5)", "Etc/GMT-5", "Etc/GMT-5"],
    ["a fixed offset the IANA way, lower case", "etc/gmt+5", "Etc/GMT+5"],
    ["a legacy link with a slash", "US/Pacific", "America/Los_Angeles"],
  ])("accepts %s", (_, raw, expected) => {
    expect(parseZone(raw)).toEqual({ ok: true, value: expected });
  });

  it("stores one name for a zone however it is spelt (new and old names of Kolkata, Kathmandu, Kyiv)", () => {
    for (const [now, old] of [["Asia/Kolkata", "Asia/Calcutta"], ["Asia/Kathmandu", "Asia/Katmandu"], ["Europe/Kyiv", "Europe/Kiev"]] as const) {
      const a = parseZone(now);
      const b = parseZone(old);
      const c = parseZone(now.toLowerCase());
      expect(a.ok && b.ok && c.ok).toBe(true);
      if (!a.ok || !b.ok || !c.ok) continue;
      expect([now, old]).toContain(a.value);
      expect(b.value).toBe(a.value);
      expect(c.value).toBe(a.value);
      // What is stored is what Intl itself calls the zone, so it reads back unchanged.
      expect(parseZone(a.value)).toEqual(a);
    }
  });

  it.each<[string, unknown]>([
    ["an offset", "+05:30"],
    ["a negative offset", "-08:00"],
    ["an offset without a colon", "+0530"],
    ["UTC plus an offset", "UTC+1"],
    ["GMT plus an offset", "GMT+5"],
    ["an abbreviation ICU would read as India", "IST"],
    ["a single-word legacy alias", "EST"],
    ["a POSIX-style name", "PST8PDT"],
    ["tzdata's Factory zone", "Factory"],
    ["Zulu", "Zulu"],
    ["a name ICU knows that is not in the IANA database", "SystemV/PST8"],
    ["an unknown zone", "Mars/Olympus"],
    ["an offset past the end of the Etc zones", "Etc/GMT+14"],
    ["a space inside", "America/New York"],
    ["a trailing slash", "Europe/Berlin/"],
    ["a leading slash", "/Europe/Berlin"],
    ["two slashes", "Europe//Berlin"],
    ["a path", "../etc/passwd"],
    ["markup", "Europe/Berlin<b>"],
    ["a zero-width space at the end", "Europe/Berlin\u200b"],
    ["a very long name", `Europe/${"B".repeat(60)}`],
    ["the empty string", ""],
    ["only spaces", "  "],
    ["absent", undefined],
    ["a number", 5],
    ["a repeated field (a list)", ["Europe/Berlin"]],
  ])("refuses %s", (_, raw) => {
    const parsed = parseZone(raw);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.message).toMatch(/\S/);
  });

  it("names a well-formed zone it does not know, and never echoes text that is not a zone's shape", () => {
    expect(parseZone("Mars/Olympus")).toEqual({ ok: false, message: "\"Mars/Olympus\" is not a time zone this server knows; choose one such as Europe/Berlin." });
    const odd = parseZone("Europe/Berlin<b>");
    expect(!odd.ok && odd.message).not.toContain("<");
  });
});

// [what it shows, created, HH:MM, zone, expected]. Rules of 2026 used here:
// Los Angeles −08/−07: forward 03-08 02:00→03:00, back 11-01 02:00→01:00.
// Berlin +01/+02: forward 03-29 02:00→03:00, back 10-25 03:00→02:00.
// Sydney +10/+11 (southern): back 04-05 03:00→02:00, forward 10-04 02:00→03:00.
// Lord Howe +10:30/+11 (30 minutes): back 04-05 02:00→01:30, forward 10-04 02:00→02:30.
// Chatham +12:45/+13:45: back 04-05 03:45→02:45, forward 09-27 02:45→03:45.
// Kolkata +05:30, Kathmandu +05:45 and UTC do not change.
const CASES: [string, string, string, string, string][] = [
  ["LA: just before the time", "2026-06-15T06:59:59-07:00", "07:00", "America/Los_Angeles", "2026-06-15T07:00:00-07:00"],
  ["LA: exactly at the time waits a day", "2026-06-15T07:00:00-07:00", "07:00", "America/Los_Angeles", "2026-06-16T07:00:00-07:00"],
  ["LA: just after the time", "2026-06-15T07:00:01-07:00", "07:00", "America/Los_Angeles", "2026-06-16T07:00:00-07:00"],
  ["LA: a send at 19:00 for a reader at 07:00", "2026-06-15T19:00:00-07:00", "07:00", "America/Los_Angeles", "2026-06-16T07:00:00-07:00"],
  ["LA: 02:30 does not exist on 03-08, so 03:30", "2026-03-08T00:00:00-08:00", "02:30", "America/Los_Angeles", "2026-03-08T03:30:00-07:00"],
  ["LA: created after the gap but before 03:30", "2026-03-08T03:10:00-07:00", "02:30", "America/Los_Angeles", "2026-03-08T03:30:00-07:00"],
  ["LA: created at that 03:30, so the next day's 02:30", "2026-03-08T03:30:00-07:00", "02:30", "America/Los_Angeles", "2026-03-09T02:30:00-07:00"],
  ["LA: 07:00 across the spring change is 23 h on", "2026-03-07T07:00:00-08:00", "07:00", "America/Los_Angeles", "2026-03-08T07:00:00-07:00"],
  ["LA: 01:30 twice on 11-01, the first", "2026-11-01T00:00:00-07:00", "01:30", "America/Los_Angeles", "2026-11-01T01:30:00-07:00"],
  ["LA: created at the first 01:30, so the second", "2026-11-01T01:30:00-07:00", "01:30", "America/Los_Angeles", "2026-11-01T01:30:00-08:00"],
  ["LA: created between the two 01:30s", "2026-11-01T01:45:00-07:00", "01:30", "America/Los_Angeles", "2026-11-01T01:30:00-08:00"],
  ["LA: created at the second 01:30, so the next day's", "2026-11-01T01:30:00-08:00", "01:30", "America/Los_Angeles", "2026-11-02T01:30:00-08:00"],
  ["LA: 07:00 across the autumn change is 25 h on", "2026-10-31T07:00:00-07:00", "07:00", "America/Los_Angeles", "2026-11-01T07:00:00-08:00"],
  ["Berlin: just before the time", "2026-07-01T06:59:00+02:00", "07:00", "Europe/Berlin", "2026-07-01T07:00:00+02:00"],
  ["Berlin: 02:30 does not exist on 03-29, so 03:30", "2026-03-29T01:00:00+01:00", "02:30", "Europe/Berlin", "2026-03-29T03:30:00+02:00"],
  ["Berlin: created after the gap, before the shifted time", "2026-03-29T03:10:00+02:00", "02:30", "Europe/Berlin", "2026-03-29T03:30:00+02:00"],
  ["Berlin: 02:00, the first minute of the gap, is 03:00", "2026-03-28T12:00:00+01:00", "02:00", "Europe/Berlin", "2026-03-29T03:00:00+02:00"],
  ["Berlin: 03:00, the end of the gap, is itself", "2026-03-28T12:00:00+01:00", "03:00", "Europe/Berlin", "2026-03-29T03:00:00+02:00"],
  ["Berlin: 02:30 twice on 10-25, the first", "2026-10-25T02:15:00+02:00", "02:30", "Europe/Berlin", "2026-10-25T02:30:00+02:00"],
  ["Berlin: created after the first 02:30, the second", "2026-10-25T02:40:00+02:00", "02:30", "Europe/Berlin", "2026-10-25T02:30:00+01:00"],
  ["Berlin: midnight into a new year", "2026-12-31T23:59:59+01:00", "00:00", "Europe/Berlin", "2027-01-01T00:00:00+01:00"],
  ["Kolkata: just before the time", "2026-06-15T07:29:00+05:30", "07:30", "Asia/Kolkata", "2026-06-15T07:30:00+05:30"],
  ["Kolkata: exactly at the time waits a day", "2026-06-15T07:30:00+05:30", "07:30", "Asia/Kolkata", "2026-06-16T07:30:00+05:30"],
  ["Kolkata: UTC midnight is 05:30, so 05:00 is tomorrow", "2026-06-15T00:00:00Z", "05:00", "Asia/Kolkata", "2026-06-16T05:00:00+05:30"],
  ["Kolkata: and 06:00 is today", "2026-06-15T00:00:00Z", "06:00", "Asia/Kolkata", "2026-06-15T06:00:00+05:30"],
  ["Kathmandu: a second before the time", "2026-06-15T07:44:59+05:45", "07:45", "Asia/Kathmandu", "2026-06-15T07:45:00+05:45"],
  ["Kathmandu: a millisecond after the time", "2026-06-15T07:45:00.001+05:45", "07:45", "Asia/Kathmandu", "2026-06-16T07:45:00+05:45"],
  ["Kathmandu: UTC midnight is 05:45, so 05:44 is tomorrow", "2026-06-15T00:00:00Z", "05:44", "Asia/Kathmandu", "2026-06-16T05:44:00+05:45"],
  ["Kathmandu: and 05:46 is today", "2026-06-15T00:00:00Z", "05:46", "Asia/Kathmandu", "2026-06-15T05:46:00+05:45"],
  ["Sydney: a summer morning", "2026-01-10T06:00:00+11:00", "07:00", "Australia/Sydney", "2026-01-10T07:00:00+11:00"],
  ["Sydney: 02:30 twice on 04-05 (DST ends in April), the first", "2026-04-05T01:00:00+11:00", "02:30", "Australia/Sydney", "2026-04-05T02:30:00+11:00"],
  ["Sydney: created after the first 02:30, the second", "2026-04-05T02:45:00+11:00", "02:30", "Australia/Sydney", "2026-04-05T02:30:00+10:00"],
  ["Sydney: 07:00 across the April change is 25 h on", "2026-04-04T07:00:00+11:00", "07:00", "Australia/Sydney", "2026-04-05T07:00:00+10:00"],
  ["Sydney: 02:30 does not exist on 10-04 (DST starts in October), so 03:30", "2026-10-03T20:00:00+10:00", "02:30", "Australia/Sydney", "2026-10-04T03:30:00+11:00"],
  ["Sydney: created after the October gap, before the shifted time", "2026-10-04T03:15:00+11:00", "02:30", "Australia/Sydney", "2026-10-04T03:30:00+11:00"],
  ["Lord Howe: 01:45 twice on 04-05, the first", "2026-04-05T01:40:00+11:00", "01:45", "Australia/Lord_Howe", "2026-04-05T01:45:00+11:00"],
  ["Lord Howe: created after the first 01:45, the second (30 min later)", "2026-04-05T01:50:00+11:00", "01:45", "Australia/Lord_Howe", "2026-04-05T01:45:00+10:30"],
  ["Lord Howe: 07:00 across the April change is 24.5 h on", "2026-04-04T07:00:00+11:00", "07:00", "Australia/Lord_Howe", "2026-04-05T07:00:00+10:30"],
  ["Lord Howe: 02:15 does not exist on 10-04, so 02:45 (a 30-minute gap)", "2026-10-04T01:00:00+10:30", "02:15", "Australia/Lord_Howe", "2026-10-04T02:45:00+11:00"],
  ["Lord Howe: created after that gap, before the shifted time", "2026-10-04T02:35:00+11:00", "02:15", "Australia/Lord_Howe", "2026-10-04T02:45:00+11:00"],
  ["Lord Howe: created at the shifted time, so the next day's", "2026-10-04T02:45:00+11:00", "02:15", "Australia/Lord_Howe", "2026-10-05T02:15:00+11:00"],
  ["Lord Howe: 02:30, the end of that gap, is itself", "2026-10-04T01:00:00+10:30", "02:30", "Australia/Lord_Howe", "2026-10-04T02:30:00+11:00"],
  ["Chatham: a winter morning at +12:45", "2026-07-01T07:00:00+12:45", "08:00", "Pacific/Chatham", "2026-07-01T08:00:00+12:45"],
  ["Chatham: 03:00 does not exist on 09-27, so 04:00", "2026-09-27T00:00:00+12:45", "03:00", "Pacific/Chatham", "2026-09-27T04:00:00+13:45"],
  ["Chatham: created after that gap, before the shifted time", "2026-09-27T03:50:00+13:45", "03:00", "Pacific/Chatham", "2026-09-27T04:00:00+13:45"],
  ["Chatham: 03:00 twice on 04-05, created between them, the second", "2026-04-05T03:30:00+13:45", "03:00", "Pacific/Chatham", "2026-04-05T03:00:00+12:45"],
  ["UTC: a millisecond before midnight", "2026-06-15T23:59:59.999Z", "00:00", "UTC", "2026-06-16T00:00:00Z"],
  ["UTC: exactly at midnight waits a day", "2026-06-15T00:00:00Z", "00:00", "UTC", "2026-06-16T00:00:00Z"],
  ["UTC: into a leap day", "2028-02-28T12:00:00Z", "06:00", "UTC", "2028-02-29T06:00:00Z"],
];

describe("dueAt", () => {
  it.each(CASES)("%s", (_, created, time, zone, expected) => {
    const due = dueAt(at(created), hhmm(time), zone);
    expect(new Date(due).toISOString()).toBe(new Date(at(expected)).toISOString());
    expect(due).toBeGreaterThan(at(created));
    expect(due - at(created)).toBeLessThanOrEqual(25 * HOUR);
  });

  it("gives the same instant for the old and new name of a zone and with a warm cache", () => {
    const created = at("2026-06-15T12:00:00Z");
    const first = dueAt(created, hhmm("07:45"), "Asia/Kathmandu");
    expect(dueAt(created, hhmm("07:45"), "Asia/Katmandu")).toBe(first);
    expect(dueAt(created, hhmm("07:45"), "Asia/Kathmandu")).toBe(first);
    expect(new Date(first).toISOString()).toBe(new Date(at("2026-06-16T07:45:00+05:45")).toISOString());
  });

  it("reads the clock also in years Intl writes with other than four digits", () => {
    expect(new Date(dueAt(at("0900-06-15T12:00:00Z"), hhmm("07:00"), "UTC")).toISOString()).toBe("0900-06-16T07:00:00.000Z");
    expect(new Date(dueAt(at("+010000-06-15T12:00:00Z"), hhmm("07:00"), "Asia/Kolkata")).toISOString()).toBe("+010000-06-16T01:30:00.000Z");
  });

  it("refuses what is not a time of day or an instant, and an unknown zone", () => {
    const created = at("2026-06-15T12:00:00Z");
    expect(() => dueAt(created, { hour: 24, minute: 0 }, "UTC")).toThrow(RangeError);
    expect(() => dueAt(created, { hour: 7, minute: 60 }, "UTC")).toThrow(RangeError);
    expect(() => dueAt(created, { hour: 7.5, minute: 0 }, "UTC")).toThrow(RangeError);
    expect(() => dueAt(Number.NaN, { hour: 7, minute: 0 }, "UTC")).toThrow(RangeError);
    expect(() => dueAt(created, { hour: 7, minute: 0 }, "Mars/Olympus")).toThrow(RangeError);
  });
});

// The checks below read the wall clock through formatToParts, not through the module's code.
const partsFormatters = new Map<string, Intl.DateTimeFormat>();
function wallOf(ms: number, zone: string): { minuteOfDay: number; offsetMin: number } {
  let f = partsFormatters.get(zone);
  if (!f) partsFormatters.set(zone, (f = new Intl.DateTimeFormat("en-GB", { timeZone: zone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" })));
  const p = Object.fromEntries(f.formatToParts(ms).map((x) => [x.type, Number(x.value)]));
  const wall = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour! % 24, p.minute!, p.second!);
  return { minuteOfDay: (p.hour! % 24) * 60 + p.minute!, offsetMin: (wall - Math.floor(ms / 1000) * 1000) / 60_000 };
}

// A seeded generator, so that a failure is the same failure the next time.
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// The 2026 changes of the zones above, as instants and the local time they happen at.
const CHANGES: [string, string, string][] = [
  ["America/Los_Angeles", "2026-03-08T10:00:00Z", "02:00"], ["America/Los_Angeles", "2026-11-01T09:00:00Z", "01:00"],
  ["Europe/Berlin", "2026-03-29T01:00:00Z", "02:00"], ["Europe/Berlin", "2026-10-25T01:00:00Z", "02:00"],
  ["Australia/Sydney", "2026-04-04T16:00:00Z", "02:00"], ["Australia/Sydney", "2026-10-03T16:00:00Z", "02:00"],
  ["Australia/Lord_Howe", "2026-04-04T15:00:00Z", "01:30"], ["Australia/Lord_Howe", "2026-10-03T15:30:00Z", "02:00"],
  ["Pacific/Chatham", "2026-04-04T14:00:00Z", "02:45"], ["Pacific/Chatham", "2026-09-26T14:00:00Z", "02:45"],
];
const NAMED = ["America/Los_Angeles", "Europe/Berlin", "Asia/Kolkata", "Asia/Kathmandu", "Australia/Sydney", "Australia/Lord_Howe", "Pacific/Chatham", "UTC"];

/**
 * The rule worked out by scanning the clock instead: instants 15 minutes apart around
 * creation (offsets here are whole quarters of an hour, so an instant whose wall clock
 * reads HH:MM is on that grid) give every occurrence of the time, and every place where the
 * clock jumped forward over it, with the time shifted by the jump. The earliest after
 * creation is the answer.
 */
function scannedDueAt(created: number, time: LocalTime, zone: string): number {
  const target = time.hour * 60 + time.minute;
  let t = Math.floor((created - 27 * HOUR) / 60_000) * 60_000;
  while ((((t / 60_000) % 15) + 15) % 15 !== time.minute % 15) t += 60_000;
  let best = Number.POSITIVE_INFINITY;
  let prev = wallOf(t, zone);
  for (; t < created + 27 * HOUR; t += 15 * 60_000) {
    const next = wallOf(t + 15 * 60_000, zone);
    if (prev.offsetMin % 15 !== 0) throw new Error(`${zone} is at an offset of ${prev.offsetMin} min, off the scan's grid`);
    if (prev.minuteOfDay === target && t > created) best = Math.min(best, t);
    const jump = next.offsetMin - prev.offsetMin; // minutes the clock skipped, if positive
    for (let skipped = 15; skipped <= jump; skipped += 15) {
      if ((prev.minuteOfDay + skipped) % 1440 === target && t + skipped * 60_000 > created) best = Math.min(best, t + skipped * 60_000);
    }
    prev = next;
  }
  return best;
}

/** What must hold of any answer; returns a description of what did not, or null. */
function violation(created: number, time: LocalTime, zone: string, bound: number): string | null {
  const due = dueAt(created, time, zone);
  const target = time.hour * 60 + time.minute;
  const start = wallOf(created, zone);
  const end = wallOf(due, zone);
  if (!(due > created)) return "not after creation";
  // 24 h, plus a clock change back on the way (which makes that day longer).
  if (due - created > 24 * HOUR + Math.max(0, start.offsetMin - end.offsetMin) * 60_000 || due - created > bound) return `${(due - created) / HOUR} h on`;
  if (end.minuteOfDay !== target) {
    // Only a gap excuses another reading: then the clock jumped forward by exactly the
    // difference just before `due`.
    const shift = (end.minuteOfDay - target + 1440) % 1440;
    if (end.offsetMin - wallOf(due - shift * 60_000, zone).offsetMin !== shift) return `reads ${end.minuteOfDay} min, no gap explains it`;
  }
  const scanned = scannedDueAt(created, time, zone);
  if (scanned !== due) return `${new Date(due).toISOString()}, but the scan says ${new Date(scanned).toISOString()}`;
  return null;
}

describe("dueAt, for many created instants, times and zones", () => {
  it("is after creation, at most 25 h on, reads the time unless it fell in a gap, and nothing earlier does (named zones, near their changes)", () => {
    const next = random(17);
    const failures: string[] = [];
    for (let i = 0; i < 3000; i++) {
      let zone: string, created: number, time: LocalTime;
      if (i % 2 === 0) {
        const [z, change, local] = CHANGES[Math.floor(next() * CHANGES.length)]!;
        zone = z;
        created = at(change) + Math.floor((next() * 52 - 26) * HOUR);
        const near = (hhmm(local).hour * 60 + hhmm(local).minute + Math.floor(next() * 180) - 90 + 1440) % 1440;
        time = { hour: Math.floor(near / 60), minute: near % 60 };
      } else {
        zone = NAMED[Math.floor(next() * NAMED.length)]!;
        created = at("2020-01-01T00:00:00Z") + Math.floor(next() * 20 * 365 * 24 * HOUR) + Math.floor(next() * 1000);
        time = { hour: Math.floor(next() * 24), minute: Math.floor(next() * 60) };
      }
      const wrong = violation(created, time, zone, 25 * HOUR);
      if (wrong) failures.push(`${new Date(created).toISOString()} ${formatDeliveryTime(time)} ${zone}: ${wrong}`);
    }
    expect(failures).toEqual([]);
  });

  it("holds in every zone the runtime knows, 2000–2045", () => {
    const next = random(2026);
    const failures: string[] = [];
    for (const zone of Intl.supportedValuesOf("timeZone")) {
      for (let i = 0; i < 3; i++) {
        const created = at("2000-01-01T00:00:00Z") + Math.floor(next() * 46 * 365 * 24 * HOUR);
        const time = { hour: Math.floor(next() * 24), minute: Math.floor(next() * 60) };
        const wrong = violation(created, time, zone, 26 * HOUR);
        if (wrong) failures.push(`${new Date(created).toISOString()} ${formatDeliveryTime(time)} ${zone}: ${wrong}`);
      }
    }
    expect(failures).toEqual([]);
  });
});

describe("hoursHistogram", () => {
  const from = at("2026-06-15T19:00:00-07:00");
  const m = 60_000;
  it.each<[string, number[], number, number[]]>([
    ["nobody", [], 0, []],
    ["due at creation: at once", [from], 1, []],
    ["due before creation: at once", [from - 5 * m], 1, []],
    ["a millisecond on: the first hour", [from + 1], 0, [1]],
    ["exactly an hour on: still the first hour (hours end inclusive)", [from + 60 * m], 0, [1]],
    ["just past an hour: the second, the first shown empty", [from + 60 * m + 1], 0, [0, 1]],
    ["a mix", [from, from + 30 * m, from + 90 * m, from + 5 * 60 * m, from + 24 * 60 * m], 1, [1, 1, 0, 0, 1, ...Array<number>(18).fill(0), 1]],
  ])("%s", (_, due, atOnce, counts) => {
    const h = hoursHistogram(due, from);
    expect(h.atOnce).toBe(atOnce);
    expect(h.hours.map((x) => x.count)).toEqual(counts);
    h.hours.forEach((x, i) => expect([x.startMs, x.endMs]).toEqual([from + i * 60 * m, from + (i + 1) * 60 * m]));
  });

  it("counts every recipient once, over at most 25 hours, for a send to readers around the world", () => {
    const zones = [...NAMED, "Asia/Tokyo", "America/Sao_Paulo", "Africa/Lagos", "Pacific/Auckland"];
    const due: number[] = [];
    for (let i = 0; i < 10_000; i++) {
      due.push(i % 5 === 0 ? from : dueAt(from, { hour: i % 24, minute: (i * 7) % 60 }, zones[i % zones.length]!));
    }
    const h = hoursHistogram(due, from);
    expect(h.atOnce).toBe(2000);
    expect(h.atOnce + h.hours.reduce((n, x) => n + x.count, 0)).toBe(10_000);
    expect(h.hours.length).toBeLessThanOrEqual(25);
  });

  it("refuses what is not an instant", () => {
    expect(() => hoursHistogram([Number.NaN], from)).toThrow(RangeError);
  });
});
