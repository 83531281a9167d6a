import { describe, expect, it } from "vitest";
import { diskBodyStore } from "../../src/build/disk-body-store.ts";
import { dailyPosts } from "../../src/email/daily-posts.ts";
import { HTML_BUDGET_BYTES, renderDailyEmail } from "../../src/email/render-daily.ts";
import { renderWelcome } from "../../src/email/render-welcome.ts";
import { contentIndex } from "../../src/generated/content-index.ts";

const settings = { siteUrl: "https://recaps.example.org", siteTitle: "Herald Recaps", postalAddress: "1 Sample Street", timezone: "America/Los_Angeles" };
const posts = () => dailyPosts(contentIndex, diskBodyStore(".herald/assets"), "2015-11-11", { sendAt: "19:00", timezone: settings.timezone }, Date.now());
const bytes = (s: string) => Buffer.byteLength(s, "utf8");

describe("the size budget", () => {
  it("keeps whole posts when they fit", async () => {
    const full = renderDailyEmail(settings, "2015-11-11", await posts(), { mode: "email" });
    expect(full.summarized).toEqual([]);
    expect(full.overBudget).toBeUndefined();
    expect(full.html).toContain("Overheard between sessions</h3>");
  });

  it("turns the biggest posts into summaries with a web link, one by one, until the HTML fits", async () => {
    const day = await posts();
    const full = renderDailyEmail(settings, "2015-11-11", day, { mode: "email" });
    const budget = bytes(full.html) - 500; // just too small for everything
    const trimmed = renderDailyEmail(settings, "2015-11-11", day, { mode: "email", budgetBytes: budget });
    expect(trimmed.summarized).toHaveLength(1);
    expect(bytes(trimmed.html)).toBeLessThanOrEqual(budget);
    const biggest = [...day].sort((a, b) => bytes(b.body.html) - bytes(a.body.html))[0]!;
    expect(trimmed.summarized).toEqual([biggest.meta.slug]);
    expect(trimmed.html).toContain(`<a href="https://recaps.example.org/posts/${biggest.meta.slug}" style="color:#1f5fbf;font-weight:600;">Read on the web →</a>`);
    expect(trimmed.text).toContain(`Read on the web: https://recaps.example.org/posts/${biggest.meta.slug}`);
    expect(trimmed.overBudget).toBeUndefined();
  });

  it("says so when even summaries do not fit", async () => {
    const tiny = renderDailyEmail(settings, "2015-11-11", await posts(), { mode: "email", budgetBytes: 5_000 });
    expect(tiny.summarized).toHaveLength(2);
    expect(tiny.overBudget).toBe(true);
  });
});

describe("the welcome's size", () => {
  it("a long event's days so far (two weeks, six posts a day, long titles and summaries) stay within the HTML budget", () => {
    const event = { ...contentIndex.events.find((e) => e.slug === "kubecon-2015")!, end: "2015-11-22" };
    const days = Array.from({ length: 14 }, (_, d) => ({
      day: d + 1,
      posts: Array.from({ length: 6 }, (_, i) => ({ ...contentIndex.posts[0]!, slug: `day-${d + 1}-post-${i}`, title: "A long recap title & <something> ".repeat(3), summary: "A summary of two sentences that goes on a while. ".repeat(4) })),
    }));
    const to = { email: "reader@example.com", unsubscribeUrl: "https://recaps.example.org/unsubscribe?token=u", preferencesUrl: "https://recaps.example.org/preferences?token=p" };
    const welcome = renderWelcome(settings, event, days, to);
    expect(welcome.postSlugs).toHaveLength(84);
    expect(bytes(welcome.html)).toBeLessThanOrEqual(HTML_BUDGET_BYTES);
  });
});
