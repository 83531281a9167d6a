// Every public URL Herald hands out is built here, from SITE_URL.
/** Every URL builder needs only the site's base URL. */
interface Site {
  siteUrl: string;
}

export type FeedFormat = "rss" | "atom" | "json";

export const FEED_FILES: Record<FeedFormat, string> = { rss: "rss.xml", atom: "atom.xml", json: "feed.json" };

export const siteHomeUrl = (config: Site) => `${config.siteUrl}/`;
export const postUrl = (config: Site, slug: string) => `${config.siteUrl}/posts/${encodeURIComponent(slug)}`;
export const eventUrl = (config: Site, slug: string) => `${config.siteUrl}/events/${encodeURIComponent(slug)}`;

export const tagUrl = (config: Site, tag: string) => `${config.siteUrl}/tags/${encodeURIComponent(tag)}`;

export function feedUrl(config: Site, format: FeedFormat, event?: string): string {
  return event === undefined ? `${config.siteUrl}/${FEED_FILES[format]}` : `${eventUrl(config, event)}/${FEED_FILES[format]}`;
}

export const tagFeedUrl = (config: Site, format: FeedFormat, tag: string) => `${tagUrl(config, tag)}/${FEED_FILES[format]}`;

/** Herald's own WebSub hub, which every feed names (W3C WebSub). */
export const hubUrl = (site: Site) => `${site.siteUrl}/websub`;

export const subscribeUrl = (site: Site) => `${site.siteUrl}/subscribe`;
export const emailArchiveUrl = (site: Site, date: string) => `${site.siteUrl}/emails/${date}`;

/** The one place an unsubscribe link is made: the email body and List-Unsubscribe both use it. */
export const unsubscribeUrl = (site: Site, token: string) => `${site.siteUrl}/unsubscribe?token=${encodeURIComponent(token)}`;
export const confirmUrl = (site: Site, token: string) => `${site.siteUrl}/confirm?token=${encodeURIComponent(token)}`;
/** The subscriber's own page for what they follow; `stop` names an event the page offers to stop. */
export const preferencesUrl = (site: Site, token: string, stop?: string) =>
  `${site.siteUrl}/preferences?token=${encodeURIComponent(token)}${stop === undefined ? "" : `&stop=${encodeURIComponent(stop)}`}`;
