// RSS 2.0 serializer. Names go in dc:creator (RSS's <author> must be an email address),
// the full body in content:encoded and the summary in <description>.
import type { FeedModel } from "./feed-model.ts";
import { escapeHtml } from "../content/escape-html.ts";
import { escapeXml as x } from "./xml.ts";

/** RFC 822 date-time, as RSS 2.0 requires. */
export function rfc822(iso: string): string {
  return new Date(iso).toUTCString().replace(/GMT$/, "+0000");
}

export function renderRss(feed: FeedModel): string {
  const image = feed.images.rssImage;
  const items = feed.items.map((item) =>
    [
      "<item>",
      `<title>${x(item.title)}</title>`,
      `<link>${x(item.url)}</link>`,
      `<guid isPermaLink="false">${x(item.id)}</guid>`,
      `<pubDate>${rfc822(item.published)}</pubDate>`,
      ...item.authors.map((a) => (a.email ? `<author>${x(`${a.email} (${a.name})`)}</author>` : `<dc:creator>${x(a.name)}</dc:creator>`)),
      ...item.tags.map((tag) => `<category>${x(tag)}</category>`),
      // RSS readers render <description> as HTML, so the plain-text summary is HTML-escaped first.
      `<description>${x(escapeHtml(item.summary))}</description>`,
      `<content:encoded>${x(item.contentHtml)}</content:encoded>`,
      "</item>",
    ].join("\n"),
  );
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:sy="http://purl.org/rss/1.0/modules/syndication/">',
    "<channel>",
    `<title>${x(feed.title)}</title>`,
    `<link>${x(feed.homeUrl)}</link>`,
    `<description>${x(feed.description)}</description>`,
    `<language>${x(feed.language)}</language>`,
    `<lastBuildDate>${rfc822(feed.updated)}</lastBuildDate>`,
    `<atom:link href="${x(feed.selfUrl.rss)}" rel="self" type="application/rss+xml"/>`,
    ...feed.hubs.map((hub) => `<atom:link href="${x(hub)}" rel="hub"/>`),
    `<ttl>${feed.polling.ttlMinutes}</ttl>`,
    `<sy:updatePeriod>${feed.polling.updatePeriod}</sy:updatePeriod>`,
    `<sy:updateFrequency>${feed.polling.updateFrequency}</sy:updateFrequency>`,
    // RSS 2.0 wants the image's title and link to be the channel's own.
    `<image><url>${x(image.url)}</url><title>${x(feed.title)}</title><link>${x(feed.homeUrl)}</link><width>${image.width}</width><height>${image.height}</height></image>`,
    "<generator>Herald</generator>",
    ...items,
    "</channel>",
    "</rss>",
    "",
  ].join("\n");
}
