// Every feed Herald serves by now, by URL: the WebSub hub's topics. The site's, each
// event's, and each tag's once one of its posts is published (as the routes answer).
import { publishedTags } from "../content/tags.ts";
import type { ContentIndex } from "../content/types.ts";
import { FEED_FILES, type FeedFormat } from "../content/urls.ts";
import { SITE_SCOPE, scopeFeedUrl, type FeedScope } from "./feed-scope.ts";

export interface FeedTopic {
  url: string;
  scope: FeedScope;
  format: FeedFormat;
}

const FORMATS = Object.keys(FEED_FILES) as FeedFormat[];

/** Every scope with a feed now. */
export function feedScopes(index: ContentIndex, now: number): FeedScope[] {
  return [
    SITE_SCOPE,
    ...index.events.map((event): FeedScope => ({ kind: "event", event })),
    ...publishedTags(index, now).map((tag): FeedScope => ({ kind: "tag", tag })),
  ];
}

/** Every feed now, one per scope and format. */
export function feedTopics(site: { siteUrl: string }, index: ContentIndex, now: number): FeedTopic[] {
  return feedScopes(index, now).flatMap((scope) => FORMATS.map((format) => ({ url: scopeFeedUrl(site, scope, format), scope, format })));
}

/** The feed a URL names, if Herald serves it now. */
export function findFeedTopic(site: { siteUrl: string }, index: ContentIndex, now: number, url: string): FeedTopic | undefined {
  return feedTopics(site, index, now).find((t) => t.url === url);
}
