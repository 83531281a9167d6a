import { describe, expect, it } from "vitest";
import { AFTER_ALL, fetchAt } from "./app-at.ts";

const FEEDS = [
  ["/rss.xml", "application/rss+xml; charset=utf-8"],
  ["/atom.xml", "application/atom+xml; charset=utf-8"],
  ["/feed.json", "application/feed+json; charset=utf-8"],
  ["/events/kubecon-2015/rss.xml", "application/rss+xml; charset=utf-8"],
  ["/events/kubecon-2015/atom.xml", "application/atom+xml; charset=utf-8"],
  ["/events/kubecon-2015/feed.json", "application/feed+json; charset=utf-8"],
] as const;

const jsonFeed = async (at: string, path = "/feed.json", vars: Partial<Env> = {}) =>
  (await (await fetchAt(at, path, undefined, vars)).json()) as { version: string; items: { id: string; url: string; title: string; date_published: string; content_html: string }[] };

describe("feed routes", () => {
  it.each(FEEDS)("%s answers with its content type and cache validators", async (path, type) => {
    const res = await fetchAt(AFTER_ALL, path);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe(type);
    expect(res.headers.get("etag")).toMatch(/^"[0-9a-z]+"$/);
    expect(res.headers.get("last-modified")).toBe("Thu, 12 Nov 2015 01:45:00 GMT");
    expect(res.headers.get("cache-control")).toBe("public, max-age=300");
    expect((await res.text()).length).toBeGreaterThan(1000);
  });

  it("answers 404 for the feeds of an unknown event", async () => {
    for (const file of ["rss.xml", "atom.xml", "feed.json"]) {
      expect((await fetchAt(AFTER_ALL, `/events/no-such-event/${file}`)).status).toBe(404);
    }
  });

  it("lists posts newest first with absolute links only", async () => {
    const feed = await jsonFeed(AFTER_ALL);
    expect(feed.version).toBe("https://jsonfeed.org/version/1.1");
    expect(feed.items.map((i) => i.id)).toEqual([
      "tag:recaps.example.org,2026:posts/kubecon-2015-day-3",
      "tag:recaps.example.org,2026:posts/hallway-track-escaping",
      "tag:recaps.example.org,2026:posts/container-night-sf-2015",
      "tag:recaps.example.org,2026:posts/kubecon-2015-day-2",
      "tag:recaps.example.org,2026:posts/kubecon-2015-day-1",
    ]);
    for (const item of feed.items) {
      expect(item.url).toMatch(/^http:\/\/127\.0\.0\.1:8787\/posts\//);
      expect(item.content_html).not.toMatch(/(href|src)="(?!https?:|mailto:)/);
    }
    const day1 = feed.items.find((i) => i.id.endsWith("day-1"))!;
    expect(day1.content_html).toContain('src="http://127.0.0.1:8787/images/rolling-update.svg"');
    expect(day1.content_html).toContain('href="http://127.0.0.1:8787/posts/kubecon-2015-day-2"');
  });

  it("keeps only the newest FEED_SIZE posts", async () => {
    const feed = await jsonFeed(AFTER_ALL, "/feed.json", { FEED_SIZE: "2" });
    expect(feed.items.map((i) => i.id.split("/").pop())).toEqual(["kubecon-2015-day-3", "hallway-track-escaping"]);
  });

  it("makes body links absolute under a SITE_URL with a path", async () => {
    const moved = await jsonFeed(AFTER_ALL, "/feed.json", { SITE_URL: "https://news.example.net/recaps" });
    const day1 = moved.items.find((i) => i.id.endsWith("day-1"))!;
    expect(day1.content_html).toContain('src="https://news.example.net/recaps/images/rolling-update.svg"');
    expect(day1.content_html).toContain('href="https://news.example.net/recaps/posts/kubecon-2015-day-2"');
  });

  it("keeps ids when the site moves to another host, and moves the links", async () => {
    const here = await jsonFeed(AFTER_ALL);
    const moved = await jsonFeed(AFTER_ALL, "/feed.json", { SITE_URL: "https://news.example.net/recaps" });
    expect(moved.items.map((i) => i.id)).toEqual(here.items.map((i) => i.id));
    expect(moved.items[0]!.url).toBe("https://news.example.net/recaps/posts/kubecon-2015-day-3");
    const rss = await (await fetchAt(AFTER_ALL, "/rss.xml", undefined, { SITE_URL: "https://news.example.net/recaps" })).text();
    expect(rss).toContain('<guid isPermaLink="false">tag:recaps.example.org,2026:posts/kubecon-2015-day-1</guid>');
    expect(rss).toContain('<atom:link href="https://news.example.net/recaps/rss.xml" rel="self" type="application/rss+xml"/>');
  });

  it("holds back posts dated in the future until their time comes", async () => {
    const beforeDay2 = "2015-11-10T18:29:00-08:00";
    const early = await jsonFeed(beforeDay2);
    expect(early.items.map((i) => i.id.split("/").pop())).toEqual(["kubecon-2015-day-1"]);
    const res = await fetchAt(beforeDay2, "/rss.xml");
    // The cache may not outlive the wait for the next post (one minute here).
    expect(res.headers.get("cache-control")).toBe("public, max-age=60");
    expect(await res.text()).not.toContain("posts/kubecon-2015-day-2</guid>");
    expect((await fetchAt(beforeDay2, "/posts/kubecon-2015-day-2")).status).toBe(404);

    const later = await jsonFeed("2015-11-10T18:30:00-08:00");
    expect(later.items.map((i) => i.id.split("/").pop())).toEqual(["kubecon-2015-day-2", "kubecon-2015-day-1"]);
    const etagBefore = (await fetchAt(beforeDay2, "/atom.xml")).headers.get("etag");
    const etagAfter = (await fetchAt("2015-11-10T18:30:00-08:00", "/atom.xml")).headers.get("etag");
    expect(etagAfter).not.toBe(etagBefore);
  });

  it("escapes the awkward title in RSS and Atom and keeps it intact in JSON", async () => {
    const title = `Hallway track: <kubectl> & "quotes" — 'apostrophes', 🚢 emoji, コンテナ & Ελληνικά`;
    const escaped = "Hallway track: &lt;kubectl&gt; &amp; &quot;quotes&quot; — &apos;apostrophes&apos;, 🚢 emoji, コンテナ &amp; Ελληνικά";
    expect(await (await fetchAt(AFTER_ALL, "/rss.xml")).text()).toContain(`<title>${escaped}</title>`);
    expect(await (await fetchAt(AFTER_ALL, "/atom.xml")).text()).toContain(`<title type="text">${escaped}</title>`);
    expect((await jsonFeed(AFTER_ALL)).items.map((i) => i.title)).toContain(title);
  });
});

describe("conditional GET on feeds", () => {
  const validators = async (path: string) => {
    const res = await fetchAt(AFTER_ALL, path);
    return { etag: res.headers.get("etag")!, lastModified: res.headers.get("last-modified")! };
  };

  it.each(FEEDS.map(([path]) => path))("%s answers 304 with no body for its own ETag, strong or weak", async (path) => {
    const { etag } = await validators(path);
    for (const tag of [etag, `W/${etag}`, `"other", W/${etag}`, "*"]) {
      const res = await fetchAt(AFTER_ALL, path, { headers: { "If-None-Match": tag } });
      expect(res.status).toBe(304);
      expect(res.headers.get("etag")).toBe(etag);
      expect(await res.text()).toBe("");
    }
  });

  it("answers 200 to a stale ETag and to an older If-Modified-Since", async () => {
    const { lastModified } = await validators("/rss.xml");
    expect((await fetchAt(AFTER_ALL, "/rss.xml", { headers: { "If-None-Match": '"stale"' } })).status).toBe(200);
    const older = new Date(Date.parse(lastModified) - 1000).toUTCString();
    expect((await fetchAt(AFTER_ALL, "/rss.xml", { headers: { "If-Modified-Since": older } })).status).toBe(200);
  });

  it("answers 304 to If-Modified-Since at or after Last-Modified, unless If-None-Match disagrees", async () => {
    const { lastModified } = await validators("/atom.xml");
    expect((await fetchAt(AFTER_ALL, "/atom.xml", { headers: { "If-Modified-Since": lastModified } })).status).toBe(304);
    const both = { "If-Modified-Since": lastModified, "If-None-Match": '"stale"' };
    expect((await fetchAt(AFTER_ALL, "/atom.xml", { headers: both })).status).toBe(200);
    expect((await fetchAt(AFTER_ALL, "/atom.xml", { headers: { "If-Modified-Since": "not a date" } })).status).toBe(200);
  });

  it("moves Last-Modified when a post goes public, so If-Modified-Since clients see it", async () => {
    const before = "2015-11-10T18:29:00-08:00";
    const lastModified = (await fetchAt(before, "/rss.xml")).headers.get("last-modified")!;
    expect(lastModified).toBe("Tue, 10 Nov 2015 02:30:00 GMT"); // Day 1's publication
    expect((await fetchAt(before, "/rss.xml", { headers: { "If-Modified-Since": lastModified } })).status).toBe(304);
    const after = await fetchAt("2015-11-10T18:31:00-08:00", "/rss.xml", { headers: { "If-Modified-Since": lastModified } });
    expect(after.status).toBe(200);
    // Day 2 carries an update dated the next morning; until then Last-Modified is now.
    expect(after.headers.get("last-modified")).toBe("Wed, 11 Nov 2015 02:31:00 GMT");
  });

  it("never sends a Last-Modified later than now, even for an update dated ahead", async () => {
    // Day 2 is updated at 2015-11-11T09:15-08:00; look just before that.
    const res = await fetchAt("2015-11-11T09:00:00-08:00", "/rss.xml");
    expect(Date.parse(res.headers.get("last-modified")!)).toBeLessThanOrEqual(Date.parse("2015-11-11T09:00:00-08:00"));
  });

  it("answers HEAD with the headers of GET and no body", async () => {
    const get = await fetchAt(AFTER_ALL, "/feed.json");
    const head = await fetchAt(AFTER_ALL, "/feed.json", { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("etag")).toBe(get.headers.get("etag"));
    expect(head.headers.get("content-type")).toBe(get.headers.get("content-type"));
    expect(await head.text()).toBe("");
  });
});
