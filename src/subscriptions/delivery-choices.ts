// What the "When your email comes" form offers, and in which words a delivery time is said:
// "as soon as it is out" or every half hour of the day, and every time zone this runtime
// knows, with the subscriber's own choice (or the best guess for them) selected.
import { dueAt, formatDeliveryTime, parseDeliveryTime, parseZone, type DeliveryTime } from "../content/delivery-time.ts";
import { describeFollows, type Follows } from "../content/follows.ts";
import type { EventMeta } from "../content/types.ts";
import type { SelectOption } from "../pages/delivery-fields.ts";

const HALF_HOURS: readonly string[] = Array.from({ length: 48 }, (_, i) => formatDeliveryTime({ hour: Math.floor(i / 2), minute: (i % 2) * 30 }));

// Intl's list holds the geographic zones only; UTC comes on top. Read once per isolate.
let zoneNames: readonly string[] | undefined;
function allZones(): readonly string[] {
  zoneNames ??= [...new Set([...Intl.supportedValuesOf("timeZone"), "UTC"])];
  return zoneNames;
}

/** asap, then 00:00…23:30, and `chosen` in its place when it is not on a half hour (the API may store 07:45). */
function timeOptions(chosen: DeliveryTime): SelectOption[] {
  const selected = formatDeliveryTime(chosen);
  const times = HALF_HOURS.includes(selected) || selected === "asap" ? HALF_HOURS : [...HALF_HOURS, selected].sort();
  return [
    { value: "asap", label: "As soon as it is out", selected: selected === "asap" },
    ...times.map((t) => ({ value: t, label: t, selected: t === selected })),
  ];
}

// The runtime's ICU names some zones by their old CLDR names (parseZone stores those, so one
// zone has one spelling); people look for today's IANA names, so those are what they read.
const NAMED_TODAY: Readonly<Record<string, string>> = {
  "Africa/Asmera": "Africa/Asmara",
  "America/Buenos_Aires": "America/Argentina/Buenos_Aires",
  "America/Catamarca": "America/Argentina/Catamarca",
  "America/Coral_Harbour": "America/Atikokan",
  "America/Cordoba": "America/Argentina/Cordoba",
  "America/Godthab": "America/Nuuk",
  "America/Indianapolis": "America/Indiana/Indianapolis",
  "America/Jujuy": "America/Argentina/Jujuy",
  "America/Louisville": "America/Kentucky/Louisville",
  "America/Mendoza": "America/Argentina/Mendoza",
  "Asia/Calcutta": "Asia/Kolkata",
  "Asia/Katmandu": "Asia/Kathmandu",
  "Asia/Rangoon": "Asia/Yangon",
  "Asia/Saigon": "Asia/Ho_Chi_Minh",
  "Atlantic/Faeroe": "Atlantic/Faroe",
  "Europe/Kiev": "Europe/Kyiv",
  "Pacific/Enderbury": "Pacific/Kanton",
  "Pacific/Ponape": "Pacific/Pohnpei",
  "Pacific/Truk": "Pacific/Chuuk",
};

/** A zone as people write it today: `Asia/Calcutta` → `Asia/Kolkata`. */
const zoneTitle = (zone: string) => NAMED_TODAY[zone] ?? zone;

/** Every zone in order of what it says, `chosen` selected (added if this runtime's list lacks it, so the form never silently picks another). */
function zoneOptions(chosen: string): SelectOption[] {
  const zones = allZones().includes(chosen) ? allZones() : [...allZones(), chosen];
  return zones
    .map((z) => ({ value: z, label: zoneTitle(z).replaceAll("_", " "), selected: z === chosen }))
    .sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}

/**
 * The zone to show selected: the subscriber's own, else where their request came from
 * (Cloudflare's `cf.timezone`, when it is a zone we take), else the site's TIMEZONE.
 */
function zoneToOffer(stored: string | null, requestZone: unknown, siteZone: string): string {
  if (stored !== null) return stored;
  const fromRequest = parseZone(requestZone);
  if (fromRequest.ok) return fromRequest.value;
  const site = parseZone(siteZone);
  return site.ok ? site.value : siteZone;
}

/** The two selects of a "when" form. */
export interface DeliveryChoice {
  times: SelectOption[];
  zones: SelectOption[];
}

/**
 * The selects with the right values selected: what a refused press picked, where it is a valid
 * value; else what is stored; else asap, in the zone zoneToOffer guesses.
 */
export function deliveryChoice({ stored, picked, requestZone, siteZone }: {
  stored: { delivery: DeliveryTime; zone: string | null };
  picked?: { delivery?: unknown; zone?: unknown };
  requestZone: unknown;
  siteZone: string;
}): DeliveryChoice {
  const pickedTime = parseDeliveryTime(picked?.delivery);
  const pickedZone = parseZone(picked?.zone);
  return {
    times: timeOptions(pickedTime.ok ? pickedTime.value : stored.delivery),
    zones: zoneOptions(pickedZone.ok ? pickedZone.value : zoneToOffer(stored.zone, requestZone, siteZone)),
  };
}

/**
 * "as soon as it is out" / "at 07:00 in Europe/Berlin (Berlin time)"; `past` for what it was
 * before a change. A time with no zone is sent at once (sending/due-rule.ts), so it is said so.
 */
export function describeDelivery(delivery: DeliveryTime, zone: string | null, tense: "now" | "past" = "now"): string {
  if (delivery === "asap" || zone === null) return tense === "now" ? "as soon as it is out" : "as soon as it was out";
  const at = `at ${formatDeliveryTime(delivery)}`;
  return zoneTitle(zone).includes("/") ? `${at} in ${describeZone(zone)}` : `${at} ${describeZone(zone)}`; // "at 07:00 UTC"
}

/** "Europe/Berlin (Berlin time)", "UTC", "Etc/GMT-5 (UTC+5)": a fixed offset names no place, and IANA inverts its sign. */
export function describeZone(zone: string): string {
  const name = zoneTitle(zone);
  if (!name.includes("/")) return name; // UTC, GMT
  const fixed = /^Etc\/GMT([+-])(\d{1,2})$/.exec(name);
  if (fixed) return `${name} (UTC${fixed[1] === "-" ? "+" : "-"}${fixed[2]})`;
  if (name.startsWith("Etc/")) return name;
  return `${name} (${name.slice(name.lastIndexOf("/") + 1).replaceAll("_", " ")} time)`;
}

/** What someone chose, in words, as the confirmation mail and page say it: "every KubeCon, at 07:30 in Asia/Kathmandu (Kathmandu time)". */
export function describeChoice(choice: { follows: Follows; delivery: DeliveryTime; zone: string | null }, events: readonly EventMeta[]): string {
  const what = describeFollows(choice.follows, events);
  return choice.delivery === "asap" || choice.zone === null ? what : `${what}, ${describeDelivery(choice.delivery, choice.zone)}`;
}

/**
 * When the day's email is usually out, on the site's clock and on the reader's: a time chosen a
 * little before it gets each email the next day, which nobody should learn from their inbox.
 * `sendAt` is SEND_AT ("19:00") in `siteZone`; the instant is its next occurrence after `now`.
 */
export function sendTimeHint(sendAt: string, siteZone: string, readerZone: string, now: number): string {
  const time = parseDeliveryTime(sendAt);
  if (!time.ok || time.value === "asap") return "";
  const site = `The day's email is usually out at ${sendAt} in ${describeZone(siteZone)}`;
  if (zoneTitle(readerZone) === zoneTitle(siteZone)) return `${site}: a time a little before that gets each email the next day.`;
  const instant = dueAt(now, time.value, siteZone);
  const there = new Intl.DateTimeFormat("en-GB", { timeZone: readerZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(instant);
  return `${site}, which is ${there} in ${describeZone(readerZone)}: a time a little before that gets each email the next day.`;
}
