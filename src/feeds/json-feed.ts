// JSON Feed 1.1 serializer (https://jsonfeed.org/version/1.1).
import type { Author } from "../content/types.ts";
import type { FeedModel } from "./feed-model.ts";

export const JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1";

const jsonAuthor = (a: Author) => ({ name: a.name, ...(a.url ? { url: a.url } : {}) });

export function renderJsonFeed(feed: FeedModel): string {
  return JSON.stringify({
    version: JSON_FEED_VERSION,
    title: feed.title,
    home_page_url: feed.homeUrl,
    feed_url: feed.selfUrl.json,
    description: feed.description,
    language: feed.language,
    icon: feed.images.icon.url,
    favicon: feed.images.favicon.url,
    hubs: feed.hubs.map((url) => ({ type: "WebSub", url })),
    items: feed.items.map((item) => ({
      id: item.id,
      url: item.url,
      title: item.title,
      content_html: item.contentHtml,
      summary: item.summary,
      date_published: item.published,
      ...(item.updated ? { date_modified: item.updated } : {}),
      authors: item.authors.map(jsonAuthor),
      ...(item.tags.length ? { tags: item.tags } : {}),
    })),
  });
}
