// What a person who joins while an event runs has missed: the event's posts that already
// went out in a daily email, by event day. Pure; the welcome mail (src/subscriptions/
// welcome-rule.ts, src/email/render-welcome.ts) is built from it.
import { localDate } from "./days.ts";
import { dueAt, latestDueDate, type Schedule } from "./schedule.ts";
import type { ContentIndex, EventMeta, PostMeta } from "./types.ts";

export interface CatchUpDay {
  /** The event's day number (PostMeta.day). */
  day: number;
  /** Oldest first. */
  posts: PostMeta[];
}

/** Whether `now` falls on one of the event's days, on the event's own calendar. */
export function eventRunning(event: EventMeta, now: number): boolean {
  const today = localDate(now, event.timezone);
  return today >= event.start && today <= event.end;
}

/**
 * The event's days so far at `now`: its posts whose daily email is already due (published in
 * a window that has closed), grouped by event day, oldest first. A post in the window still
 * open is left out: tonight's email brings it. Empty when the event is not running.
 */
export function catchUpDays(index: ContentIndex, event: EventMeta, schedule: Schedule, now: number): CatchUpDay[] {
  if (!eventRunning(event, now)) return [];
  // Windows tile time, so "its window has closed" is "published by the end of the latest due window".
  const sentUpTo = dueAt(latestDueDate(schedule, now), schedule);
  const posts = index.posts
    .filter((p) => p.event === event.slug && p.publishedMs <= sentUpTo)
    .sort((a, b) => a.day - b.day || a.publishedMs - b.publishedMs || a.slug.localeCompare(b.slug));
  const days: CatchUpDay[] = [];
  for (const post of posts) {
    const last = days[days.length - 1];
    if (last?.day === post.day) last.posts.push(post);
    else days.push({ day: post.day, posts: [post] });
  }
  return days;
}
