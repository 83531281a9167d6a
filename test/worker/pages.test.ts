import { describe, expect, it } from "vitest";
import { AFTER_ALL, fetchAt, ORIGIN } from "./app-at.ts";

const page = async (path: string, at = AFTER_ALL) => {
  const res = await fetchAt(at, path);
  return { res, html: await res.text() };
};

const AUTODISCOVERY = [
  `<link rel="alternate" type="application/rss+xml" title="Herald Recaps (RSS)" href="${ORIGIN}/rss.xml">`,
  `<link rel="alternate" type="application/atom+xml" title="Herald Recaps (Atom)" href="${ORIGIN}/atom.xml">`,
  `<link rel="alternate" type="application/feed+json" title="Herald Recaps (JSON Feed)" href="${ORIGIN}/feed.json">`,
];

describe("web pages", () => {
  it("home lists the latest recaps by event and day, with the subscribe form and feed links", async () => {
    const { res, html } = await page("/");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=UTF-8");
    expect(html).toContain(`<link rel="canonical" href="${ORIGIN}/">`);
    for (const link of AUTODISCOVERY) expect(html).toContain(link);
    expect(html).toContain(`<a href="${ORIGIN}/events/kubecon-2015">KubeCon 2015</a>`);
    expect(html.indexOf("<h3>Day 3</h3>")).toBeLessThan(html.indexOf("<h3>Day 1</h3>"));
    expect(html).toMatch(/<form class="subscribe" method="post" action="http:\/\/127\.0\.0\.1:8787\/subscribe">/);
    expect(html).toContain('<input id="subscribe-email" type="email" name="email" required');
    expect(html).not.toContain("<script");
  });

  it("a post page has its table of contents pointing at real anchors, Open Graph tags and its event's feeds", async () => {
    const { res, html } = await page("/posts/kubecon-2015-day-1");
    expect(res.status).toBe(200);
    expect(html).toContain(`<link rel="canonical" href="${ORIGIN}/posts/kubecon-2015-day-1">`);
    expect(html).toContain('<meta property="og:type" content="article">');
    expect(html).toContain(`<meta property="og:url" content="${ORIGIN}/posts/kubecon-2015-day-1">`);
    expect(html).toContain(`href="${ORIGIN}/events/kubecon-2015/atom.xml"`);
    for (const link of AUTODISCOVERY) expect(html).toContain(link);
    const tocIds = [...html.matchAll(/<li><a href="#([^"]+)">/g)].map((m) => m[1]);
    expect(tocIds).toContain("release-day-and-the-opening-keynote");
    expect(tocIds.length).toBeGreaterThanOrEqual(3);
    for (const id of tocIds) expect(html).toContain(`<h2 id="${id}">`);
    // Subsections are anchored but stay out of the table of contents.
    expect(html).toContain('<h3 id="networking-through-cni">');
    expect(tocIds).not.toContain("networking-through-cni");
    expect(html).toContain(`<img src="${ORIGIN}/images/rolling-update.svg" alt="Diagram of a rolling update" />`);
    // Link previews show no SVG: they get the PNG the build made for emails.
    expect(html).toContain(`<meta property="og:image" content="${ORIGIN}/images/rolling-update.2x.png">`);
    expect(html).toContain('<meta property="og:image:alt" content="Diagram of a rolling update">');
  });

  it("escapes the awkward post everywhere and keeps none of its hostile HTML", async () => {
    const { html } = await page("/posts/hallway-track-escaping");
    const escaped = "Hallway track: &lt;kubectl&gt; &amp; &quot;quotes&quot; — &#39;apostrophes&#39;, 🚢 emoji, コンテナ &amp; Ελληνικά";
    expect(html).toContain(`<title>${escaped} — Herald Recaps</title>`);
    expect(html).toContain(`<h1>${escaped}</h1>`);
    expect(html).toContain(`<meta property="og:title" content="${escaped}">`);
    expect(html).not.toMatch(/<script|onerror|javascript:/i);
    expect(html).toContain('<abbr title="Container Network Interface">CNI</abbr>');
    expect(html).toContain("kubectl logs &lt;pod&gt; &amp;&amp; kubectl describe pod &lt;pod&gt;");
    expect(html).toContain('<pre><code class="language-yaml">');
  });

  it("an event page lists its posts day by day, oldest day first", async () => {
    const { res, html } = await page("/events/kubecon-2015");
    expect(res.status).toBe(200);
    expect(html).toContain("<h1>KubeCon 2015</h1>");
    expect(html.indexOf("<h2>Day 1</h2>")).toBeLessThan(html.indexOf("<h2>Day 3</h2>"));
    expect(html).toContain(`href="${ORIGIN}/events/kubecon-2015/feed.json"`);
  });

  it("answers a useful 404 page for unknown posts, events and paths", async () => {
    for (const path of ["/posts/no-such-post", "/events/no-such-event", "/nothing/here"]) {
      const { res, html } = await page(path);
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toBe("text/html; charset=UTF-8");
      expect(html).toContain("<h1>Page not found</h1>");
      expect(html).toContain("Latest recaps");
    }
    for (const path of ["/posts/100%", "/posts/%E0%A4%A", "/nothing/%zz"]) {
      const bad = await page(path);
      expect(bad.res.status).toBe(404);
      expect(bad.html).toContain("<h1>Page not found</h1>");
    }
    const { html } = await page("/posts/kubecon-2015-day");
    expect(html).toContain("Did you mean");
    expect(html).toContain(`${ORIGIN}/posts/kubecon-2015-day-1`);
  });

  it("never serves pre-rendered bodies directly, not even of published posts", async () => {
    const { res } = await page("/posts/kubecon-2015-day-1");
    expect(res.status).toBe(200);
    const { contentIndex } = await import("../../src/generated/content-index.ts");
    const bodyPath = contentIndex.posts.find((p) => p.slug === "kubecon-2015-day-1")!.bodyPath;
    const direct = await page(bodyPath);
    expect(direct.res.status).toBe(404);
    expect(direct.html).not.toContain("Brendan Burns");
  });

  it("serves content images from the static assets", async () => {
    const res = await fetchAt(AFTER_ALL, "/images/rolling-update.svg");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/svg+xml");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect((await fetchAt(AFTER_ALL, "/images/missing.png")).status).toBe(404);
    const png = await fetchAt(AFTER_ALL, "/images/rolling-update.2x.png");
    expect(png.status).toBe(200);
    expect(png.headers.get("content-type")).toBe("image/png");
    expect([...new Uint8Array(await png.arrayBuffer()).slice(1, 4)]).toEqual([0x50, 0x4e, 0x47]); // "PNG"
  });

  it("serves the site's icons and links them from every page", async () => {
    const { html } = await page("/");
    expect(html).toContain(`<link rel="icon" href="${ORIGIN}/favicon.ico" sizes="16x16 32x32 48x48">`);
    expect(html).toContain(`<link rel="apple-touch-icon" href="${ORIGIN}/apple-touch-icon.png">`);
    const ico = await fetchAt(AFTER_ALL, "/favicon.ico");
    expect(ico.status).toBe(200);
    expect(ico.headers.get("content-type")).toMatch(/^image\//);
    const bytes = new Uint8Array(await ico.arrayBuffer());
    const view = new DataView(bytes.buffer);
    expect([view.getUint16(0, true), view.getUint16(2, true), view.getUint16(4, true)]).toEqual([0, 1, 3]); // an icon of three images
    for (let i = 0; i < 3; i++) {
      expect(bytes[6 + 16 * i]).toBe([16, 32, 48][i]);
      const at = view.getUint32(6 + 16 * i + 12, true);
      expect([...bytes.slice(at + 1, at + 4)]).toEqual([0x50, 0x4e, 0x47]); // each a PNG
    }
    const touch = await fetchAt(AFTER_ALL, "/apple-touch-icon.png");
    expect(touch.status).toBe(200);
    expect(touch.headers.get("content-type")).toBe("image/png");
  });

  it("sets security headers on pages", async () => {
    const { res } = await page("/");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(res.headers.get("content-security-policy")).toContain("style-src 'self';");
    expect(res.headers.get("content-security-policy")).not.toContain("unsafe");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
  });

  it("answers conditional GETs of pages with 304", async () => {
    const first = await fetchAt(AFTER_ALL, "/posts/kubecon-2015-day-2");
    const etag = first.headers.get("etag")!;
    const again = await fetchAt(AFTER_ALL, "/posts/kubecon-2015-day-2", { headers: { "If-None-Match": `W/${etag}` } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
  });

  it("lists the home page, events and published posts in the sitemap", async () => {
    const { res, html } = await page("/sitemap.xml");
    expect(res.headers.get("content-type")).toBe("application/xml; charset=utf-8");
    expect(html).toContain(`<loc>${ORIGIN}/</loc>`);
    expect(html).toContain(`<loc>${ORIGIN}/events/kubecon-2015</loc>`);
    expect(html).toContain(`<url><loc>${ORIGIN}/posts/kubecon-2015-day-2</loc><lastmod>2015-11-11T17:15:00.000Z</lastmod></url>`);
    const early = await page("/sitemap.xml", "2015-11-09T20:00:00-08:00");
    expect(early.html).toContain("kubecon-2015-day-1");
    expect(early.html).not.toContain("kubecon-2015-day-2");
  });
});
