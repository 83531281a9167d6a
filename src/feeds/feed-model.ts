// One data model for every feed format: the serializers only change its shape.
import type { Config } from "../config/config.ts";
import { absolutizeHtml } from "../content/absolutize-html.ts";
import { lastChangeMs } from "../content/published.ts";
import type { Author, PostMeta } from "../content/types.ts";
import { postUrl, type FeedFormat } from "../content/urls.ts";
import { feedHubs } from "./feed-hubs.ts";
import { feedImages, type FeedImages } from "./feed-images.ts";
import { scopeFeedUrl, scopeHomeUrl, type FeedScope } from "./feed-scope.ts";
import type { PollingHint } from "./polling-hint.ts";

export type { FeedScope } from "./feed-scope.ts";

export interface FeedItem {
  id: string;
  url: string;
  title: string;
  summary: string;
  contentHtml: string;
  /** RFC 3339, as the author wrote it. */
  published: string;
  updated?: string;
  authors: Author[];
  tags: string[];
}

export interface FeedModel {
  id: string;
  title: string;
  description: string;
  language: string;
  homeUrl: string;
  selfUrl: Record<FeedFormat, string>;
  /** Newest publication or update among the items, RFC 3339 (UTC). */
  updated: string;
  updatedMs: number;
  /** WebSub hubs to name beside the self link: Herald's own first (see feed-hubs.ts). */
  hubs: string[];
  /** How soon a polling reader should come back (see polling-hint.ts). */
  polling: PollingHint;
  images: FeedImages;
  items: FeedItem[];
}

export function postTagUri(config: Config, slug: string): string {
  return `tag:${config.tagAuthority}:posts/${slug}`;
}

/** The feed's id, title and description: what a reader shows for the scope. */
function describeScope(config: Config, scope: FeedScope): { id: string; title: string; description: string } {
  const id = (path: string) => `tag:${config.tagAuthority}:${path}feed`;
  switch (scope.kind) {
    case "site":
      return { id: id(""), title: config.siteTitle, description: `Daily recaps from ${config.siteTitle}` };
    case "event": {
      const { event } = scope;
      return { id: id(`events/${event.slug}/`), title: `${event.title} — ${config.siteTitle}`, description: event.description || `Daily recaps of ${event.title}` };
    }
    case "tag":
      return { id: id(`tags/${scope.tag}/`), title: `#${scope.tag} — ${config.siteTitle}`, description: `Recaps tagged #${scope.tag}, from ${config.siteTitle}` };
  }
}

export function buildFeedModel(config: Config, scope: FeedScope, posts: PostMeta[], bodies: Map<string, string>, polling: PollingHint): FeedModel {
  const updatedMs = posts.reduce((max, p) => Math.max(max, lastChangeMs(p)), 0);
  return {
    ...describeScope(config, scope),
    language: "en",
    homeUrl: scopeHomeUrl(config, scope),
    selfUrl: {
      rss: scopeFeedUrl(config, scope, "rss"),
      atom: scopeFeedUrl(config, scope, "atom"),
      json: scopeFeedUrl(config, scope, "json"),
    },
    updated: new Date(updatedMs).toISOString(),
    updatedMs,
    hubs: feedHubs(config),
    polling,
    images: feedImages(config),
    items: posts.map((post) => ({
      id: postTagUri(config, post.slug),
      url: postUrl(config, post.slug),
      title: post.title,
      summary: post.summary,
      contentHtml: absolutizeHtml(bodies.get(post.slug) ?? "", config.siteUrl),
      published: post.date,
      ...(post.updated ? { updated: post.updated } : {}),
      authors: post.authors,
      tags: post.tags,
    })),
  };
}
