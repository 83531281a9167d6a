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
