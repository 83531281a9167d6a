// The events whose posts a feed may carry, which its polling hint goes by: every event for
// the site's feed, its own for an event's, and for a tag's the events of every post with the
// tag, scheduled ones too (a tag's next post may belong to an event that has not begun).
import type { ContentIndex, EventMeta } from "../content/types.ts";
import type { FeedScope } from "./feed-scope.ts";

export function scopeEvents(index: ContentIndex, scope: FeedScope): EventMeta[] {
  if (scope.kind === "site") return index.events;
  if (scope.kind === "event") return [scope.event];
  const slugs = new Set(index.posts.filter((p) => p.tags.includes(scope.tag)).map((p) => p.event));
  return index.events.filter((e) => slugs.has(e.slug));
}
