// An instant as the person at the terminal reads it: their wall clock and its offset from
// UTC ("07:00 UTC+01:00"), with the day when it is not today there ("Wed 2 Dec 07:00
// UTC+01:00"). The offset is written out because a send's due times span every zone and a
// bare "07:00" would leave open whose seven o'clock it is.

/** The terminal's zone: TZ if set, else what Node's Intl takes from the system. */
export const terminalZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

interface Wall {
  day: string;
  weekday: string;
  dayMonth: string;
  hourMinute: string;
  offsetMinutes: number;
}

function wallClock(ms: number, zone: string): Wall {
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone: zone, hourCycle: "h23", weekday: "short", year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit" }).formatToParts(ms);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  const numeric = new Intl.DateTimeFormat("en-US", { timeZone: zone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" }).formatToParts(ms);
  const n = (type: Intl.DateTimeFormatPartTypes) => Number(numeric.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(n("year"), n("month") - 1, n("day"), n("hour") % 24, n("minute"), n("second"));
  return {
    day: `${n("year")}-${n("month")}-${n("day")}`,
    weekday: get("weekday"),
    dayMonth: `${get("day")} ${get("month")}`,
    hourMinute: `${get("hour")}:${get("minute")}`,
    offsetMinutes: Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000),
  };
}

function offsetLabel(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

/** `iso` on the terminal's wall clock, relative to `nowMs` for the day; the input as given if it is no instant. */
export function instantLabel(iso: string, nowMs: number, zone = terminalZone()): string {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return iso;
  const at = wallClock(ms, zone);
  const day = at.day === wallClock(nowMs, zone).day ? "" : `${at.weekday} ${at.dayMonth} `;
  return `${day}${at.hourMinute} ${offsetLabel(at.offsetMinutes)}`;
}
