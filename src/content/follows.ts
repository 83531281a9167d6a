// What a subscriber follows: everything (every event, future ones included), or a set of
// events and series. One place for the rule, pure: the subscribe form, the preference page,
// the CSV import, the send's variants and the welcome mail all read it from here.
import type { EventMeta } from "./types.ts";

/** What the rule needs of an event. */
export type EventRef = Pick<EventMeta, "slug" | "series">;

/** Sorted, unique event slugs and `series:<name>`; null follows everything. */
export type Follows = readonly string[] | null;

export const EVERYTHING: Follows = null;
export const SERIES_PREFIX = "series:";
/** More choices than any site has events: a bound on what one request may store. */
export const MAX_FOLLOWS = 100;

export type FollowsParse = { ok: true; follows: Follows } | { ok: false; message: string; unknown: string[] };

/** What can be followed on this site: every event slug and every series an event names. */
export function followKeys(events: readonly EventRef[]): Set<string> {
  const keys = new Set<string>();
  for (const e of events) {
    keys.add(e.slug);
    if (e.series) keys.add(`${SERIES_PREFIX}${e.series}`);
  }
  return keys;
}

/**
 * Reads an `events` field: absent, empty or an empty list means everything; otherwise each
 * entry must be an event slug or `series:<name>` this site has. A string may hold several,
 * separated by commas or semicolons (a query string, a CSV cell). With `exact` (a form's
 * repeated fields, a JSON list) each entry is one slug as written: an empty or padded entry,
 * or one holding a list, is an error rather than read as something else.
 */
export function parseFollows(raw: unknown, events: readonly EventRef[], options: { exact?: boolean } = {}): FollowsParse {
  if (raw === undefined || raw === null) return { ok: true, follows: EVERYTHING };
  const items = Array.isArray(raw) ? raw : [raw];
  const entries: string[] = [];
  for (const item of items) {
    if (typeof item !== "string") return { ok: false, message: "must be a list of event slugs (or series:<name>)", unknown: [] };
    if (options.exact) {
      if (item === "" || item !== item.trim() || /[,;]/.test(item)) return { ok: false, message: `must hold one event slug (or series:<name>) per entry, not ${JSON.stringify(item.slice(0, 60))}`, unknown: [] };
      entries.push(item);
      continue;
    }
    for (const part of item.split(/[,;]/)) {
      const entry = part.trim();
      if (entry) entries.push(entry);
    }
  }
  if (entries.length === 0) return { ok: true, follows: EVERYTHING };
  if (entries.length > MAX_FOLLOWS) return { ok: false, message: `may name at most ${MAX_FOLLOWS} events`, unknown: [] };
  const keys = followKeys(events);
  const unknown = [...new Set(entries.filter((e) => !keys.has(e)))];
  if (unknown.length) {
    const shown = unknown.slice(0, 5).map((u) => JSON.stringify(u.slice(0, 60))).join(", ");
    return { ok: false, message: `names no event or series of this site: ${shown}${unknown.length > 5 ? ", …" : ""}`, unknown };
  }
  return { ok: true, follows: normalizeFollows(entries) };
}

export function normalizeFollows(entries: Iterable<string>): string[] {
  return [...new Set(entries)].sort();
}

export function followsEvent(follows: Follows, event: EventRef): boolean {
  if (follows === null) return true;
  return follows.includes(event.slug) || (event.series !== undefined && follows.includes(`${SERIES_PREFIX}${event.series}`));
}

/**
 * The stored keys that take `event` in besides everything: its slug and its series. The same
 * rule as followsEvent, in the form a query over subscribers.follows needs (json_each).
 */
export function keysFollowing(event: EventRef): string[] {
  return event.series === undefined ? [event.slug] : [event.slug, `${SERIES_PREFIX}${event.series}`];
}

/** The slugs of `events` that `follows` takes in, sorted: a send's variant for this subscriber. */
export function followedAmong(follows: Follows, events: readonly EventRef[]): string[] {
  return events.filter((e) => followsEvent(follows, e)).map((e) => e.slug).sort();
}

/** A second request while the first waits for confirmation adds to it; everything takes in all. */
export function unionFollows(a: Follows, b: Follows): Follows {
  if (a === null || b === null) return EVERYTHING;
  return normalizeFollows([...a, ...b]);
}

export function sameFollows(a: Follows, b: Follows): boolean {
  if (a === null || b === null) return a === b;
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Stored form (subscribers.follows): JSON, NULL for everything. */
export function encodeFollows(follows: Follows): string | null {
  return follows === null ? null : JSON.stringify(follows);
}

export function decodeFollows(stored: string | null | undefined): Follows {
  if (stored === null || stored === undefined) return EVERYTHING;
  const parsed: unknown = JSON.parse(stored);
  return Array.isArray(parsed) ? normalizeFollows(parsed.filter((x): x is string => typeof x === "string")) : EVERYTHING;
}

/** The CSV cell: `;`-separated, empty for everything. */
export function followsCell(follows: Follows): string {
  return follows === null ? "" : follows.join(";");
}

/** Follows minus one event: what "stop this event only" leaves. Everything turns into every other event and series. */
export function withoutEvent(follows: Follows, event: EventRef, events: readonly EventRef[]): string[] {
  const start = follows ?? [...followKeys(events)];
  const series = event.series === undefined ? undefined : `${SERIES_PREFIX}${event.series}`;
  const kept = start.filter((k) => k !== event.slug && k !== series);
  // A series that took the event in is replaced by its other editions, so they stay followed.
  if (series !== undefined && start.includes(series)) {
    for (const e of events) if (e.series === event.series && e.slug !== event.slug) kept.push(e.slug);
  }
  return normalizeFollows(kept);
}

/**
 * What "stop this event only" ends besides the event, in words: a list cannot say "all but
 * one", so following everything gives way to today's events (new ones are no longer added), and
 * a series that took the event in gives way to its other editions (future ones no longer come).
 */
export function alsoEndedByStop(follows: Follows, event: EventRef, events: readonly EventMeta[]): string[] {
  const ended: string[] = [];
  if (follows === null) ended.push("events added from now on");
  if (event.series !== undefined && (follows === null || follows.includes(`${SERIES_PREFIX}${event.series}`))) {
    ended.push(`future ${seriesTitle(event.series, events)} editions`);
  }
  return ended;
}

/** Words for a choice: "everything", or the events' and series' names. */
export function describeFollows(follows: Follows, events: readonly EventMeta[]): string {
  if (follows === null) return "everything";
  // An edition of a followed series is said once, by the series.
  const covered = (key: string) => {
    const series = events.find((e) => e.slug === key)?.series;
    return series !== undefined && follows.includes(`${SERIES_PREFIX}${series}`);
  };
  const names = follows.filter((key) => !covered(key)).map((key) => {
    if (key.startsWith(SERIES_PREFIX)) return `every ${seriesTitle(key.slice(SERIES_PREFIX.length), events)}`;
    return events.find((e) => e.slug === key)?.title ?? key;
  });
  return names.length ? names.join(", ") : "nothing";
}

/**
 * A series' name for people: its editions' common title without the year ("KubeCon 2015",
 * "KubeCon 2016" → "KubeCon"), or the series' own slug when the titles say nothing better.
 */
export function seriesTitle(series: string, events: readonly EventMeta[]): string {
  const stems = new Set(events.filter((e) => e.series === series).map((e) => e.title.replace(/[\s\-–—]*['’]?\d{2,4}$/, "").trim()));
  const [only] = stems;
  return stems.size === 1 && only ? only : series;
}

/** The series events name, sorted, each once. */
export function seriesOf(events: readonly EventRef[]): string[] {
  return [...new Set(events.flatMap((e) => (e.series === undefined ? [] : [e.series])))].sort();
}
