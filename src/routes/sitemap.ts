// /sitemap.xml: the home page, every event, every tag with a published post and every published post.
import { Hono } from "hono";
import type { AppEnv } from "../app-env.ts";
import { lastChangeMs, msUntilNextPublication, publishedPosts } from "../content/published.ts";
import { cacheControl } from "../http/cache-control.ts";
import { postsWithTag, publishedTags } from "../content/tags.ts";
import { eventUrl, postUrl, siteHomeUrl, tagUrl } from "../content/urls.ts";
import { escapeXml } from "../feeds/xml.ts";

export const sitemapRoute = new Hono<AppEnv>();

sitemapRoute.get("/sitemap.xml", (c) => {
  const config = c.get("config");
  const { index, now } = c.get("deps");
  const at = now();
  const posts = publishedPosts(index, at);
  const url = (loc: string, lastmodMs?: number) =>
    `<url><loc>${escapeXml(loc)}</loc>${lastmodMs ? `<lastmod>${new Date(lastmodMs).toISOString()}</lastmod>` : ""}</url>`;
  const body = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    url(siteHomeUrl(config), posts[0] && lastChangeMs(posts[0])),
    ...index.events.map((e) => url(eventUrl(config, e.slug))),
    // A tag page changes when one of its posts does (or a new one is published).
    ...publishedTags(index, at).map((tag) => url(tagUrl(config, tag), Math.max(...postsWithTag(index, at, tag).map(lastChangeMs)))),
    ...posts.map((p) => url(postUrl(config, p.slug), lastChangeMs(p))),
    "</urlset>",
    "",
  ].join("\n");
  c.header("Cache-Control", cacheControl(msUntilNextPublication(index, at)));
  return c.body(body, 200, { "Content-Type": "application/xml; charset=utf-8" });
});
