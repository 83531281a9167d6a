// The feeds read back by three independent parsers: Python's feedparser, rss-parser
// (xml2js) and feedsmith (fast-xml-parser).
import { spawnSync } from "node:child_process";
import { parseFeed } from "feedsmith";
import Parser from "rss-parser";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { samplePosts, toUtcSeconds, type SourcePost } from "../support/sample-posts.ts";

const base = inject("baseUrl");
const TAG = "tag:recaps.example.org,2026:posts/";
const AWKWARD = "hallway-track-escaping";

interface PyEntry {
  id: string; guidislink: boolean; link: string; title: string; published: string; updated: string;
  authors: string[]; tags: string[]; summary: string; content: string[];
}
interface PyFeed { bozo: boolean; bozo_exception: string; version: string; title: string; links: { rel: string; href: string }[]; entries: PyEntry[] }

function feedparser(xml: string): PyFeed {
  const run = spawnSync("/usr/bin/python3", ["test/support/parse_feed.py"], { input: xml, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`feedparser failed (is python3-feedparser installed? see README): ${run.stderr}`);
  return JSON.parse(run.stdout) as PyFeed;
}

/** What a reader shows for an HTML field (feedparser keeps RSS descriptions as HTML). */
const htmlToText = (html: string) =>
  html.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");
const textOf = (t: unknown) => (typeof t === "string" ? t : (t as { value: string }).value);

const text = async (path: string) => {
  const res = await fetch(`${base}${path}`);
  expect(res.status).toBe(200);
  return res.text();
};

let posts: SourcePost[];

describe.each(["", "/events/kubecon-2015"])("feeds at %s/", (scope) => {
  beforeAll(() => {
    posts = samplePosts(scope ? { event: scope.split("/").pop()! } : {});
    expect(posts.length).toBeGreaterThan(0);
  });

  it("RSS 2.0 reads back intact in feedparser", async () => {
    const feed = feedparser(await text(`${scope}/rss.xml`));
    expect(feed.bozo, feed.bozo_exception).toBe(false);
    expect(feed.version).toBe("rss20");
    expect(feed.links.find((l) => l.rel === "self")?.href).toBe(`${base}${scope}/rss.xml`);
    expect(feed.entries.map((e) => e.id)).toEqual(posts.map((p) => `${TAG}${p.slug}`));
    feed.entries.forEach((entry, i) => {
      const post = posts[i]!;
      expect(entry.guidislink).toBe(false);
      expect(entry.link).toBe(`${base}/posts/${post.slug}`);
      expect(entry.title).toBe(post.title);
      expect(entry.published).toBe(toUtcSeconds(post.date));
      expect(entry.authors.length > 0 ? entry.authors : []).toEqual(expect.arrayContaining([post.authors[0]!.name]));
      expect(entry.tags).toEqual(post.tags);
      expect(htmlToText(entry.summary)).toBe(post.summary);
      expect(entry.content[0]).toContain('<h2 id="');
    });
  });

  it("Atom 1.0 reads back intact in feedparser", async () => {
    const feed = feedparser(await text(`${scope}/atom.xml`));
    expect(feed.bozo, feed.bozo_exception).toBe(false);
    expect(feed.version).toBe("atom10");
    expect(feed.links.find((l) => l.rel === "self")?.href).toBe(`${base}${scope}/atom.xml`);
    expect(feed.entries.map((e) => e.id)).toEqual(posts.map((p) => `${TAG}${p.slug}`));
    feed.entries.forEach((entry, i) => {
      const post = posts[i]!;
      expect(entry.id).toBe(`${TAG}${post.slug}`);
      expect(entry.link).toBe(`${base}/posts/${post.slug}`);
      expect(entry.title).toBe(post.title);
      expect(entry.published).toBe(toUtcSeconds(post.date));
      expect(entry.updated).toBe(toUtcSeconds(post.updated ?? post.date));
      expect(entry.authors).toEqual(post.authors.map((a) => a.name));
      expect(entry.tags).toEqual(post.tags);
      expect(entry.summary).toBe(post.summary);
    });
  });

  it("RSS and Atom read back intact in rss-parser", async () => {
    const parser = new Parser();
    for (const file of ["rss.xml", "atom.xml"]) {
      const feed = await parser.parseString(await text(`${scope}/${file}`));
      expect(feed.items.map((i) => i.link)).toEqual(posts.map((p) => `${base}/posts/${p.slug}`));
      expect(feed.items.map((i) => i.title)).toEqual(posts.map((p) => p.title));
      expect(feed.items.map((i) => i.isoDate)).toEqual(posts.map((p) => new Date(p.date).toISOString()));
      expect(feed.items.map((i) => i.guid ?? i.id)).toEqual(posts.map((p) => `${TAG}${p.slug}`));
    }
  });

  it("all three formats read back intact in feedsmith", async () => {
    const rss = parseFeed(await text(`${scope}/rss.xml`));
    const atom = parseFeed(await text(`${scope}/atom.xml`));
    const json = parseFeed(JSON.parse(await text(`${scope}/feed.json`)));
    expect([rss.format, atom.format, json.format]).toEqual(["rss", "atom", "json"]);
    if (rss.format !== "rss" || atom.format !== "atom" || json.format !== "json") throw new Error("unreachable");
    expect(rss.feed.items!.map((i) => i.guid?.value)).toEqual(posts.map((p) => `${TAG}${p.slug}`));
    expect(rss.feed.items!.map((i) => i.title)).toEqual(posts.map((p) => p.title));
    expect(atom.feed.entries!.map((e) => textOf(e.title))).toEqual(posts.map((p) => p.title));
    expect(atom.feed.entries!.map((e) => e.published)).toEqual(posts.map((p) => p.date));
    expect(json.feed.items!.map((i) => i.id)).toEqual(posts.map((p) => `${TAG}${p.slug}`));
    expect(json.feed.items!.map((i) => i.title)).toEqual(posts.map((p) => p.title));
    expect(json.feed.items!.map((i) => i.date_published)).toEqual(posts.map((p) => p.date));
    expect(json.feed.items!.map((i) => i.summary)).toEqual(posts.map((p) => p.summary));
  });
});

describe("the awkward post", () => {
  beforeAll(() => {
    posts = samplePosts();
  });

  it("keeps its title, summary and body text intact in every format", async () => {
    const post = posts.find((p) => p.slug === AWKWARD)!;
    const rss = feedparser(await text("/rss.xml")).entries.find((e) => e.id.endsWith(AWKWARD))!;
    const atom = feedparser(await text("/atom.xml")).entries.find((e) => e.id.endsWith(AWKWARD))!;
    const json = (JSON.parse(await text("/feed.json")) as { items: { id: string; title: string; summary: string; content_html: string }[] }).items.find((i) => i.id.endsWith(AWKWARD))!;
    expect(rss.title).toBe(post.title);
    expect(htmlToText(rss.summary)).toBe(post.summary);
    expect(atom.title).toBe(post.title);
    expect(atom.summary).toBe(post.summary);
    expect(json.title).toBe(post.title);
    expect(json.summary).toBe(post.summary);
    for (const body of [rss.content[0]!, atom.content[0]!, json.content_html]) {
      expect(body).toContain("コンテナ");
      expect(body).toContain("κοντέινερ");
      expect(body).toContain("🚢");
      expect(body).toContain("kubectl logs &lt;pod&gt; &amp;&amp; kubectl describe pod &lt;pod&gt;");
      expect(body).toContain("# replace &lt;name&gt; &amp; &lt;image&gt; before applying");
      expect(body).not.toMatch(/<script|onerror|javascript:/i);
    }
  });
});

// What a reader needs besides the posts: where to subscribe for pushes (WebSub hub and the
// topic, the self link), how often to poll, and which images to show. The Worker here runs on
// today's clock, long after the sample events, so the hints are the quiet ones.
interface PyFeedHead extends PyFeed {
  image: { href: string; title: string; link: string; width: number; height: number } | null;
  icon: string | null; logo: string | null; ttl: string | null;
  sy_updateperiod: string | null; sy_updatefrequency: string | null;
}
type AtomLink = { $: { rel?: string; href: string } };

describe.each(["", "/events/kubecon-2015", "/tags/kubernetes"])("discovery, polling hints and images at %s/, in every reader", (scope) => {
  const hub = `${base}/websub`;
  const self = (file: string) => `${base}${scope}/${file}`;
  const home = scope ? `${base}${scope}` : `${base}/`;
  const linksOf = (links: { rel?: string; href: string }[]) => links.filter((l) => l.rel === "hub" || l.rel === "self").map((l) => [l.rel, l.href]);

  it("feedparser sees the hub and self links, the ttl and sy: hints and the images", async () => {
    const rss = feedparser(await text(`${scope}/rss.xml`)) as PyFeedHead;
    expect(rss.bozo, rss.bozo_exception).toBe(false);
    expect(linksOf(rss.links)).toEqual([["self", self("rss.xml")], ["hub", hub]]);
    expect([rss.ttl, rss.sy_updateperiod, rss.sy_updatefrequency]).toEqual(["1440", "daily", "1"]);
    expect(rss.image).toEqual({ href: `${base}/feed-image.png`, title: rss.title, link: home, width: 144, height: 144 });
    const atom = feedparser(await text(`${scope}/atom.xml`)) as PyFeedHead;
    expect(atom.bozo, atom.bozo_exception).toBe(false);
    expect(linksOf(atom.links)).toEqual([["self", self("atom.xml")], ["hub", hub]]);
    expect([atom.icon, atom.logo]).toEqual([`${base}/feed-icon.png`, `${base}/feed-logo.png`]);
  });

  it("rss-parser, asked for them, sees the hub and self links, the hints and the images", async () => {
    type Head = { atomLinks?: AtomLink[]; links?: AtomLink[]; ttl?: string; period?: string; frequency?: string; icon?: string; logo?: string };
    // rss-parser takes [element, field, options] for feed fields too, though its types list bare names only.
    const feedFields = [["atom:link", "atomLinks", { keepArray: true }], ["link", "links", { keepArray: true }], "ttl", ["sy:updatePeriod", "period"], ["sy:updateFrequency", "frequency"], "icon", "logo"];
    const parser = new Parser<Head>({ customFields: { feed: feedFields as unknown as (keyof Head)[] } });
    const rss = await parser.parseString(await text(`${scope}/rss.xml`));
    expect(linksOf(rss.atomLinks!.map((l) => l.$))).toEqual([["self", self("rss.xml")], ["hub", hub]]);
    expect([rss.ttl, rss.period, rss.frequency]).toEqual(["1440", "daily", "1"]);
    expect(rss.image).toEqual({ url: `${base}/feed-image.png`, title: rss.title, link: home, width: "144", height: "144" });
    const atom = await parser.parseString(await text(`${scope}/atom.xml`));
    expect(linksOf(atom.links!.map((l) => l.$))).toEqual([["self", self("atom.xml")], ["hub", hub]]);
    expect([atom.icon, atom.logo]).toEqual([`${base}/feed-icon.png`, `${base}/feed-logo.png`]);
  });

  it("feedsmith sees the hubs and self links in all three formats, the hints and the images", async () => {
    const rss = parseFeed(await text(`${scope}/rss.xml`));
    const atom = parseFeed(await text(`${scope}/atom.xml`));
    const json = parseFeed(JSON.parse(await text(`${scope}/feed.json`)));
    if (rss.format !== "rss" || atom.format !== "atom" || json.format !== "json") throw new Error("a feed was read as another format");
    expect(linksOf(rss.feed.atom!.links! as { rel?: string; href: string }[])).toEqual([["self", self("rss.xml")], ["hub", hub]]);
    expect(rss.feed.ttl).toBe(1440);
    expect(rss.feed.sy).toEqual({ updatePeriod: "daily", updateFrequency: 1 });
    expect(rss.feed.image).toEqual({ url: `${base}/feed-image.png`, title: rss.feed.title, link: home, width: 144, height: 144 });
    expect(linksOf(atom.feed.links! as { rel?: string; href: string }[])).toEqual([["self", self("atom.xml")], ["hub", hub]]);
    expect([atom.feed.icon, atom.feed.logo]).toEqual([`${base}/feed-icon.png`, `${base}/feed-logo.png`]);
    expect(json.feed.feed_url).toBe(self("feed.json"));
    expect(json.feed.hubs).toEqual([{ type: "WebSub", url: hub }]);
    expect([json.feed.icon, json.feed.favicon]).toEqual([`${base}/feed-icon.png`, `${base}/feed-favicon.png`]);
  });

  it("the Link header of each format names the same hub and self as its body", async () => {
    for (const file of ["rss.xml", "atom.xml", "feed.json"]) {
      const res = await fetch(self(file));
      expect(res.headers.get("link")).toBe(`<${hub}>; rel="hub", <${self(file)}>; rel="self"`);
    }
  });
});

// A tag's feeds: the same serializers over the tag's posts, under the tag's own title and links.
describe("a tag's feeds in all three readers", () => {
  const scope = "/tags/kubernetes";
  let tagged: SourcePost[];
  beforeAll(() => {
    tagged = samplePosts({ tag: "kubernetes" });
    expect(tagged.length).toBeGreaterThan(1);
    expect(tagged.length).toBeLessThan(samplePosts().length);
  });

  it("RSS and Atom read back in feedparser with the tag's title, self link and items", async () => {
    for (const [file, version] of [["rss.xml", "rss20"], ["atom.xml", "atom10"]] as const) {
      const feed = feedparser(await text(`${scope}/${file}`));
      expect(feed.bozo, feed.bozo_exception).toBe(false);
      expect(feed.version).toBe(version);
      expect(feed.title).toBe("#kubernetes — Herald Recaps");
      expect(feed.links.find((l) => l.rel === "self")?.href).toBe(`${base}${scope}/${file}`);
      expect(feed.entries.map((e) => e.id)).toEqual(tagged.map((p) => `${TAG}${p.slug}`));
      feed.entries.forEach((entry, i) => {
        expect(entry.link).toBe(`${base}/posts/${tagged[i]!.slug}`);
        expect(entry.title).toBe(tagged[i]!.title);
        expect(entry.published).toBe(toUtcSeconds(tagged[i]!.date));
        expect(entry.tags).toContain("kubernetes");
      });
    }
  });

  it("RSS and Atom read back in rss-parser", async () => {
    const parser = new Parser();
    for (const file of ["rss.xml", "atom.xml"]) {
      const feed = await parser.parseString(await text(`${scope}/${file}`));
      expect(feed.title).toBe("#kubernetes — Herald Recaps");
      expect(feed.items.map((i) => i.link)).toEqual(tagged.map((p) => `${base}/posts/${p.slug}`));
      expect(feed.items.map((i) => i.isoDate)).toEqual(tagged.map((p) => new Date(p.date).toISOString()));
      expect(feed.items.map((i) => i.guid ?? i.id)).toEqual(tagged.map((p) => `${TAG}${p.slug}`));
    }
  });

  it("all three formats read back in feedsmith", async () => {
    const rss = parseFeed(await text(`${scope}/rss.xml`));
    const atom = parseFeed(await text(`${scope}/atom.xml`));
    const json = parseFeed(JSON.parse(await text(`${scope}/feed.json`)));
    if (rss.format !== "rss" || atom.format !== "atom" || json.format !== "json") throw new Error(`read as ${rss.format}, ${atom.format}, ${json.format}`);
    expect(rss.feed.items!.map((i) => i.guid?.value)).toEqual(tagged.map((p) => `${TAG}${p.slug}`));
    expect(atom.feed.id).toBe("tag:recaps.example.org,2026:tags/kubernetes/feed");
    expect(atom.feed.entries!.map((e) => textOf(e.title))).toEqual(tagged.map((p) => p.title));
    expect(json.feed.title).toBe("#kubernetes — Herald Recaps");
    expect(json.feed.home_page_url).toBe(`${base}${scope}`);
    expect(json.feed.items!.map((i) => i.id)).toEqual(tagged.map((p) => `${TAG}${p.slug}`));
    expect(json.feed.items!.map((i) => i.date_published)).toEqual(tagged.map((p) => p.date));
  });
});
