// The posts a date's send carries, from the sends' own record (db/carried-posts.ts) by the
// rule in content/send-posts.ts. The real send, a test send, the dry run and the preview
// all ask here, so what an author looks at is what the day's send would carry.
import { candidatesOfSend, postsOfSend, type SendPosts } from "../content/send-posts.ts";
import { carriedAmong, previousSend } from "../db/carried-posts.ts";
import { renderPosts } from "../email/render-day.ts";
import type { RenderOptions } from "../email/render-daily.ts";
import type { EmailSnapshot } from "../email/snapshot.ts";
import type { EventMeta } from "../content/types.ts";
import type { Follows } from "../content/follows.ts";
import type { SendingDeps } from "./sending-deps.ts";
import type { PostMeta } from "../content/types.ts";
import { eventsOfPosts, postsOfVariant, variantOf, type VariantEvents } from "./variant-rule.ts";

export type DayDeps = Pick<SendingDeps, "db" | "index" | "config" | "bodies">;

export async function postsForSend(deps: Omit<DayDeps, "bodies">, date: string, now: number): Promise<SendPosts> {
  const previous = await previousSend(deps.db, date);
  // Only the candidates' slugs are looked up, so the read stays small however long the record grows.
  const candidates = candidatesOfSend(deps.index, date, deps.config, now, previous);
  const carried = await carriedAmong(deps.db, date, candidates.posts.map((p) => p.slug));
  return postsOfSend(deps.index, date, deps.config, now, { previous, carried });
}

export interface SendDay {
  snapshot: EmailSnapshot;
  chosen: SendPosts;
  /** The events of the chosen posts: the whole day's variant. */
  dayEvents: EventMeta[];
}

/** A day has posts, but none of the events asked for. */
export class NoPostsOfEventsError extends Error {
  override name = "NoPostsOfEventsError";
}

/**
 * The email of `date` as its send would carry it, and that choice; undefined when it would
 * carry no post. With `only`, the variant someone following that would get (previews and
 * test sends of a variant).
 */
export async function renderSendDay(deps: DayDeps, date: string, now: number, options: RenderOptions, only?: Follows): Promise<SendDay | undefined> {
  const chosen = await postsForSend(deps, date, now);
  const dayEvents = eventsOfPosts(chosen.posts, deps.index.events);
  let posts = chosen.posts;
  if (only !== undefined && chosen.posts.length > 0) {
    const events = variantOf(only, dayEvents);
    if (events.length === 0) throw new NoPostsOfEventsError(`${date} has no posts of those events (it has ${dayEvents.map((e) => e.slug).join(", ")})`);
    posts = postsOfVariant(chosen.posts, events);
  }
  const snapshot = await renderPosts(deps.config, deps.index, deps.bodies, date, posts, options);
  return snapshot ? { snapshot, chosen, dayEvents } : undefined;
}

/** A variant's email: the posts of `events` among a send's `posts`; undefined when none of them is left. */
export function renderVariant(deps: DayDeps, date: string, posts: readonly PostMeta[], events: VariantEvents): Promise<EmailSnapshot | undefined> {
  return renderPosts(deps.config, deps.index, deps.bodies, date, postsOfVariant(posts, events), { mode: "email" });
}
