// Which posts are public at a given moment: drafts never reach the index, and posts
// dated in the future stay hidden until their time comes.
import type { ContentIndex, EventMeta, PostMeta } from "./types.ts";

/** Published posts, newest first, optionally of one event. */
export function publishedPosts(index: ContentIndex, now: number, event?: string): PostMeta[] {
  const posts = event === undefined ? index.posts : postsOfEvent(index, event);
  // Posts are sorted newest first, so the unpublished ones form a prefix.
  let first = 0;
  while (first < posts.length && posts[first]!.publishedMs > now) first++;
  return first === 0 ? posts : posts.slice(first);
}

/** Milliseconds until the next scheduled post goes public, or undefined if none waits. */
export function msUntilNextPublication(index: ContentIndex, now: number): number | undefined {
  let next: number | undefined;
  for (const post of index.posts) {
    if (post.publishedMs <= now) break;
    next = post.publishedMs;
  }
  return next === undefined ? undefined : next - now;
}

/** The time a post last changed: its update, or its publication. */
export function lastChangeMs(post: PostMeta): number {
  return post.updatedMs ?? post.publishedMs;
}

export function findEvent(index: ContentIndex, slug: string): EventMeta | undefined {
  return eventsBySlug(index).get(slug);
}

export function findPost(index: ContentIndex, slug: string, now: number): PostMeta | undefined {
  const post = postsBySlug(index).get(slug);
  return post && post.publishedMs <= now ? post : undefined;
}

const eventCache = new WeakMap<ContentIndex, Map<string, EventMeta>>();
const postCache = new WeakMap<ContentIndex, Map<string, PostMeta>>();
const byEventCache = new WeakMap<ContentIndex, Map<string, PostMeta[]>>();

function eventsBySlug(index: ContentIndex): Map<string, EventMeta> {
  let map = eventCache.get(index);
  if (!map) eventCache.set(index, (map = new Map(index.events.map((e) => [e.slug, e]))));
  return map;
}

function postsBySlug(index: ContentIndex): Map<string, PostMeta> {
  let map = postCache.get(index);
  if (!map) postCache.set(index, (map = new Map(index.posts.map((p) => [p.slug, p]))));
  return map;
}

function postsOfEvent(index: ContentIndex, event: string): PostMeta[] {
  let map = byEventCache.get(index);
  if (!map) {
    map = new Map();
    for (const post of index.posts) {
      const list = map.get(post.event) ?? [];
      list.push(post);
      map.set(post.event, list);
    }
    byEventCache.set(index, map);
  }
  return map.get(event) ?? [];
}
