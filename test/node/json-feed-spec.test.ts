import { describe, expect, it, inject } from "vitest";
import { jsonFeed11 } from "../support/json-feed-schema.ts";

const base = inject("baseUrl");

describe("JSON Feed 1.1", () => {
  it.each(["/feed.json", "/events/kubecon-2015/feed.json", "/tags/kubernetes/feed.json"])("%s follows the 1.1 spec", async (path) => {
    const res = await fetch(`${base}${path}`);
    expect(res.headers.get("content-type")).toBe("application/feed+json; charset=utf-8");
    const feed = (await res.json()) as { feed_url: string; hubs?: { type: string; url: string }[]; icon?: string; favicon?: string; items: { authors: unknown[] }[] };
    const result = jsonFeed11.safeParse(feed);
    expect(result.success, JSON.stringify(result.error?.issues)).toBe(true);
    expect(feed).not.toHaveProperty("author");
    expect(feed.feed_url).toBe(`${base}${path}`);
    // The optional fields Herald fills in are there, so the schema has checked them too.
    expect(feed.hubs).toEqual([{ type: "WebSub", url: `${base}/websub` }]);
    expect([feed.icon, feed.favicon]).toEqual([`${base}/feed-icon.png`, `${base}/feed-favicon.png`]);
    for (const item of feed.items) {
      expect(item).not.toHaveProperty("author");
      expect(item.authors.length).toBeGreaterThan(0);
    }
  });

  it("the schema itself rejects what 1.1 forbids", () => {
    const ok = { version: "https://jsonfeed.org/version/1.1", title: "T", items: [{ id: "1", content_text: "x" }] };
    expect(jsonFeed11.safeParse(ok).success).toBe(true);
    expect(jsonFeed11.safeParse({ ...ok, version: "https://jsonfeed.org/version/1" }).success).toBe(false);
    expect(jsonFeed11.safeParse({ ...ok, author: { name: "A" } }).success).toBe(false);
    expect(jsonFeed11.safeParse({ ...ok, items: [{ id: "1" }] }).success).toBe(false);
    expect(jsonFeed11.safeParse({ ...ok, items: [{ id: "1", content_text: "x", date_published: "9 Nov 2015" }] }).success).toBe(false);
    expect(jsonFeed11.safeParse({ ...ok, items: [{ id: "1", content_text: "x" }, { id: "1", content_text: "y" }] }).success).toBe(false);
  });
});
