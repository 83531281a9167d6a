import { describe, expect, it } from "vitest";
import { AFTER_ALL, fetchAt, ORIGIN } from "./app-at.ts";

const dayLinks = async (slug: string, at: string = AFTER_ALL) => {
  const html = await (await fetchAt(at, `/posts/${slug}`)).text();
  const nav = /<nav class="day-links"[^>]*>([\s\S]*?)<\/nav>/.exec(html)?.[1] ?? "";
  const link = (rel: string) => {
    const m = new RegExp(`<a rel="${rel}" href="${ORIGIN}/posts/([^"]+)">([^<]*)</a>`).exec(nav);
    return m ? { slug: m[1], label: m[2] } : undefined;
  };
  return { html, nav, prev: link("prev"), next: link("next") };
};

describe("previous and next links on post pages", () => {
  it("the first day has only a next link, labelled with its day and title", async () => {
    const { prev, next } = await dayLinks("kubecon-2015-day-1");
    expect(prev).toBeUndefined();
    expect(next).toEqual({ slug: "kubecon-2015-day-2", label: "KubeCon 2015 — Day 2: Stateful apps, secrets and autoscaling →" });
  });

  it("a middle post links both ways, by publication time within its event only", async () => {
    // Container Night (another event) was published between Day 2 and the hallway post.
    const day2 = await dayLinks("kubecon-2015-day-2");
    expect(day2.prev?.slug).toBe("kubecon-2015-day-1");
    // The title says its day already, so the label does not say it twice.
    expect(day2.prev?.label).toBe("← KubeCon 2015 — Day 1: Kubernetes 1.1, a live upgrade and federation plans");
    expect(day2.next?.slug).toBe("hallway-track-escaping");
    // Its title is escaped in the label like everywhere else.
    expect(day2.next?.label).toBe("Day 3: Hallway track: &lt;kubectl&gt; &amp; &quot;quotes&quot; — &#39;apostrophes&#39;, 🚢 emoji, コンテナ &amp; Ελληνικά →");
  });

  it("the last post has only a previous link", async () => {
    const { prev, next } = await dayLinks("kubecon-2015-day-3");
    expect(prev?.slug).toBe("hallway-track-escaping");
    expect(next).toBeUndefined();
  });

  it("a post alone in its event has no day links at all", async () => {
    const { html } = await dayLinks("container-night-sf-2015");
    expect(html).not.toContain('class="day-links"');
  });

  it("never links a post that is not published yet, and does once it is", async () => {
    const beforeDay2 = await dayLinks("kubecon-2015-day-1", "2015-11-10T18:29:00-08:00");
    expect(beforeDay2.next).toBeUndefined();
    // (Day 1's own text links to Day 2, which answers 404 until then; the day links must not.)
    expect(beforeDay2.html).not.toContain('rel="next"');
    expect(beforeDay2.nav).toBe("");
    const atDay2 = await dayLinks("kubecon-2015-day-1", "2015-11-10T18:30:00-08:00");
    expect(atDay2.next?.slug).toBe("kubecon-2015-day-2");
    // The page's ETag moves with it, so a cached copy without the link is not kept.
    const etag = async (at: string) => (await fetchAt(at, "/posts/kubecon-2015-day-1")).headers.get("etag");
    expect(await etag("2015-11-10T18:30:00-08:00")).not.toBe(await etag("2015-11-10T18:29:00-08:00"));
  });

  it("links each of the post's tags to its tag page", async () => {
    const { html } = await dayLinks("kubecon-2015-day-2");
    expect(html).toContain(`<p class="tags"><a href="${ORIGIN}/tags/kubernetes">#kubernetes</a> <a href="${ORIGIN}/tags/storage">#storage</a> `);
    for (const tag of ["kubernetes", "storage", "security", "autoscaling", "operations"]) {
      expect((await fetchAt(AFTER_ALL, `/tags/${tag}`)).status, tag).toBe(200);
    }
  });
});
