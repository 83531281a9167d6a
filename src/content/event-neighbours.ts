// A post's neighbours within its event, for the previous/next links of its page: the
// published posts of the same event published just before and just after it. A post not
// yet published is never a neighbour, so no link gives it away early.
import { publishedPosts } from "./published.ts";
import type { ContentIndex, PostMeta } from "./types.ts";

export interface Neighbours {
  previous?: PostMeta;
  next?: PostMeta;
}

export function eventNeighbours(index: ContentIndex, now: number, post: PostMeta): Neighbours {
  // Newest first, by publication time then slug: the order the index keeps.
  const posts = publishedPosts(index, now, post.event);
  const at = posts.findIndex((p) => p.slug === post.slug);
  if (at < 0) return {};
  const previous = posts[at + 1];
  const next = at > 0 ? posts[at - 1] : undefined;
  return { ...(previous ? { previous } : {}), ...(next ? { next } : {}) };
}
