// /rss.xml, /atom.xml, /feed.json and the same under /events/:event/.
import { Hono, type Context } from "hono";
import type { AppEnv } from "../app-env.ts";
import { findEvent, lastChangeMs, msUntilNextPublication, publishedPosts } from "../content/published.ts";
import { FEED_FILES, feedUrl, type FeedFormat } from "../content/urls.ts";
import { renderAtom } from "../feeds/atom.ts";
import { feedHubs } from "../feeds/feed-hubs.ts";
import { feedLinkHeader } from "../feeds/feed-link-header.ts";
import { buildFeedModel } from "../feeds/feed-model.ts";
import { renderJsonFeed } from "../feeds/json-feed.ts";
import { pollingHint } from "../feeds/polling-hint.ts";
import { scopeEvents } from "../feeds/scope-events.ts";
import { renderRss } from "../feeds/rss.ts";
import { etagOf, isNotModified } from "../http/conditional-get.ts";
import { cacheControl } from "../http/cache-control.ts";
import { PromiseCache } from "../util/promise-cache.ts";

const CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: "application/rss+xml; charset=utf-8",
  atom: "application/atom+xml; charset=utf-8",
  json: "application/feed+json; charset=utf-8",
};
const SERIALIZERS = { rss: renderRss, atom: renderAtom, json: renderJsonFeed };

// Serialized feeds, keyed by every input that shapes them, so an entry never goes stale.
const rendered = new PromiseCache<string, string>(64);

export const feedRoutes = new Hono<AppEnv>();

for (const format of Object.keys(FEED_FILES) as FeedFormat[]) {
  feedRoutes.get(`/${FEED_FILES[format]}`, (c) => serveFeed(c, format));
  feedRoutes.get(`/events/:event/${FEED_FILES[format]}`, (c) => serveFeed(c, format, c.req.param("event")));
}

async function serveFeed(c: Context<AppEnv>, format: FeedFormat, eventSlug?: string): Promise<Response> {
  const config = c.get("config");
  const { index, now: clock, bodies } = c.get("deps");
  const now = clock();
  const event = eventSlug === undefined ? undefined : findEvent(index, eventSlug);
  if (eventSlug !== undefined && !event) return c.notFound();

  const allPublished = publishedPosts(index, now, event?.slug);
  const posts = allPublished.slice(0, config.feedSize);
  const polling = pollingHint(scopeEvents(index, event ? { kind: "event", event } : { kind: "site" }), now);
  // Posts are ordered by publication time, so the number published fixes which ones.
  const inputs = [
    index.buildId, format, event?.slug ?? "", allPublished.length, config.siteUrl, config.siteTitle, config.tagAuthority, config.feedSize,
    config.websubHubs.join(" "), polling.ttlMinutes, polling.updatePeriod, polling.updateFrequency,
  ];
  const etag = etagOf(inputs);
  // The newest change among the items, or the newest publication (a post going public may
  // push an older one out), never later than now.
  const lastModifiedMs = posts.length ? Math.min(now, Math.max(...posts.map(lastChangeMs), posts[0]!.publishedMs)) : undefined;

  c.header("ETag", etag);
  if (lastModifiedMs !== undefined) c.header("Last-Modified", new Date(lastModifiedMs).toUTCString());
  c.header("Cache-Control", cacheControl(msUntilNextPublication(index, now)));
  c.header("Access-Control-Allow-Origin", "*");
  c.header("Vary", "Accept-Encoding");
  c.header("Link", feedLinkHeader(feedHubs(config), feedUrl(config, format, event?.slug)));
  if (isNotModified(c.req.raw.headers, etag, lastModifiedMs)) return c.body(null, 304);

  const store = bodies(c.env);
  const body = rendered.get(inputs.join("\u0000"), () =>
    Promise.all(posts.map(async (p) => [p.slug, (await store.get(p.bodyPath)).html] as const)).then((entries) =>
      SERIALIZERS[format](buildFeedModel(config, event, posts, new Map(entries), polling)),
    ),
  );
  c.header("Content-Type", CONTENT_TYPES[format]);
  return c.body(await body);
}
