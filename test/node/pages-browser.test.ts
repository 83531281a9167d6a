/// <reference lib="dom" />
// Pages in a real browser at phone and desktop widths, with JavaScript off.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { useBrowser } from "../support/browser.ts";

const base = inject("baseUrl");
const browser = useBrowser({ beforeAll, afterAll });

describe.each([375, 1024])("pages at %i px", (width) => {
  it.each(["/", "/posts/kubecon-2015-day-1", "/posts/hallway-track-escaping", "/events/kubecon-2015", "/posts/missing"])(
    "%s fits the width without scrolling sideways and needs no JavaScript",
    async (path) => {
      const context = await browser().newContext({ viewport: { width, height: 800 }, javaScriptEnabled: false });
      const page = await context.newPage();
      const failed: string[] = [];
      page.on("response", (r) => r.url() !== `${base}${path}` && r.status() >= 400 && failed.push(`${r.status()} ${r.url()}`));
      page.on("console", (m) => m.type() === "error" && !m.text().includes("status of 404") && failed.push(m.text()));
      const res = await page.goto(`${base}${path}`);
      expect(res!.status()).toBe(path === "/posts/missing" ? 404 : 200);
      const { scrollWidth, clientWidth } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
      }));
      expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
      // Every image and the stylesheet loaded under the page's CSP, and styles applied.
      expect(failed).toEqual([]);
      expect(await page.locator("header.site").evaluate((el) => getComputedStyle(el).display)).toBe("flex");
      await page.screenshot({ path: `test-results/page-${width}${path.replace(/\//g, "_") || "_home"}.png`, fullPage: true });
      await context.close();
    },
  );

  it("shows the subscribe form on the home page", async () => {
    const context = await browser().newContext({ viewport: { width, height: 800 }, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base}/`);
    await expect.poll(() => page.getByLabel("Get each day's recap by email").isVisible()).toBe(true);
    expect(await page.getByRole("button", { name: "Subscribe" }).isVisible()).toBe(true);
    await context.close();
  });
});
