import { describe, expect, it } from "vitest";
import { AFTER_ALL, fetchAt, ORIGIN } from "./app-at.ts";

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

describe("discovery: every feed names its hubs and itself", () => {
  const HUB = `${ORIGIN}/websub`;
  const EXTERNAL = { WEBSUB_HUBS: "https://pubsubhubbub.example.com/, https://hub.example.net/push" };
  const linkHeader = (hubs: string[], self: string) => [...hubs.map((h) => `<${h}>; rel="hub"`), `<${self}>; rel="self"`].join(", ");

  it.each([...FEEDS.map(([path]) => path), "/tags/kubernetes/rss.xml", "/tags/kubernetes/atom.xml", "/tags/kubernetes/feed.json"])("%s answers with a Link header naming Herald's hub and the feed, on 200 and on 304", async (path) => {
    const res = await fetchAt(AFTER_ALL, path);
    expect(res.headers.get("link")).toBe(linkHeader([HUB], `${ORIGIN}${path}`));
    expect(res.headers.get("access-control-expose-headers")).toBe("Link, ETag, Last-Modified");
    const notModified = await fetchAt(AFTER_ALL, path, { headers: { "If-None-Match": res.headers.get("etag")! } });
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get("link")).toBe(linkHeader([HUB], `${ORIGIN}${path}`));
  });

  it.each(["", "/events/kubecon-2015", "/tags/kubernetes"])("names the hub and self in the bodies of %s/'s three feeds", async (scope) => {
    const rss = await (await fetchAt(AFTER_ALL, `${scope}/rss.xml`)).text();
    expect(rss).toContain(`<atom:link href="${ORIGIN}${scope}/rss.xml" rel="self" type="application/rss+xml"/>`);
    expect(rss).toContain(`<atom:link href="${HUB}" rel="hub"/>`);
    const atom = await (await fetchAt(AFTER_ALL, `${scope}/atom.xml`)).text();
    expect(atom).toContain(`<link rel="self" type="application/atom+xml" href="${ORIGIN}${scope}/atom.xml"/>`);
    expect(atom).toContain(`<link rel="hub" href="${HUB}"/>`);
    const json = (await (await fetchAt(AFTER_ALL, `${scope}/feed.json`)).json()) as { feed_url: string; hubs: unknown };
    expect(json.feed_url).toBe(`${ORIGIN}${scope}/feed.json`);
    expect(json.hubs).toEqual([{ type: "WebSub", url: HUB }]);
  });

  it("names the external hubs of WEBSUB_HUBS after Herald's own, in every format and header", async () => {
    const hubs = [HUB, "https://pubsubhubbub.example.com/", "https://hub.example.net/push"];
    for (const path of ["/rss.xml", "/events/kubecon-2015/atom.xml", "/feed.json"]) {
      const res = await fetchAt(AFTER_ALL, path, undefined, EXTERNAL);
      expect(res.headers.get("link")).toBe(linkHeader(hubs, `${ORIGIN}${path}`));
      const body = await res.text();
      if (path.endsWith(".json")) expect((JSON.parse(body) as { hubs: unknown }).hubs).toEqual(hubs.map((url) => ({ type: "WebSub", url })));
      else for (const hub of hubs) expect(body).toContain(path.endsWith("rss.xml") ? `<atom:link href="${hub}" rel="hub"/>` : `<link rel="hub" href="${hub}"/>`);
    }
  });

  it("gives a feed another ETag when its hubs change, so no reader keeps a copy that names old ones", async () => {
    const plain = await fetchAt(AFTER_ALL, "/rss.xml");
    const withExternal = await fetchAt(AFTER_ALL, "/rss.xml", { headers: { "If-None-Match": plain.headers.get("etag")! } }, EXTERNAL);
    expect(withExternal.status).toBe(200);
    expect(await withExternal.text()).toContain('<atom:link href="https://pubsubhubbub.example.com/" rel="hub"/>');
    expect(await (await fetchAt(AFTER_ALL, "/rss.xml")).text()).not.toContain("pubsubhubbub.example.com");
  });

  it("moves the hub with SITE_URL, and the self link with it", async () => {
    const res = await fetchAt(AFTER_ALL, "/events/kubecon-2015/feed.json", undefined, { SITE_URL: "https://news.example.net/recaps" });
    expect(res.headers.get("link")).toBe(linkHeader(["https://news.example.net/recaps/websub"], "https://news.example.net/recaps/events/kubecon-2015/feed.json"));
  });
});

describe("polling hints in RSS", () => {
  const hintOf = (rss: string) => ({
    ttl: /<ttl>(\d+)<\/ttl>/.exec(rss)?.[1],
    period: /<sy:updatePeriod>(\w+)<\/sy:updatePeriod>/.exec(rss)?.[1],
    frequency: /<sy:updateFrequency>(\d+)<\/sy:updateFrequency>/.exec(rss)?.[1],
  });
  const rssAt = async (at: string, path = "/rss.xml") => (await fetchAt(at, path)).text();

  it("declares the syndication module it uses", async () => {
    expect(await rssAt(AFTER_ALL)).toContain('xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"');
  });

  it.each([
    ["long after every event", AFTER_ALL, "/rss.xml", { ttl: "1440", period: "daily", frequency: "1" }],
    ["a week before KubeCon", "2015-11-02T12:00:00-08:00", "/rss.xml", { ttl: "1440", period: "daily", frequency: "1" }],
    ["the day before KubeCon", "2015-11-08T12:00:00-08:00", "/rss.xml", { ttl: "360", period: "daily", frequency: "4" }],
    ["during KubeCon", "2015-11-10T12:00:00-08:00", "/rss.xml", { ttl: "60", period: "hourly", frequency: "1" }],
    ["the morning after KubeCon", "2015-11-12T09:00:00-08:00", "/events/kubecon-2015/rss.xml", { ttl: "60", period: "hourly", frequency: "1" }],
    // Each event feed goes by its own event: Container Night is the day after KubeCon's first.
    ["KubeCon's first day, Container Night's feed", "2015-11-09T12:00:00-08:00", "/events/container-night-sf-2015/rss.xml", { ttl: "360", period: "daily", frequency: "4" }],
    ["KubeCon's first day, KubeCon's feed", "2015-11-09T12:00:00-08:00", "/events/kubecon-2015/rss.xml", { ttl: "60", period: "hourly", frequency: "1" }],
    ["a week after KubeCon", "2015-11-19T12:00:00-08:00", "/events/kubecon-2015/rss.xml", { ttl: "1440", period: "daily", frequency: "1" }],
    // A tag's feed goes by the events of the tag's posts.
    ["during KubeCon, a tag of its posts", "2015-11-10T20:00:00-08:00", "/tags/kubernetes/rss.xml", { ttl: "60", period: "hourly", frequency: "1" }],
    ["long after, the same tag", AFTER_ALL, "/tags/kubernetes/rss.xml", { ttl: "1440", period: "daily", frequency: "1" }],
  ])("%s: %s", async (_name, at, path, hint) => {
    expect(hintOf(await rssAt(at, path))).toEqual(hint);
  });

  it("changes the ETag when the hint changes, and keeps it while the hint and the posts stay", async () => {
    const etag = async (at: string) => (await fetchAt(at, "/events/kubecon-2015/rss.xml")).headers.get("etag");
    // Every KubeCon post is out by the 11th's evening; the 12th is still "on", the 13th is not.
    expect(await etag("2015-11-12T01:00:00-08:00")).toBe(await etag("2015-11-12T23:00:00-08:00"));
    expect(await etag("2015-11-13T01:00:00-08:00")).not.toBe(await etag("2015-11-12T23:00:00-08:00"));
    expect(await etag("2015-11-13T01:00:00-08:00")).toBe(await etag(AFTER_ALL));
  });
});

describe("feed images", () => {
  /** Width and height from a PNG's IHDR chunk, or undefined if the bytes are not a PNG. */
  const pngSize = (bytes: Uint8Array) => {
    const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
    if (!signature.every((b, i) => bytes[i] === b) || new TextDecoder().decode(bytes.slice(12, 16)) !== "IHDR") return undefined;
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    return { width: view.getUint32(16), height: view.getUint32(20) };
  };
  const served = async (url: string) => {
    expect(url.startsWith(ORIGIN)).toBe(true);
    const res = await fetchAt(AFTER_ALL, url.slice(ORIGIN.length));
    expect(res.status, url).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    return pngSize(new Uint8Array(await res.arrayBuffer()));
  };

  it("RSS names an image within 144 × 400 with the channel's title and link, and serves it at that size", async () => {
    const rss = await (await fetchAt(AFTER_ALL, "/events/kubecon-2015/rss.xml")).text();
    const image = /<image><url>([^<]+)<\/url><title>([^<]+)<\/title><link>([^<]+)<\/link><width>(\d+)<\/width><height>(\d+)<\/height><\/image>/.exec(rss);
    expect(image).not.toBeNull();
    const [, url, title, link, width, height] = image!;
    expect(title).toBe(/<channel>\n<title>([^<]+)<\/title>/.exec(rss)![1]);
    expect(link).toBe(`${ORIGIN}/events/kubecon-2015`);
    expect(Number(width)).toBeLessThanOrEqual(144);
    expect(Number(height)).toBeLessThanOrEqual(400);
    expect(await served(url!)).toEqual({ width: Number(width), height: Number(height) });
  });

  it("Atom names a square icon and a logo twice as wide as tall", async () => {
    const atom = await (await fetchAt(AFTER_ALL, "/atom.xml")).text();
    const icon = await served(/<icon>([^<]+)<\/icon>/.exec(atom)![1]!);
    const logo = await served(/<logo>([^<]+)<\/logo>/.exec(atom)![1]!);
    expect(icon!.width).toBe(icon!.height);
    expect(logo!.width).toBe(2 * logo!.height);
  });

  it("JSON Feed names a 512 px icon and a 64 px favicon", async () => {
    const json = (await (await fetchAt(AFTER_ALL, "/feed.json")).json()) as { icon: string; favicon: string };
    expect(await served(json.icon)).toEqual({ width: 512, height: 512 });
    expect(await served(json.favicon)).toEqual({ width: 64, height: 64 });
  });
});
