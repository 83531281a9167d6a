// Which posts a date's email carries, and their bodies.
import type { BodyStore } from "../content/body-store.ts";
import { dayWindow } from "../content/days.ts";
import { findEvent } from "../content/published.ts";
import type { ContentIndex } from "../content/types.ts";
import type { DailyPost } from "./render-daily.ts";

/** Posts published in the date's window and by `now`, oldest first. */
export async function dailyPosts(
  index: ContentIndex,
  bodies: BodyStore,
  date: string,
  schedule: { sendAt: string; timezone: string },
  now: number,
): Promise<DailyPost[]> {
  const { startMs, endMs } = dayWindow(date, schedule.sendAt, schedule.timezone);
  const metas = index.posts.filter((p) => p.publishedMs > startMs && p.publishedMs <= endMs && p.publishedMs <= now).reverse();
  return Promise.all(
    metas.map(async (meta) => ({ meta, event: findEvent(index, meta.event)!, body: await bodies.get(meta.bodyPath) })),
  );
}
