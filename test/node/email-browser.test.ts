/// <reference lib="dom" />
// The daily email in a real browser at phone and desktop-client widths.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { useBrowser } from "../support/browser.ts";

const base = inject("baseUrl");
const browser = useBrowser({ beforeAll, afterAll });

describe.each([375, 600])("the daily email at %i px", (width) => {
  it.each(["2015-11-09", "2015-11-11"])("%s shows no horizontal overflow", async (date) => {
    const res = await fetch(`${base}/api/preview/${date}`, { headers: { Authorization: "Bearer test-author-token-0001" } });
    const html = await res.text();
    const context = await browser().newContext({ viewport: { width, height: 900 }, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: "load" });
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    // Every image loaded (alt text is checked by the worker tests).
    const broken = await page.$$eval("img", (imgs) => imgs.filter((i) => !(i as HTMLImageElement).complete || (i as HTMLImageElement).naturalWidth === 0).map((i) => (i as HTMLImageElement).src));
    expect(broken).toEqual([]);
    await page.screenshot({ path: `test-results/email-${date}-${width}.png`, fullPage: true });
    await context.close();
  });

  it("stays readable in dark mode", async () => {
    const html = await (await fetch(`${base}/api/preview/2015-11-09`, { headers: { Authorization: "Bearer test-author-token-0001" } })).text();
    const context = await browser().newContext({ viewport: { width, height: 900 }, colorScheme: "dark", javaScriptEnabled: false });
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: "load" });
    const colours = await page.$eval(".card div", (el) => {
      const card = el.closest(".card") as HTMLElement;
      return { text: getComputedStyle(el).color, background: getComputedStyle(card).backgroundColor };
    });
    expect(colours.background).toBe("rgb(31, 31, 36)");
    expect(colours.text).toBe("rgb(233, 233, 238)");
    await page.screenshot({ path: `test-results/email-dark-${width}.png` });
    await context.close();
  });
});
