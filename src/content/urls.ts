// Every public URL Herald hands out is built here, from SITE_URL.
import type { Config } from "../config/config.ts";

export type FeedFormat = "rss" | "atom" | "json";

export const FEED_FILES: Record<FeedFormat, string> = { rss: "rss.xml", atom: "atom.xml", json: "feed.json" };

export const siteHomeUrl = (config: Config) => `${config.siteUrl}/`;
export const postUrl = (config: Config, slug: string) => `${config.siteUrl}/posts/${encodeURIComponent(slug)}`;
export const eventUrl = (config: Config, slug: string) => `${config.siteUrl}/events/${encodeURIComponent(slug)}`;

export function feedUrl(config: Config, format: FeedFormat, event?: string): string {
  return event === undefined ? `${config.siteUrl}/${FEED_FILES[format]}` : `${eventUrl(config, event)}/${FEED_FILES[format]}`;
}
