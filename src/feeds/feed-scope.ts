// What a feed covers: the whole site, one event or one tag. Each scope has its own URLs
// and id, and every feed Herald serves (and its hub announces) is one scope in one format.
import type { EventMeta } from "../content/types.ts";
import { eventUrl, feedUrl, siteHomeUrl, tagFeedUrl, tagUrl, type FeedFormat } from "../content/urls.ts";

export type FeedScope = { kind: "site" } | { kind: "event"; event: EventMeta } | { kind: "tag"; tag: string };

interface Site {
  siteUrl: string;
}

export const SITE_SCOPE: FeedScope = { kind: "site" };

/** The feed's own URL in one format (its `self` link, and its WebSub topic). */
export function scopeFeedUrl(site: Site, scope: FeedScope, format: FeedFormat): string {
  switch (scope.kind) {
    case "site":
      return feedUrl(site, format);
    case "event":
      return feedUrl(site, format, scope.event.slug);
    case "tag":
      return tagFeedUrl(site, format, scope.tag);
  }
}

/** The page the feed's readers are sent to. */
export function scopeHomeUrl(site: Site, scope: FeedScope): string {
  switch (scope.kind) {
    case "site":
      return siteHomeUrl(site);
    case "event":
      return eventUrl(site, scope.event.slug);
    case "tag":
      return tagUrl(site, scope.tag);
  }
}

/**
 * A short key that tells scopes apart, for caches and ETags. The site's is empty and an
 * event's is its slug, as they were before tags had feeds, so those ETags did not change;
 * a tag's cannot collide with a slug, which has no colon.
 */
export function scopeKey(scope: FeedScope): string {
  switch (scope.kind) {
    case "site":
      return "";
    case "event":
      return scope.event.slug;
    case "tag":
      return `tag:${scope.tag}`;
  }
}
