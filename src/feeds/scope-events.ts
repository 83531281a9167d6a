// The events whose posts a feed may carry, which its polling hint goes by: every event for
// the site's feed, its own for an event's, and for a tag's the events of its published posts
// (a scheduled post's event is left out, or the hint would give away that a post with the
// tag is coming, where the tag's page and feeds show nothing of it yet).
import { postsWithTag } from "../content/tags.ts";
import type { ContentIndex, EventMeta } from "../content/types.ts";
import type { FeedScope } from "./feed-scope.ts";

export function scopeEvents(index: ContentIndex, scope: FeedScope, now: number): EventMeta[] {
  if (scope.kind === "site") return index.events;
  if (scope.kind === "event") return [scope.event];
  const slugs = new Set(postsWithTag(index, now, scope.tag).map((p) => p.event));
  return index.events.filter((e) => slugs.has(e.slug));
}
