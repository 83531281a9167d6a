// One feed, as a reader gets it: its validators first (they need only the index, so a 304
// reads no body), then its bytes. The feed routes and the WebSub hub both call this, so
// what the hub pushes to a subscriber is byte for byte what a reader would fetch.
import type { Config } from "../config/config.ts";
import type { BodyStore } from "../content/body-store.ts";
import { lastChangeMs, msUntilNextPublication, publishedPosts } from "../content/published.ts";
import { postsWithTag } from "../content/tags.ts";
import type { ContentIndex, PostMeta } from "../content/types.ts";
import type { FeedFormat } from "../content/urls.ts";
import { etagOf } from "../http/conditional-get.ts";
import { PromiseCache } from "../util/promise-cache.ts";
import { renderAtom } from "./atom.ts";
import { buildFeedModel } from "./feed-model.ts";
import { scopeKey, type FeedScope } from "./feed-scope.ts";
import { renderJsonFeed } from "./json-feed.ts";
import { pollingHint, type PollingHint } from "./polling-hint.ts";
import { renderRss } from "./rss.ts";
import { scopeEvents } from "./scope-events.ts";

export const FEED_CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: "application/rss+xml; charset=utf-8",
  atom: "application/atom+xml; charset=utf-8",
  json: "application/feed+json; charset=utf-8",
};
const SERIALIZERS = { rss: renderRss, atom: renderAtom, json: renderJsonFeed };

export interface FeedRequest {
  index: ContentIndex;
  config: Config;
  scope: FeedScope;
  format: FeedFormat;
  /** The clock, epoch ms: what is published by then is in the feed. */
  now: number;
}

export interface FeedHead {
  contentType: string;
  etag: string;
  /** Undefined for a feed with no item yet. */
  lastModifiedMs: number | undefined;
  /** Until the next scheduled post goes public (for Cache-Control), undefined if none waits. */
  msUntilNextPost: number | undefined;
  /** The items, newest first, at most FEED_SIZE. */
  posts: PostMeta[];
  /** RSS's ttl and sy: hints now, from the scope's events (changes only when a day turns). */
  polling: PollingHint;
  /** Every input that shapes the bytes, joined: the ETag's source and the render cache's key. */
  key: string;
}

export interface RenderedFeed extends FeedHead {
  body: string;
}

/** The scope's published posts, newest first, all of them (a feed keeps FEED_SIZE). */
export function scopePosts(index: ContentIndex, scope: FeedScope, now: number): PostMeta[] {
  switch (scope.kind) {
    case "site":
      return publishedPosts(index, now);
    case "event":
      return publishedPosts(index, now, scope.event.slug);
    case "tag":
      return postsWithTag(index, now, scope.tag);
  }
}

/** The feed's headers, without touching a body. */
export function feedHead({ index, config, scope, format, now }: FeedRequest): FeedHead {
  const allPublished = scopePosts(index, scope, now);
  const posts = allPublished.slice(0, config.feedSize);
  const polling = pollingHint(scopeEvents(index, scope, now), now);
  // Posts are ordered by publication time, so the number published fixes which ones.
  const inputs = [
    index.buildId, format, scopeKey(scope), allPublished.length, config.siteUrl, config.siteTitle, config.tagAuthority, config.feedSize,
    config.websubHubs.join(" "), polling.ttlMinutes, polling.updatePeriod, polling.updateFrequency,
  ];
  // The newest change among the items, or the newest publication (a post going public may
  // push an older one out), never later than now.
  const lastModifiedMs = posts.length ? Math.min(now, Math.max(...posts.map(lastChangeMs), posts[0]!.publishedMs)) : undefined;
  return {
    contentType: FEED_CONTENT_TYPES[format],
    etag: etagOf(inputs),
    lastModifiedMs,
    msUntilNextPost: msUntilNextPublication(index, now),
    posts,
    polling,
    key: inputs.join("\u0000"),
  };
}

// Serialized feeds, keyed by every input that shapes them, so an entry never goes stale.
const rendered = new PromiseCache<string, string>(64);

/** The feed's bytes for a head `feedHead` gave for the same request. */
export function feedBody(request: FeedRequest, head: FeedHead, store: BodyStore): Promise<string> {
  const { config, scope, format } = request;
  return rendered.get(head.key, () =>
    Promise.all(head.posts.map(async (p) => [p.slug, (await store.get(p.bodyPath)).html] as const)).then((entries) =>
      SERIALIZERS[format](buildFeedModel(config, scope, head.posts, new Map(entries), head.polling)),
    ),
  );
}

/** Head and bytes together: what the hub sends a subscriber. */
export async function renderFeed(request: FeedRequest, store: BodyStore): Promise<RenderedFeed> {
  const head = feedHead(request);
  return { ...head, body: await feedBody(request, head, store) };
}
