// Herald's topics: the URL of every feed it serves (the site's, each event's, each tag's, in
// three formats), each with the posts it holds now and a fingerprint of what it shows. A
// topic changes when its fingerprint does: a post comes due, a deploy adds or edits one.
import type { Config } from "../config/config.ts";
import { publishedPosts } from "../content/published.ts";
import type { ContentIndex, EventMeta, PostMeta } from "../content/types.ts";
import { FEED_FILES, feedUrl, tagFeedUrl, type FeedFormat } from "../content/urls.ts";
import { sha256Hex } from "../tokens/sha256.ts";

export type TopicScope = { kind: "site" } | { kind: "event"; event: EventMeta } | { kind: "tag"; tag: string };

export interface Topic {
  url: string;
  format: FeedFormat;
  scope: TopicScope;
}

const FORMATS = Object.keys(FEED_FILES) as FeedFormat[];

/** Every topic now; a tag is a topic once one of its posts is published (its feed exists). */
export function heraldTopics(config: Config, index: ContentIndex, now: number): Topic[] {
  const tags = [...new Set(publishedPosts(index, now).flatMap((p) => p.tags))].sort();
  const scopes: TopicScope[] = [{ kind: "site" }, ...index.events.map((event) => ({ kind: "event", event }) as const), ...tags.map((tag) => ({ kind: "tag", tag }) as const)];
  return scopes.flatMap((scope) => FORMATS.map((format) => ({ url: topicUrl(config, scope, format), format, scope })));
}

export function findTopic(config: Config, index: ContentIndex, now: number, url: string): Topic | undefined {
  return heraldTopics(config, index, now).find((t) => t.url === url);
}

function topicUrl(config: Config, scope: TopicScope, format: FeedFormat): string {
  if (scope.kind === "site") return feedUrl(config, format);
  if (scope.kind === "event") return feedUrl(config, format, scope.event.slug);
  return tagFeedUrl(config, format, scope.tag);
}

/** The posts a topic's feed holds at `now`, newest first, as many as FEED_SIZE. */
export function topicPosts(config: Config, index: ContentIndex, scope: TopicScope, now: number): PostMeta[] {
  const posts =
    scope.kind === "tag" ? publishedPosts(index, now).filter((p) => p.tags.includes(scope.tag)) : publishedPosts(index, now, scope.kind === "event" ? scope.event.slug : undefined);
  return posts.slice(0, config.feedSize);
}

/**
 * What a topic shows, as a hash: its posts' metadata (the body's path carries the hash of
 * the body, so an edited body changes it too) and the settings every feed prints.
 */
export function topicFingerprint(config: Config, index: ContentIndex, scope: TopicScope, now: number): Promise<string> {
  const event = scope.kind === "event" ? [scope.event.title, scope.event.description] : [];
  return sha256Hex(JSON.stringify([config.siteUrl, config.siteTitle, config.tagAuthority, config.websubHubs, event, topicPosts(config, index, scope, now)]));
}
