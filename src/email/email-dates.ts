// The dates that have a daily email by now, newest first, with their posts.
import { dateOfInstant, dayWindow } from "../content/days.ts";
import type { ContentIndex, PostMeta } from "../content/types.ts";

export interface EmailDate {
  date: string;
  posts: PostMeta[];
}

const cache = new WeakMap<ContentIndex, Map<string, EmailDate[]>>();

export function emailDates(index: ContentIndex, schedule: { sendAt: string; timezone: string }, now: number): EmailDate[] {
  const all = allDates(index, schedule);
  return all.filter((d) => dayWindow(d.date, schedule.sendAt, schedule.timezone).endMs <= now);
}

function allDates(index: ContentIndex, { sendAt, timezone }: { sendAt: string; timezone: string }): EmailDate[] {
  const key = `${sendAt}|${timezone}`;
  let byKey = cache.get(index);
  if (!byKey) cache.set(index, (byKey = new Map()));
  let dates = byKey.get(key);
  if (!dates) {
    const map = new Map<string, PostMeta[]>();
    for (const post of index.posts) {
      const date = dateOfInstant(post.publishedMs, sendAt, timezone);
      map.set(date, [...(map.get(date) ?? []), post]);
    }
    dates = [...map].map(([date, posts]) => ({ date, posts: posts.reverse() })).sort((a, b) => b.date.localeCompare(a.date));
    byKey.set(key, dates);
  }
  return dates;
}
