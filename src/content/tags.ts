// Which tags are public at a given moment. A tag exists for readers only once one of its
// posts is published, so a scheduled post's tags never show (nor answer) before its time.
import type { ContentIndex, PostMeta } from "./types.ts";

/** Tags with at least one published post, sorted. */
export function publishedTags(index: ContentIndex, now: number): string[] {
  const tags: string[] = [];
  // Each list is newest first, so its last post is the first to be published.
  for (const [tag, posts] of postsByTag(index)) if (posts[posts.length - 1]!.publishedMs <= now) tags.push(tag);
  return tags.sort();
}

/** The tag's published posts, newest first; empty for a tag no published post carries. */
export function postsWithTag(index: ContentIndex, now: number, tag: string): PostMeta[] {
  const posts = postsByTag(index).get(tag) ?? [];
  // Newest first, so the posts not yet published form a prefix.
  let first = 0;
  while (first < posts.length && posts[first]!.publishedMs > now) first++;
  return first === 0 ? posts : posts.slice(first);
}

const byTagCache = new WeakMap<ContentIndex, Map<string, PostMeta[]>>();

function postsByTag(index: ContentIndex): Map<string, PostMeta[]> {
  let map = byTagCache.get(index);
  if (!map) {
    map = new Map();
    for (const post of index.posts) {
      for (const tag of new Set(post.tags)) {
        const list = map.get(tag) ?? [];
        list.push(post);
        map.set(tag, list);
      }
    }
    byTagCache.set(index, map);
  }
  return map;
}
