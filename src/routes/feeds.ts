// /rss.xml, /atom.xml, /feed.json and the same under /events/:event/ and /tags/:tag/.
// A thin edge: src/feeds/render-feed.ts makes the validators and the bytes.
import { Hono, type Context } from "hono";
import type { AppEnv } from "../app-env.ts";
import { findEvent } from "../content/published.ts";
import { postsWithTag } from "../content/tags.ts";
import type { ContentIndex } from "../content/types.ts";
import { FEED_FILES, type FeedFormat } from "../content/urls.ts";
import { feedHubs } from "../feeds/feed-hubs.ts";
import { feedLinkHeader } from "../feeds/feed-link-header.ts";
import { SITE_SCOPE, scopeFeedUrl, type FeedScope } from "../feeds/feed-scope.ts";
import { feedBody, feedHead } from "../feeds/render-feed.ts";
import { isNotModified } from "../http/conditional-get.ts";
import { cacheControl } from "../http/cache-control.ts";

export const feedRoutes = new Hono<AppEnv>();

for (const format of Object.keys(FEED_FILES) as FeedFormat[]) {
  feedRoutes.get(`/${FEED_FILES[format]}`, (c) => serveFeed(c, format, () => SITE_SCOPE));
  feedRoutes.get(`/events/:event/${FEED_FILES[format]}`, (c) =>
    serveFeed(c, format, (index) => {
      const event = findEvent(index, c.req.param("event"));
      return event && { kind: "event", event };
    }),
  );
  // A tag no published post carries yet is unknown, as its page is.
  feedRoutes.get(`/tags/:tag/${FEED_FILES[format]}`, (c) =>
    serveFeed(c, format, (index, now) => {
      const tag = c.req.param("tag");
      return postsWithTag(index, now, tag).length > 0 ? { kind: "tag", tag } : undefined;
    }),
  );
}

/** `scopeOf` finds what the path names, or undefined for a 404. */
async function serveFeed(c: Context<AppEnv>, format: FeedFormat, scopeOf: (index: ContentIndex, now: number) => FeedScope | undefined): Promise<Response> {
  const { index, now: clock, bodies } = c.get("deps");
  const now = clock();
  const scope = scopeOf(index, now);
  if (!scope) return c.notFound();
  const request = { index, config: c.get("config"), scope, format, now };
  const head = feedHead(request);

  c.header("ETag", head.etag);
  if (head.lastModifiedMs !== undefined) c.header("Last-Modified", new Date(head.lastModifiedMs).toUTCString());
  c.header("Cache-Control", cacheControl(head.msUntilNextPost));
  c.header("Access-Control-Allow-Origin", "*");
  // A reader in a browser on another site may read the hub from the headers, as WebSub allows.
  c.header("Access-Control-Expose-Headers", "Link, ETag, Last-Modified");
  c.header("Vary", "Accept-Encoding");
  c.header("Link", feedLinkHeader(feedHubs(request.config), scopeFeedUrl(request.config, scope, format)));
  if (isNotModified(c.req.raw.headers, head.etag, head.lastModifiedMs)) return c.body(null, 304);

  const body = await feedBody(request, head, bodies(c.env));
  c.header("Content-Type", head.contentType);
  return c.body(body);
}
