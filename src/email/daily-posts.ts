// The posts a date's email carries, with their bodies.
import type { BodyStore } from "../content/body-store.ts";
import { findEvent } from "../content/published.ts";
import { postsOfDay, type Schedule } from "../content/schedule.ts";
import type { ContentIndex, PostMeta } from "../content/types.ts";
import type { DailyPost } from "./render-daily.ts";

/** Posts published in the date's window and by `now`, oldest first. */
export async function dailyPosts(index: ContentIndex, bodies: BodyStore, date: string, schedule: Schedule, now: number): Promise<DailyPost[]> {
  return withBodies(index, bodies, postsOfDay(index, date, schedule, now));
}

/** The given posts with their events and bodies, in the same order. */
export async function withBodies(index: ContentIndex, bodies: BodyStore, posts: readonly PostMeta[]): Promise<DailyPost[]> {
  return Promise.all(posts.map(async (meta) => ({ meta, event: findEvent(index, meta.event)!, body: await bodies.get(meta.bodyPath) })));
}
