// The daily email of a date, rendered once: the entry point preview, the archive and
// sending share.
import type { Config } from "../config/config.ts";
import type { BodyStore } from "../content/body-store.ts";
import type { ContentIndex } from "../content/types.ts";
import { dailyPosts } from "./daily-posts.ts";
import { renderDailyEmail, type RenderOptions } from "./render-daily.ts";
import type { EmailSnapshot } from "./snapshot.ts";

/** The snapshot for `date`, or undefined when no post of its window is published by `now`. */
export async function renderDay(
  config: Config,
  index: ContentIndex,
  bodies: BodyStore,
  date: string,
  now: number,
  options: RenderOptions,
): Promise<EmailSnapshot | undefined> {
  const posts = await dailyPosts(index, bodies, date, config, now);
  if (posts.length === 0) return undefined;
  return renderDailyEmail(config, date, posts, options);
}
