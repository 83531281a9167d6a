// Atom 1.0 serializer (RFC 4287). Titles and summaries are escaped text, bodies escaped HTML.
import type { FeedModel } from "./feed-model.ts";
import { escapeXml as x } from "./xml.ts";

export function renderAtom(feed: FeedModel): string {
  const entries = feed.items.map((item) =>
    [
      "<entry>",
      `<id>${x(item.id)}</id>`,
      `<title type="text">${x(item.title)}</title>`,
      `<link rel="alternate" type="text/html" href="${x(item.url)}"/>`,
      `<published>${x(item.published)}</published>`,
      `<updated>${x(item.updated ?? item.published)}</updated>`,
      ...item.authors.map(
        (a) =>
          `<author><name>${x(a.name)}</name>${a.email ? `<email>${x(a.email)}</email>` : ""}${a.url ? `<uri>${x(a.url)}</uri>` : ""}</author>`,
      ),
      ...item.tags.map((tag) => `<category term="${x(tag)}"/>`),
      `<summary type="text">${x(item.summary)}</summary>`,
      `<content type="html">${x(item.contentHtml)}</content>`,
      "</entry>",
    ].join("\n"),
  );
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${x(feed.language)}">`,
    `<id>${x(feed.id)}</id>`,
    `<title type="text">${x(feed.title)}</title>`,
    `<subtitle type="text">${x(feed.description)}</subtitle>`,
    `<updated>${feed.updated}</updated>`,
    `<link rel="self" type="application/atom+xml" href="${x(feed.selfUrl.atom)}"/>`,
    `<link rel="alternate" type="text/html" href="${x(feed.homeUrl)}"/>`,
    ...feed.hubs.map((hub) => `<link rel="hub" href="${x(hub)}"/>`),
    `<icon>${x(feed.images.icon.url)}</icon>`,
    `<logo>${x(feed.images.logo.url)}</logo>`,
    `<generator>Herald</generator>`,
    ...entries,
    "</feed>",
    "",
  ].join("\n");
}
