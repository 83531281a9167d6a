// The day rule, in one place (contract, "Days"): which posts a date's email carries, when it
// is due, which date an instant belongs to. Every caller goes through here; the window
// arithmetic in days.ts is called from this module alone. Which posts a send carries once
// earlier sends have recorded theirs (settings that changed between days) is send-posts.ts.
import { addDays, dateOfInstant, dayWindow } from "./days.ts";
import type { ContentIndex, PostMeta } from "./types.ts";

/** When the daily email goes out: `HH:MM` in an IANA zone. */
export interface Schedule {
  sendAt: string;
  timezone: string;
}

/** The moment the email of `date` is due: `SEND_AT` on that date in `TIMEZONE`. */
export function dueAt(date: string, schedule: Schedule): number {
  return dayWindow(date, schedule.sendAt, schedule.timezone).endMs;
}

export function isDue(date: string, schedule: Schedule, now: number): boolean {
  return dueAt(date, schedule) <= now;
}

/** The date whose email carries a post published at `ms`. */
export function dateOf(ms: number, schedule: Schedule): string {
  return dateOfInstant(ms, schedule.sendAt, schedule.timezone);
}

/** The latest date whose email is due by `now`. */
export function latestDueDate(schedule: Schedule, now: number): string {
  const current = dateOf(now, schedule);
  return isDue(current, schedule, now) ? current : addDays(current, -1);
}

/** The posts of `date`'s email published by `now`, oldest first. */
export function postsOfDay(index: ContentIndex, date: string, schedule: Schedule, now = Number.POSITIVE_INFINITY): PostMeta[] {
  const { startMs, endMs } = dayWindow(date, schedule.sendAt, schedule.timezone);
  return index.posts.filter((p) => p.publishedMs > startMs && p.publishedMs <= endMs && p.publishedMs <= now).reverse();
}

export interface EmailDate {
  date: string;
  posts: PostMeta[];
}

const datesCache = new WeakMap<ContentIndex, Map<string, EmailDate[]>>();

/** The dates that have a daily email by `now`, newest first, each with its posts oldest first. */
export function emailDates(index: ContentIndex, schedule: Schedule, now: number): EmailDate[] {
  return allEmailDates(index, schedule).filter((d) => isDue(d.date, schedule, now));
}

function allEmailDates(index: ContentIndex, schedule: Schedule): EmailDate[] {
  const key = `${schedule.sendAt}|${schedule.timezone}`;
  let byKey = datesCache.get(index);
  if (!byKey) datesCache.set(index, (byKey = new Map()));
  let dates = byKey.get(key);
  if (!dates) {
    const map = new Map<string, PostMeta[]>();
    for (const post of index.posts) {
      const date = dateOf(post.publishedMs, schedule);
      map.set(date, [...(map.get(date) ?? []), post]);
    }
    dates = [...map].map(([date, posts]) => ({ date, posts: posts.reverse() })).sort((a, b) => b.date.localeCompare(a.date));
    byKey.set(key, dates);
  }
  return dates;
}
