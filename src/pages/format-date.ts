// Human dates in an event's own time zone.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${timeZone}|${withTime}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      weekday: "short",
      day: "numeric",
      month: "long",
      year: "numeric",
      ...(withTime ? { hour: "2-digit", minute: "2-digit", timeZoneName: "short" } : {}),
    });
    formatters.set(key, f);
  }
  return f;
}

export const formatDateTime = (iso: string, timeZone: string) => formatter(timeZone, true).format(new Date(iso));
export const formatDate = (iso: string, timeZone: string) => formatter(timeZone, false).format(new Date(iso));

const rangeFormatter = new Intl.DateTimeFormat("en-US", { timeZone: "UTC", day: "numeric", month: "short", year: "numeric" });

/** Two calendar dates (YYYY-MM-DD) as a short range, "Nov 9 – 11, 2015"; one date when they are the same day. */
export function formatDateRange(start: string, end: string): string {
  const day = (d: string) => new Date(`${d}T12:00:00Z`);
  return start === end ? rangeFormatter.format(day(start)) : rangeFormatter.formatRange(day(start), day(end));
}
