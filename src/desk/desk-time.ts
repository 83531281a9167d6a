// Times as the desk shows them: in the site's TIMEZONE, written out, so an author abroad
// reads the moment the list receives the mail, not their laptop's.

const formats = new Map<string, Intl.DateTimeFormat>();

function format(zone: string, kind: "long" | "minute"): Intl.DateTimeFormat {
  const key = `${zone}|${kind}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat("en-GB", kind === "long"
      ? { timeZone: zone, weekday: "long", day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }
      : { timeZone: zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    formats.set(key, f);
  }
  return f;
}

/** "Monday 9 November 2015 at 19:00". */
export function longTime(ms: number, zone: string): string {
  return format(zone, "long").format(ms).replace(", ", " ");
}

/** "19:05": a minute's label on a chart. */
export function minuteLabel(ms: number, zone: string): string {
  return format(zone, "minute").format(ms);
}

/** An ISO time from a SendView as the desk writes it, or a dash. */
export function shownTime(iso: string | null, zone: string): string {
  return iso === null ? "—" : longTime(Date.parse(iso), zone);
}
