// The daily email of a date, rendered once: the entry point preview, the archive and
// sending share.
import type { Config } from "../config/config.ts";
import type { BodyStore } from "../content/body-store.ts";
import type { ContentIndex, PostMeta } from "../content/types.ts";
import { dailyPosts, withBodies } from "./daily-posts.ts";
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

/** The snapshot for `date` carrying exactly `posts` (a send's choice, see content/send-posts.ts), or undefined for none. */
export async function renderPosts(
  config: Config,
  index: ContentIndex,
  bodies: BodyStore,
  date: string,
  posts: readonly PostMeta[],
  options: RenderOptions,
): Promise<EmailSnapshot | undefined> {
  if (posts.length === 0) return undefined;
  return renderDailyEmail(config, date, await withBodies(index, bodies, posts), options);
}
