/// <reference lib="dom" />
// The desk's Subscribers and Alerts pages in Chromium at a phone's width, against the shared
// `wrangler dev` Worker: sign in through the form, see the counts and the chart, import a CSV
// through the file input and read its report, find the imported addresses, and erase one,
// which asks first (going back keeps it); then the Alerts page. Every page is checked for CSP
// violations, console errors and sideways scrolling.
import type { Page, Response } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { useBrowser } from "../support/browser.ts";
import { TEST_WORKER_SECRETS } from "../support/local-worker.ts";
import { checkPage } from "../support/page-check.ts";

const base = inject("baseUrl");
const browser = useBrowser({ beforeAll, afterAll });
const tag = crypto.randomUUID().slice(0, 8);
const KEPT = `desk-kept-${tag}@example.com`;
const ERASED = `desk-erased-${tag}@example.com`;
const CSV = ["email,events", KEPT, ERASED, KEPT.toUpperCase(), "not an address", ""].join("\n");

/** Clicks a button or link that leads to a new document; answers that document's response (after any redirect). */
async function follow(page: Page, click: () => Promise<void>): Promise<Response | null> {
  const lands = (r: Response) => r.request().isNavigationRequest() && r.request().frame() === page.mainFrame() && (r.status() < 300 || r.status() >= 400);
  const [response] = await Promise.all([page.waitForResponse(lands), click()]);
  await page.waitForLoadState("load");
  return response;
}

describe("the desk's Subscribers and Alerts pages", () => {
  it("sign in, counts and chart, import a file, search, erase after asking, alerts", { timeout: 120_000 }, async () => {
    const context = await browser().newContext({ viewport: { width: 375, height: 800 } });
    const pages: Page[] = [];
    /** Opens a page the way `visit` reaches it and checks it; answers the page. */
    const check = async (name: string, visit: (page: Page) => Promise<Response | null>, status = 200) => {
      const { page, response, problems } = await checkPage(context, base, visit);
      pages.push(page);
      // Named in the message: what sticks out past the window, if anything does.
      const wide = await page.evaluate(() => Array.from(document.querySelectorAll("body *")).filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1).slice(0, 8).map((el) => `${el.tagName.toLowerCase()}.${el.className}`));
      expect(problems, `${name} (wider than the window: ${wide.join(", ") || "nothing"})`).toEqual([]);
      expect(response?.status(), name).toBe(status);
      await page.screenshot({ path: `test-results/desk-subscribers-${name}.png`, fullPage: true });
      return page;
    };
    const searchFor = async (page: Page, text: string) => {
      await page.getByLabel("Address, or part of one").fill(text);
      await follow(page, () => page.getByRole("button", { name: "Search" }).click());
    };
    const results = (page: Page) => page.locator("table.search-results td.address").allInnerTexts();
    try {
      // Sign in through the form, asked for from the subscribers page.
      const subscribers = await check("signed-in", async (page) => {
        await page.goto(`${base}/admin/subscribers`);
        expect(page.url()).toBe(`${base}/admin/sign-in?next=%2Fadmin%2Fsubscribers`);
        await page.getByLabel("Author token").fill(TEST_WORKER_SECRETS.AUTHOR_TOKEN);
        return follow(page, () => page.getByRole("button", { name: "Sign in" }).click());
      });
      expect(subscribers.url()).toBe(`${base}/admin/subscribers`);
      await expect.poll(() => subscribers.getByRole("heading", { level: 1, name: "Subscribers" }).isVisible()).toBe(true);
      expect(await subscribers.locator("ul.counts li").count()).toBe(6);
      const chart = subscribers.locator('figure.chart svg[role="img"]');
      expect(await chart.locator("rect.bar").count()).toBe(90);
      expect(await chart.getAttribute("aria-labelledby")).toBeTruthy();
      // The chart's figures as a table, one row a day, behind a disclosure.
      await subscribers.getByText("The same figures as a table").click();
      expect(await subscribers.locator("details table tbody tr").count()).toBe(90);

      // Import a small CSV through the file input (consent asserted: no confirmation mails).
      const report = await check("import-report", async (page) => {
        await page.goto(`${base}/admin/subscribers`);
        await page.getByLabel("CSV file").setInputFiles({ name: "list.csv", mimeType: "text/csv", buffer: Buffer.from(CSV) });
        await page.getByLabel("Every address on this list agreed to receive this newsletter").check();
        return follow(page, () => page.getByRole("button", { name: "Import the list" }).click());
      });
      expect(await report.getByRole("heading", { level: 1, name: "Import report" }).isVisible()).toBe(true);
      expect(await report.getByRole("status").innerText()).toContain("2 added as active (consent asserted).");
      const rows = await report.locator("table.import-report tbody tr").evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll("td")).slice(0, 3).map((td) => td.textContent)));
      expect(rows).toEqual([
        ["4", `${KEPT.split("@")[0]!.toUpperCase()}@example.com`, "skipped (duplicate)"],
        ["5", "not an address", "refused"],
      ]);
      // What the file held, as a quotation (the browser draws its quote marks).
      const held = report.locator("table.import-report tbody tr").nth(1).locator("td.address q");
      expect(await held.innerText()).toBe("not an address");
      expect(await held.evaluate((q) => getComputedStyle(q, "::before").content)).toBe("open-quote");

      // Search finds both, and shows what they follow.
      const found = await check("search", async (page) => {
        await page.goto(`${base}/admin/subscribers`);
        await page.getByLabel("Address, or part of one").fill(tag);
        return follow(page, () => page.getByRole("button", { name: "Search" }).click());
      });
      expect((await results(found)).sort()).toEqual([ERASED, KEPT]);
      expect(await found.locator("table.search-results").innerText()).toContain("everything");

      // Erase asks first: the confirmation page, with the address still on the list.
      const confirm = await check("erase-confirmation", async (page) => {
        await page.goto(found.url());
        return follow(page, () => page.getByRole("link", { name: `Erase ${ERASED}`, exact: true }).click());
      });
      expect(await confirm.getByRole("heading", { level: 1 }).innerText()).toBe(`Erase ${ERASED}?`);
      expect(await confirm.locator("main").innerText()).toContain("This cannot be undone.");
      // Going back keeps it.
      await follow(confirm, () => confirm.getByRole("link", { name: `Keep ${ERASED} and go back` }).click());
      expect(await results(confirm)).toEqual([ERASED]);
      // Pressed again and confirmed, it is gone; the other stays.
      await follow(confirm, () => confirm.getByRole("link", { name: `Erase ${ERASED}`, exact: true }).click());
      const erased = await check("erased", async (page) => {
        await page.goto(confirm.url());
        return follow(page, () => page.getByRole("button", { name: `Erase ${ERASED} for good` }).click());
      });
      expect(erased.url()).toBe(`${base}/admin/subscribers?erased=1`);
      expect(await erased.getByRole("status").first().innerText()).toMatch(/^The subscriber was erased/);
      await searchFor(erased, tag);
      expect(await results(erased)).toEqual([KEPT]);
      await searchFor(erased, ERASED);
      expect(await erased.getByText(`No address contains “${ERASED}”.`).isVisible()).toBe(true);

      // The Alerts page renders, from the navigation.
      const alerts = await check("alerts", async (page) => {
        await page.goto(`${base}/admin/subscribers`);
        return follow(page, () => page.getByRole("navigation", { name: "Desk" }).getByRole("link", { name: "Alerts" }).click());
      });
      expect(await alerts.getByRole("heading", { level: 1, name: "Alerts" }).isVisible()).toBe(true);
    } finally {
      for (const page of pages) await page.close();
      await context.close();
    }
  });
});
