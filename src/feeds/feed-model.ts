// One data model for every feed format: the serializers only change its shape.
import type { Config } from "../config/config.ts";
import { absolutizeHtml } from "../content/absolutize-html.ts";
import { lastChangeMs } from "../content/published.ts";
import type { Author, EventMeta, PostMeta } from "../content/types.ts";
import { eventUrl, feedUrl, postUrl, siteHomeUrl, type FeedFormat } from "../content/urls.ts";
import { feedHubs } from "./feed-hubs.ts";
import { feedImages, type FeedImages } from "./feed-images.ts";
import type { PollingHint } from "./polling-hint.ts";

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

export function buildFeedModel(
  config: Config,
  event: EventMeta | undefined,
  posts: PostMeta[],
  bodies: Map<string, string>,
  polling: PollingHint,
): FeedModel {
  const updatedMs = posts.reduce((max, p) => Math.max(max, lastChangeMs(p)), 0);
  const scope = event ? `events/${event.slug}/` : "";
  return {
    id: `tag:${config.tagAuthority}:${scope}feed`,
    title: event ? `${event.title} — ${config.siteTitle}` : config.siteTitle,
    description: event ? event.description || `Daily recaps of ${event.title}` : `Daily recaps from ${config.siteTitle}`,
    language: "en",
    homeUrl: event ? eventUrl(config, event.slug) : siteHomeUrl(config),
    selfUrl: {
      rss: feedUrl(config, "rss", event?.slug),
      atom: feedUrl(config, "atom", event?.slug),
      json: feedUrl(config, "json", event?.slug),
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
