/// <reference lib="dom" />
// Pages in a real browser at phone and desktop widths, with JavaScript off. Every page's
// CSP, requests, console and width are checked in every-page-browser.test.ts.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { useBrowser } from "../support/browser.ts";

const base = inject("baseUrl");
const browser = useBrowser({ beforeAll, afterAll });

describe.each([375, 1024])("the home page at %i px", (width) => {
  it("shows the subscribe form, with JavaScript off", async () => {
    const context = await browser().newContext({ viewport: { width, height: 800 }, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base}/`);
    await expect.poll(() => page.getByLabel("Get each day's recap by email").isVisible()).toBe(true);
    expect(await page.getByRole("button", { name: "Subscribe" }).isVisible()).toBe(true);
    await context.close();
  });
});
