/// <reference lib="dom" />
// A person subscribing from a phone, in a real browser with JavaScript off.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { useBrowser } from "../support/browser.ts";
import { SEND_CONDITION_MS, SENDING_TEST_MS } from "../support/send-timeouts.ts";

const base = inject("baseUrl");
const sesUrl = inject("sesUrl");
const browser = useBrowser({ beforeAll, afterAll });

describe("the subscribe form at 375 px", () => {
  it("takes an address and says to check the inbox, where the confirmation waits", async () => {
    const email = `phone-${crypto.randomUUID().slice(0, 8)}@example.com`;
    const context = await browser().newContext({ viewport: { width: 375, height: 800 }, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base}/`);
    await page.getByLabel("Get each day's recap by email").fill(email);
    await page.getByRole("button", { name: "Subscribe" }).click();
    await page.waitForURL(`${base}/subscribe`);
    await expect.poll(() => page.getByRole("heading", { name: "Check your inbox" }).isVisible()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    await page.screenshot({ path: "test-results/subscribe-375.png" });

    // The confirmation is sent after the answer; give it a moment to reach the local SES inbox.
    await expect
      .poll(async () => {
        const store = (await (await fetch(`${sesUrl}/store`)).json()) as { emails: { destination: { to: string[] }; subject: string }[] };
        return store.emails.filter((m) => m.destination.to.includes(email)).map((m) => m.subject);
      }, { timeout: SEND_CONDITION_MS })
      .toEqual(["Confirm your subscription to Herald Recaps"]);
    await context.close();
  }, SENDING_TEST_MS);
});
