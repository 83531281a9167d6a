// Days (contract, "Days"): the daily email of date D covers posts published in
// (D−1 at SEND_AT, D at SEND_AT] in TIMEZONE, so every post belongs to exactly one day.
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface DayWindow {
  date: string;
  /** Exclusive start, epoch ms. */
  startMs: number;
  /** Inclusive end, epoch ms: the moment the day's email is due. */
  endMs: number;
}

/** A real calendar date written YYYY-MM-DD. */
export function isCalendarDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

export function dayWindow(date: string, sendAt: string, timeZone: string): DayWindow {
  return { date, startMs: sendTimeOf(addDays(date, -1), sendAt, timeZone), endMs: sendTimeOf(date, sendAt, timeZone) };
}

/** The date whose window holds the instant `ms`: found from the windows themselves, so the two never disagree. */
export function dateOfInstant(ms: number, sendAt: string, timeZone: string): string {
  const local = localDate(ms, timeZone);
  for (const date of [addDays(local, -1), local, addDays(local, 1)]) {
    const { startMs, endMs } = dayWindow(date, sendAt, timeZone);
    if (ms > startMs && ms <= endMs) return date;
  }
  return addDays(local, 2); // unreachable while windows tile time; kept total
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10);
}

/**
 * The instant of `HH:MM` on `date` in `timeZone`. A time that happens twice (clocks go
 * back) is its first occurrence; a time that never happens (clocks go forward) is moved
 * forward by the gap, as Temporal's "compatible" disambiguation does.
 */
export function sendTimeOf(date: string, sendAt: string, timeZone: string): number {
  const [y, m, d] = date.split("-").map(Number);
  const [hh, mm] = sendAt.split(":").map(Number);
  const wall = Date.UTC(y!, m! - 1, d!, hh!, mm!);
  const offsets = [...new Set([offsetMs(wall - 86_400_000, timeZone), offsetMs(wall, timeZone), offsetMs(wall + 86_400_000, timeZone)])];
  const candidates = offsets.map((o) => wall - o);
  const real = candidates.filter((t) => t + offsetMs(t, timeZone) === wall);
  return real.length > 0 ? Math.min(...real) : Math.max(...candidates);
}

/** Wall-clock time minus UTC at instant `ms` in `timeZone`. */
function offsetMs(ms: number, timeZone: string): number {
  const parts = formatter(timeZone).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const wall = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour") % 24, get("minute"), get("second"));
  return wall - Math.floor(ms / 1000) * 1000;
}

/** The calendar date `YYYY-MM-DD` at instant `ms` on the wall clocks of `timeZone`. */
export function localDate(ms: number, timeZone: string): string {
  const parts = formatter(timeZone).formatToParts(new Date(ms));
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get("year")}-${get("month")}-${get("day")}`;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}
