/// <reference lib="dom" />
// The daily email in a real browser at phone and desktop-client widths, loaded from the
// preview as the Worker serves it (its headers, its Content-Security-Policy and all).
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { useBrowser } from "../support/browser.ts";
import { TEST_WORKER_SECRETS } from "../support/local-worker.ts";

const base = inject("baseUrl");
const browser = useBrowser({ beforeAll, afterAll });

/** Navigates to the day's preview, with the author token on that request alone. */
async function openPreview(page: Page, date: string) {
  const url = `${base}/api/preview/${date}`;
  await page.route(url, (route) => route.continue({ headers: { ...route.request().headers(), authorization: `Bearer ${TEST_WORKER_SECRETS.AUTHOR_TOKEN}` } }));
  const res = await page.goto(url, { waitUntil: "load" });
  expect(res!.status()).toBe(200);
}

describe.each([375, 600])("the daily email at %i px", (width) => {
  it.each(["2015-11-09", "2015-11-11"])("%s shows no horizontal overflow", async (date) => {
    const context = await browser().newContext({ viewport: { width, height: 900 }, javaScriptEnabled: false });
    const page = await context.newPage();
    await openPreview(page, date);
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
    const context = await browser().newContext({ viewport: { width, height: 900 }, colorScheme: "dark", javaScriptEnabled: false });
    const page = await context.newPage();
    await openPreview(page, "2015-11-09");
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
