// Times as the desk shows them: in the site's TIMEZONE, written out, so an author abroad
// reads the moment the list receives the mail, not their laptop's.

const formats = new Map<string, Intl.DateTimeFormat>();

const OPTIONS: Record<"long" | "minute" | "dayMinute" | "day", Intl.DateTimeFormatOptions> = {
  long: { weekday: "long", day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" },
  minute: { hour: "2-digit", minute: "2-digit", hourCycle: "h23" },
  dayMinute: { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" },
  day: { year: "numeric", month: "2-digit", day: "2-digit" },
};

function format(zone: string, kind: keyof typeof OPTIONS): Intl.DateTimeFormat {
  const key = `${zone}|${kind}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat("en-GB", { timeZone: zone, ...OPTIONS[kind] });
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

/** "9 Nov 19:05": a minute's label on a chart that spans more than one day. */
export function dayMinuteLabel(ms: number, zone: string): string {
  return format(zone, "dayMinute").format(ms).replace(", ", " ");
}

/** The calendar day of a moment in the zone, to tell whether two moments share one. */
export function dayOf(ms: number, zone: string): string {
  return format(zone, "day").format(ms);
}

/** An ISO time from a SendView as the desk writes it, or a dash. */
export function shownTime(iso: string | null, zone: string): string {
  return iso === null ? "—" : longTime(Date.parse(iso), zone);
}
