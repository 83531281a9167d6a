import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { assetBodyStore } from "../../src/assets/asset-body-store.ts";
import { readConfig } from "../../src/config/config.ts";
import { feedTopics, findFeedTopic } from "../../src/feeds/feed-topics.ts";
import { renderFeed } from "../../src/feeds/render-feed.ts";
import { contentIndex } from "../../src/generated/content-index.ts";
import { AFTER_ALL, fetchAt, ORIGIN } from "./app-at.ts";

const page = async (path: string, at: string = AFTER_ALL, init?: RequestInit) => {
  const res = await fetchAt(at, path, init);
  return { res, html: await res.text() };
};

const KUBERNETES = ["kubecon-2015-day-3", "container-night-sf-2015", "kubecon-2015-day-2", "kubecon-2015-day-1"];
/** "storage" is on Day 2 only, published 2015-11-10 at 18:30 in San Francisco. */
const BEFORE_DAY_2 = "2015-11-10T18:29:00-08:00";
const AT_DAY_2 = "2015-11-10T18:30:00-08:00";

describe("tag pages", () => {
  it("list the tag's published posts newest first, with event, day, date and summary", async () => {
    const { res, html } = await page("/tags/kubernetes");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=UTF-8");
    expect(html).toContain("<h1>#kubernetes</h1>");
    expect(html).toContain(`<link rel="canonical" href="${ORIGIN}/tags/kubernetes">`);
    const listed = [...html.matchAll(/<li><a href="http:\/\/127\.0\.0\.1:8787\/posts\/([^"]+)">/g)].map((m) => m[1]);
    expect(listed).toEqual(KUBERNETES);
    expect(html).not.toContain("/posts/hallway-track-escaping");
    expect(html).toContain('<span class="muted">· KubeCon 2015 · Day 2 · <time datetime="2015-11-10T18:30:00-08:00">Tue, November 10, 2015</time></span>');
    expect(html).toContain("Container Night SF 2015 · Day 1");
    expect(html).toMatch(/<span class="summary">[^<]+<\/span>/);
  });

  it("offer the tag's feeds for autodiscovery and as visible links", async () => {
    const { html } = await page("/tags/kubernetes");
    expect(html).toContain(`<link rel="alternate" type="application/rss+xml" title="#kubernetes (RSS)" href="${ORIGIN}/tags/kubernetes/rss.xml">`);
    expect(html).toContain(`<link rel="alternate" type="application/atom+xml" title="#kubernetes (Atom)" href="${ORIGIN}/tags/kubernetes/atom.xml">`);
    expect(html).toContain(`<link rel="alternate" type="application/feed+json" title="#kubernetes (JSON Feed)" href="${ORIGIN}/tags/kubernetes/feed.json">`);
    // The site's own feeds stay discoverable too.
    expect(html).toContain(`<link rel="alternate" type="application/rss+xml" title="Herald Recaps (RSS)" href="${ORIGIN}/rss.xml">`);
    expect(html).toContain(`Follow this tag: <a href="${ORIGIN}/tags/kubernetes/rss.xml">RSS</a> · <a href="${ORIGIN}/tags/kubernetes/atom.xml">Atom</a> · <a href="${ORIGIN}/tags/kubernetes/feed.json">JSON Feed</a>`);
  });

  it("answer the 404 page for a tag no post carries, and for odd spellings", async () => {
    for (const path of ["/tags/no-such-tag", "/tags/Kubernetes", "/tags/%3Cscript%3E", "/tags/100%"]) {
      const { res, html } = await page(path);
      expect(res.status, path).toBe(404);
      expect(html).toContain("<h1>Page not found</h1>");
      expect(html).not.toContain("<script>");
    }
  });

  it("keep a tag that only a scheduled post carries unknown until its time, page, feeds and sitemap alike", async () => {
    for (const path of ["/tags/storage", "/tags/storage/rss.xml", "/tags/storage/atom.xml", "/tags/storage/feed.json"]) {
      expect((await fetchAt(BEFORE_DAY_2, path)).status, path).toBe(404);
      expect((await fetchAt(AT_DAY_2, path)).status, path).toBe(200);
    }
    expect((await page("/sitemap.xml", BEFORE_DAY_2)).html).not.toContain("/tags/storage");
    expect((await page("/sitemap.xml", AT_DAY_2)).html).toContain(`<loc>${ORIGIN}/tags/storage</loc>`);
    // A tag already public does not list the scheduled post before its time either.
    const early = await page("/tags/kubernetes", BEFORE_DAY_2);
    expect(early.html).toContain("/posts/kubecon-2015-day-1");
    expect(early.html).not.toContain("/posts/kubecon-2015-day-2");
  });

  it("answer conditional GETs with 304, and change their ETag when a tagged post goes public", async () => {
    const first = await fetchAt(AFTER_ALL, "/tags/kubernetes");
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"[0-9a-z]+"$/);
    const again = await fetchAt(AFTER_ALL, "/tags/kubernetes", { headers: { "If-None-Match": etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    const before = (await fetchAt(BEFORE_DAY_2, "/tags/kubernetes")).headers.get("etag");
    const after = (await fetchAt(AT_DAY_2, "/tags/kubernetes")).headers.get("etag");
    expect(after).not.toBe(before);
  });

  it("are listed in the sitemap with their newest change", async () => {
    const { html } = await page("/sitemap.xml");
    expect(html).toContain(`<url><loc>${ORIGIN}/tags/kubernetes</loc><lastmod>2015-11-12T01:45:00.000Z</lastmod></url>`);
    expect(html).toContain(`<loc>${ORIGIN}/tags/escaping</loc>`);
  });
});

describe("tag feeds", () => {
  const FEEDS = [
    ["/tags/kubernetes/rss.xml", "application/rss+xml; charset=utf-8"],
    ["/tags/kubernetes/atom.xml", "application/atom+xml; charset=utf-8"],
    ["/tags/kubernetes/feed.json", "application/feed+json; charset=utf-8"],
  ] as const;

  it.each(FEEDS)("%s answers with its content type and validators", async (path, type) => {
    const res = await fetchAt(AFTER_ALL, path);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe(type);
    expect(res.headers.get("etag")).toMatch(/^"[0-9a-z]+"$/);
    expect(res.headers.get("last-modified")).toBe("Thu, 12 Nov 2015 01:45:00 GMT");
    expect(res.headers.get("cache-control")).toBe("public, max-age=300");
  });

  it.each(FEEDS.map(([path]) => path))("%s answers 304 to its own ETag and to If-Modified-Since", async (path) => {
    const res = await fetchAt(AFTER_ALL, path);
    const etag = res.headers.get("etag")!;
    const conditions: Record<string, string>[] = [{ "If-None-Match": etag }, { "If-None-Match": `W/${etag}` }, { "If-Modified-Since": res.headers.get("last-modified")! }];
    for (const headers of conditions) {
      const again = await fetchAt(AFTER_ALL, path, { headers });
      expect(again.status).toBe(304);
      expect(await again.text()).toBe("");
    }
  });

  it("holds exactly the tag's published posts, newest first, under the tag's own id, title and links", async () => {
    const feed = (await (await fetchAt(AFTER_ALL, "/tags/kubernetes/feed.json")).json()) as {
      title: string; home_page_url: string; feed_url: string; description: string; items: { id: string; url: string; tags: string[] }[];
    };
    expect(feed.title).toBe("#kubernetes — Herald Recaps");
    expect(feed.home_page_url).toBe(`${ORIGIN}/tags/kubernetes`);
    expect(feed.feed_url).toBe(`${ORIGIN}/tags/kubernetes/feed.json`);
    expect(feed.description).toContain("#kubernetes");
    expect(feed.items.map((i) => i.id)).toEqual(KUBERNETES.map((slug) => `tag:recaps.example.org,2026:posts/${slug}`));
    for (const item of feed.items) expect(item.tags).toContain("kubernetes");

    const atom = await (await fetchAt(AFTER_ALL, "/tags/kubernetes/atom.xml")).text();
    expect(atom).toContain("<id>tag:recaps.example.org,2026:tags/kubernetes/feed</id>");
    expect(atom).toContain(`<link rel="alternate" type="text/html" href="${ORIGIN}/tags/kubernetes"/>`);
    const rss = await (await fetchAt(AFTER_ALL, "/tags/kubernetes/rss.xml")).text();
    expect(rss).toContain(`<atom:link href="${ORIGIN}/tags/kubernetes/rss.xml" rel="self" type="application/rss+xml"/>`);
    expect(rss).toContain("<title>#kubernetes — Herald Recaps</title>");
    expect([...rss.matchAll(/<guid isPermaLink="false">[^<]+\/([^/<]+)<\/guid>/g)].map((m) => m[1])).toEqual(KUBERNETES);
  });

  it("keeps only FEED_SIZE items and leaves the scheduled ones out", async () => {
    const small = (await (await fetchAt(AFTER_ALL, "/tags/kubernetes/feed.json", undefined, { FEED_SIZE: "2" })).json()) as { items: { id: string }[] };
    expect(small.items.map((i) => i.id.split("/").pop())).toEqual(KUBERNETES.slice(0, 2));
    const early = (await (await fetchAt(BEFORE_DAY_2, "/tags/kubernetes/feed.json")).json()) as { items: { id: string }[] };
    expect(early.items.map((i) => i.id.split("/").pop())).toEqual(["kubecon-2015-day-1"]);
  });

  it("answers 404 for the feeds of a tag no post carries", async () => {
    for (const file of ["rss.xml", "atom.xml", "feed.json"]) expect((await fetchAt(AFTER_ALL, `/tags/no-such-tag/${file}`)).status).toBe(404);
  });
});

describe("one rendering for readers and the hub", () => {
  it.each(["/rss.xml", "/events/kubecon-2015/atom.xml", "/tags/kubernetes/feed.json"])("renderFeed gives %s byte for byte as the route serves it", async (path) => {
    const now = Date.parse(AFTER_ALL);
    const config = readConfig(env);
    const topic = findFeedTopic(config, contentIndex, now, `${ORIGIN}${path}`)!;
    expect(topic).toBeDefined();
    const served = await fetchAt(AFTER_ALL, path);
    const rendered = await renderFeed({ index: contentIndex, config, scope: topic.scope, format: topic.format, now }, assetBodyStore(env.ASSETS));
    expect(rendered.body).toBe(await served.text());
    expect(rendered.etag).toBe(served.headers.get("etag"));
    expect(rendered.contentType).toBe(served.headers.get("content-type"));
  });

  it("lists no feed for a tag before one of its posts is published", async () => {
    const urls = (at: string) => feedTopics({ siteUrl: ORIGIN }, contentIndex, Date.parse(at)).map((t) => t.url);
    expect(urls(BEFORE_DAY_2)).not.toContain(`${ORIGIN}/tags/storage/rss.xml`);
    expect(urls(AT_DAY_2)).toContain(`${ORIGIN}/tags/storage/rss.xml`);
    expect(urls(AT_DAY_2)).toContain(`${ORIGIN}/events/kubecon-2015/feed.json`);
  });
});
