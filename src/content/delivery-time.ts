// A subscriber's delivery time (issue 17, "The morning edition"): the preference form's
// `delivery` and `zone` fields, and the instant a send created at some moment is due for
// someone who wants their mail at HH:MM in their zone. Pure: plain values in and out, no
// clock, no database; time zone rules come from the runtime's ICU through Intl alone.

/** A wall-clock time of day, 24-hour. */
export interface LocalTime {
  hour: number;
  minute: number;
}

/** "asap": as soon as the send is out (the default, and what Herald did before). */
export type DeliveryTime = "asap" | LocalTime;

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * The `delivery` field: `asap` (any case) or `HH:MM` with both leading zeros, 00:00–23:59,
 * as `<input type="time">` sends it and as SEND_AT is written, so each time has one spelling
 * and the form shows back exactly what was stored. Surrounding whitespace is trimmed;
 * anything else (`7:30`, `07:30:00`, `07 :30`, `24:00`) is refused.
 */
export function parseDeliveryTime(raw: unknown): Parsed<DeliveryTime> {
  if (typeof raw !== "string") return { ok: false, message: "Choose a delivery time: asap, or a time written HH:MM." };
  const text = raw.trim();
  if (text.toLowerCase() === "asap") return { ok: true, value: "asap" };
  const m = HH_MM.exec(text);
  if (m) return { ok: true, value: { hour: Number(m[1]), minute: Number(m[2]) } };
  if (text === "24:00") return { ok: false, message: "24:00 is not a time of day: midnight is 00:00." };
  return { ok: false, message: "A delivery time is asap or a 24-hour time written HH:MM with leading zeros, such as 07:30." };
}

/** The stored and displayed form: `asap` or `HH:MM`. */
export function formatDeliveryTime(delivery: DeliveryTime): string {
  if (delivery === "asap") return "asap";
  return `${String(delivery.hour).padStart(2, "0")}:${String(delivery.minute).padStart(2, "0")}`;
}

/** The stored column: 'HH:MM', or NULL for asap (a value no rule reads any more is asap too). */
export function decodeDelivery(stored: string | null): DeliveryTime {
  if (stored === null) return "asap";
  const parsed = parseDeliveryTime(stored);
  return parsed.ok ? parsed.value : "asap";
}

export function encodeDelivery(delivery: DeliveryTime): string | null {
  return delivery === "asap" ? null : formatDeliveryTime(delivery);
}

// Area/Location[/More]: the shape of every IANA name that is not a single word.
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)+$/;
const SINGLE_WORD_ZONES = new Set(["utc", "gmt"]);
// +05:30, -0800, UTC+5, GMT-03:00: what people type for an offset.
const OFFSET = /^((UTC|GMT)\s*)?[+\-−]\s*\d{1,2}(:?\d{2})?$/i;
// Intl's list holds the geographic zones only; UTC and the fixed offsets come on top.
const FIXED_ZONE = /^(UTC|Etc\/GMT[+-]\d{1,2})$/;
let listedZones: Set<string> | undefined;

/**
 * The `zone` field: an IANA name as Cloudflare's `cf.timezone` and zone lists give them
 * (`Europe/Berlin`, `America/Argentina/Salta`), `UTC`/`GMT`, or a fixed offset the IANA way
 * (`Etc/GMT-5`, sign inverted: that is UTC+5), in any case, surrounding whitespace trimmed.
 * The answer is the name this runtime's Intl resolves it to (`utc` → `UTC`, `europe/berlin`
 * → `Europe/Berlin`; ICU also maps links, to its own choice of name: `Asia/Kolkata` →
 * `Asia/Calcutta`, `US/Pacific` → `America/Los_Angeles`), so one zone is stored one way, and
 * it must be in Intl's list of zones (which leaves out ICU's extras such as `SystemV/PST8`).
 * Refused: UTC offsets (`+05:30`, which Intl would take, but a fixed offset misses the zone's
 * DST), and single-word names besides UTC and GMT: they are legacy aliases (`EST`,
 * `PST8PDT`, `Zulu`), and ICU adds ambiguous ones of its own (`IST` resolves to India though
 * it also names Israel's and Ireland's time).
 */
export function parseZone(raw: unknown): Parsed<string> {
  if (typeof raw !== "string" || raw.trim() === "") return { ok: false, message: "Choose a time zone, such as Europe/Berlin." };
  const text = raw.trim();
  if (text.length > 64) return { ok: false, message: "That is too long for a time zone name; choose one such as Europe/Berlin." };
  if (!(ZONE_NAME.test(text) || SINGLE_WORD_ZONES.has(text.toLowerCase()))) {
    // An offset misses the zone's clock changes; anything else is not a name at all. Neither is echoed back.
    if (OFFSET.test(text)) return { ok: false, message: "A time zone is a name such as Europe/Berlin or America/Los_Angeles, not an offset." };
    return { ok: false, message: "That is not a time zone this server knows; choose one such as Europe/Berlin." };
  }
  let name: string | undefined;
  try {
    name = new Intl.DateTimeFormat("en-US", { timeZone: text }).resolvedOptions().timeZone;
  } catch {
    // Unknown to Intl; answered below.
  }
  listedZones ??= new Set(Intl.supportedValuesOf("timeZone"));
  if (name !== undefined && (listedZones.has(name) || FIXED_ZONE.test(name))) return { ok: true, value: name };
  // The text matched ZONE_NAME, so it holds nothing but letters, digits and _ + - /.
  return { ok: false, message: `"${text}" is not a time zone this server knows; choose one such as Europe/Berlin.` };
}

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
// Beyond the longest wait (24 h plus a clock change, 2 h at most, Antarctica/Troll's), and
// beyond the longest gap behind creation whose shifted time can still lie ahead (Samoa's day).
const HORIZON_MS = 26 * HOUR_MS;

/**
 * The first instant strictly after `createdMs` at which the wall clock in `zone` reads
 * `delivery` (HH:MM:00.000): a send created exactly at that time waits for the next day's.
 * - A time that does not exist that day (clocks go forward over it: 02:30 in Berlin on
 *   2026-03-29) is moved forward by the length of the gap (03:30 CEST), as calendars and
 *   Temporal's "compatible" choice do, and counts if that is after `createdMs`, also for a
 *   send created after the gap (at 03:10 CEST that day, 02:30 is due at 03:30 CEST).
 * - A time that happens twice (clocks go back: 01:30 in Los Angeles on 2026-11-01) is its
 *   first occurrence, or the second if the first is not after `createdMs`: one instant, so
 *   one email.
 * So the wait is at most 24 h, plus the size of a clock change that falls back within it
 * (1 h nearly everywhere, 30 min on Lord Howe, 2 h at Antarctica/Troll). Assumes, as every
 * zone's rules do today, no two offset changes within a few days of each other; any offset
 * (+05:45, +12:45) and any size of change (Samoa skipped a whole day in 2011) is handled.
 */
export function dueAt(createdMs: number, delivery: LocalTime, zone: string): number {
  if (!Number.isFinite(createdMs)) throw new RangeError(`dueAt: createdMs must be a finite number, got ${createdMs}`);
  const { hour, minute } = delivery;
  if (!Number.isInteger(hour) || !Number.isInteger(minute) || hour < 0 || hour > 23 || minute < 0 || minute > 59) {
    throw new RangeError(`dueAt: not a time of day: ${hour}:${minute}`);
  }
  const target = hour * HOUR_MS + minute * MINUTE_MS; // since local midnight
  const [earlier, now, later] = offsetsAround(createdMs, zone);
  if (earlier === now && now === later) {
    // No change of offset near: plain arithmetic on the wall clock.
    const sinceMidnight = mod(createdMs + now, DAY_MS);
    const ahead = target > sinceMidnight ? target - sinceMidnight : target - sinceMidnight + DAY_MS;
    return createdMs + ahead;
  }
  // A change near (one just behind counts too: its gap's shifted time may still be ahead).
  // Every instant whose wall clock reads the time on the local days around creation, read
  // with each offset in force near, is a candidate if the zone agrees; the earliest wins.
  const offsets = [...new Set([earlier, now, later])];
  const localMidnight = createdMs + now - mod(createdMs + now, DAY_MS);
  let best = Number.POSITIVE_INFINITY;
  for (const day of [-1, 0, 1]) {
    const wall = localMidnight + day * DAY_MS + target;
    let occurrences = offsets.map((o) => wall - o).filter((t) => offsetAt(t, zone) === wall - t);
    if (occurrences.length === 0) {
      // A gap: read with the offset in force before it (the one at `wall` read with the
      // largest offset, an instant before the change), the time lands as far past the gap's
      // end as it was past its start.
      occurrences = [wall - offsetAt(wall - Math.max(...offsets), zone)];
    }
    for (const t of occurrences) if (t > createdMs && t < best) best = t;
  }
  if (!Number.isFinite(best)) throw new Error(`dueAt: no instant found for ${formatDeliveryTime(delivery)} in ${zone} after ${new Date(createdMs).toISOString()}`);
  return best;
}

/** Wall clock minus UTC, in ms, at instant `ms` in `zone`. */
function offsetAt(ms: number, zone: string): number {
  const wall = wallClockAt(ms, zone);
  return wall - Math.floor(ms / 1000) * 1000;
}

// A send computes due times for all its recipients from one creation instant, so the offsets
// around it are worth keeping per zone; the map is emptied rather than grown without end.
const aroundCache = new Map<string, readonly [number, number, number]>();
/** Offsets HORIZON before `createdMs`, at it and HORIZON after. */
function offsetsAround(createdMs: number, zone: string): readonly [number, number, number] {
  const key = `${zone}\n${createdMs}`;
  let offsets = aroundCache.get(key);
  if (!offsets) {
    if (aroundCache.size >= 2000) aroundCache.clear();
    offsets = [offsetAt(createdMs - HORIZON_MS, zone), offsetAt(createdMs, zone), offsetAt(createdMs + HORIZON_MS, zone)];
    aroundCache.set(key, offsets);
  }
  return offsets;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone: zone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
    formatters.set(zone, f);
  }
  return f;
}

// en-US numeric: "03/29/2026, 03:00:00". Reading format()'s string is about three times
// cheaper than formatToParts; if a future ICU words it differently, formatToParts decides.
const EN_US = /^(\d{2})\/(\d{2})\/(\d{4}), (\d{2}):(\d{2}):(\d{2})$/;

/** The wall clock at `ms` in `zone`, to the second, as epoch ms of that reading in UTC. */
function wallClockAt(ms: number, zone: string): number {
  const f = formatter(zone);
  const m = EN_US.exec(f.format(ms));
  if (m) return Date.UTC(Number(m[3]), Number(m[1]) - 1, Number(m[2]), Number(m[4]) % 24, Number(m[5]), Number(m[6]));
  const parts = f.formatToParts(ms);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(get("year"), get("month") - 1, get("day"), get("hour") % 24, get("minute"), get("second"));
}

function mod(a: number, n: number): number {
  return ((a % n) + n) % n;
}

/** Due times counted per hour after `fromMs`: hour i holds those in (from + i h, from + (i+1) h]. */
export interface DueHours {
  /** Due at or before `fromMs`: sent at once. */
  atOnce: number;
  /** From the first hour to the last that holds any, empty hours included. */
  hours: { startMs: number; endMs: number; count: number }[];
}

/** What a dry run says: how many recipients are due at once and in each hour after. */
export function hoursHistogram(dueTimes: Iterable<number>, fromMs: number): DueHours {
  let atOnce = 0;
  const counts: number[] = [];
  for (const due of dueTimes) {
    if (!Number.isFinite(due)) throw new RangeError(`hoursHistogram: not an instant: ${due}`);
    if (due <= fromMs) {
      atOnce++;
      continue;
    }
    const i = Math.ceil((due - fromMs) / HOUR_MS) - 1;
    while (counts.length <= i) counts.push(0);
    counts[i]! += 1;
  }
  return { atOnce, hours: counts.map((count, i) => ({ startMs: fromMs + i * HOUR_MS, endMs: fromMs + (i + 1) * HOUR_MS, count })) };
}
