/// <reference lib="dom" />
// The desk in Chromium against the shared `wrangler dev` Worker, the way an author uses it:
// sign in (a wrong token first), look at tonight's email in its frame and as text, send a
// test to the local SES inbox, then send the day's email to a few hundred local subscribers
// from the send-now form and its confirmation, watch it move, pause it, resume it, see it
// finish with everyone mailed once and its chart drawn (a second author whose session ends
// meanwhile is told so by the live page), and sign out for good.
// The date is 2015-11-09: the other tests on the shared Worker send 2015-11-10 and -11.
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { useBrowser } from "../support/browser.ts";
import { mailFor } from "../support/local-inbox.ts";
import { TEST_WORKER_SECRETS } from "../support/local-worker.ts";
import { checkPage } from "../support/page-check.ts";
import { SESSION_ENDED } from "../../src/desk/send-progress-script.ts";
import { rescueStalledSend } from "../support/queue-rescue.ts";
import { SEND_CONDITION_MS } from "../support/send-timeouts.ts";

const base = inject("baseUrl");
const sesUrl = inject("sesUrl");
const stateDir = inject("stateDir");
const browser = useBrowser({ beforeAll, afterAll });
const api = { Authorization: `Bearer ${TEST_WORKER_SECRETS.AUTHOR_TOKEN}` };

const DATE = "2015-11-09";
const PEOPLE = 300;
const domain = `desk-${crypto.randomUUID().slice(0, 8)}.example`;
const people = Array.from({ length: PEOPLE }, (_, i) => `reader-${i}@${domain}`);

let context: BrowserContext;
let page: Page;
/** What the desk's own pages (and the send page's script) made the browser complain of. */
const complaints: string[] = [];

beforeAll(async () => {
  const csv = ["email", ...people].join("\n");
  const imported = await fetch(`${base}/api/subscribers/import?consent=asserted`, { method: "POST", headers: { ...api, "Content-Type": "text/csv" }, body: csv });
  expect(imported.status, await imported.clone().text()).toBe(200);
  context = await browser().newContext({ viewport: { width: 375, height: 900 } });
  page = await context.newPage();
  page.on("console", (m) => void (m.type() === "error" || m.text().includes("Content Security Policy") ? complaints.push(m.text()) : undefined));
  page.on("pageerror", (err) => complaints.push(err.message));
}, 60_000);

// Other files send on this Worker too: its list goes back to what it was.
afterAll(async () => {
  await context?.close();
  for (let i = 0; i < people.length; i += 25) {
    await Promise.all(people.slice(i, i + 25).map((email) => fetch(`${base}/api/subscribers/${encodeURIComponent(email)}`, { method: "DELETE", headers: api })));
  }
}, 60_000);

const figure = async (field: string) => Number(((await page.locator(`[data-field="${field}"]`).first().textContent()) ?? "").replace(/,/g, ""));
const status = () => page.locator('[data-field="statusWord"]').textContent();

describe("the authors' desk, signed in, sending", () => {
  it("refuses a wrong token next to the field, then signs in with the right one", async () => {
    await page.goto(`${base}/admin`);
    expect(new URL(page.url()).pathname).toBe("/admin/sign-in");
    await page.getByLabel("Author token").fill("not-the-token-0000");
    const refused = await Promise.all([page.waitForNavigation(), page.getByRole("button", { name: "Sign in" }).click()]).then(([r]) => r);
    expect(refused?.status()).toBe(401);
    await expect.poll(() => page.locator("#token-error").textContent()).toContain("That is not an author token");
    expect(await page.getByLabel("Author token").getAttribute("aria-invalid")).toBe("true");
    await page.getByLabel("Author token").fill(TEST_WORKER_SECRETS.AUTHOR_TOKEN);
    await Promise.all([page.waitForURL(`${base}/admin`), page.getByRole("button", { name: "Sign in" }).click()]);
    expect(await page.locator("h1").textContent()).toBe("Today");
  });

  it("Today frames the email (no CSP violation) and shows its text version, at a phone's width", async () => {
    const check = await checkPage(context, base, (p) => p.goto(`${base}/admin?date=${DATE}`));
    try {
      expect(check.response?.status()).toBe(200);
      expect(check.problems).toEqual([]);
      const frame = check.page.frames().find((f) => f.url().endsWith(`/admin/preview/${DATE}`));
      expect(frame, "the preview frame").toBeDefined();
      await expect.poll(async () => (await frame!.locator("body").textContent()) ?? "").toContain("KubeCon 2015");
      expect(await check.page.locator("iframe.preview").getAttribute("sandbox")).toBe("allow-popups allow-popups-to-escape-sandbox");
      // A link in the email opens its page in a new tab; the frame keeps showing the email.
      const link = frame!.locator("h2 a").first();
      const href = (await link.getAttribute("href"))!;
      const [tab] = await Promise.all([context.waitForEvent("page"), link.click()]);
      await tab.waitForLoadState();
      expect(tab.url()).toBe(href);
      expect(await tab.locator("h1").first().textContent()).toBeTruthy();
      await tab.close();
      expect(frame!.url()).toMatch(new RegExp(`/admin/preview/${DATE}$`));
      expect(await check.page.locator("pre.text-version").textContent()).toContain("KubeCon 2015");
    } finally {
      await check.page.close();
    }
  });

  it("the test-send form puts the mail in the local SES inbox", async () => {
    const tester = `desk-test-${crypto.randomUUID().slice(0, 8)}@example.com`;
    await page.goto(`${base}/admin?date=${DATE}`);
    await page.getByLabel(/Send this email to/).fill(tester);
    await Promise.all([page.waitForURL(/\/admin\/sends\/\d+\?done=test$/), page.getByRole("button", { name: `Send a test of the ${DATE} email` }).click()]);
    expect(await page.locator(".notice").textContent()).toContain("The test send has started");
    await expect.poll(async () => (await mailFor(sesUrl, tester)).map((m) => m.subject), { timeout: SEND_CONDITION_MS }).toEqual([expect.stringMatching(/^\[Test\] KubeCon 2015 — Day 1/)]);
  });

  it(`sends the day's email to ${PEOPLE} from the confirmation; pause holds it, resume finishes it, each person mailed once`, async () => {
    complaints.length = 0; // the wrong sign-in's 401 is logged too, and was meant
    await page.goto(`${base}/admin?date=${DATE}`);
    const subject = ((await page.locator("dl.today dt:text-is('Subject') + dd").textContent()) ?? "").trim();
    expect(subject).toMatch(/^KubeCon 2015 — Day 1/);
    await Promise.all([page.waitForURL(/\/admin\/send-now\?date=/), page.getByRole("button", { name: `Send the ${DATE} email now…` }).click()]);
    // The confirmation is a dry run: the recipients it names are everyone active on this Worker, ours among them.
    const confirm = page.getByRole("button", { name: /^Yes, send it to [\d,]+ subscribers$/ });
    const recipients = Number(/to ([\d,]+) subscribers/.exec((await confirm.textContent())!)![1]!.replace(/,/g, ""));
    expect(recipients).toBeGreaterThanOrEqual(PEOPLE);
    await Promise.all([page.waitForURL(/\/admin\/sends\/\d+\?done=started$/), confirm.click()]);
    const id = Number(/\/admin\/sends\/(\d+)/.exec(page.url())![1]);
    let stop = rescueStalledSend(base, stateDir, 10_000, id);
    try {
      // The page's script moves the sent count in place while the send runs.
      let first = 0;
      await expect.poll(async () => (first = await figure("sent")), { timeout: SEND_CONDITION_MS }).toBeGreaterThan(0);
      await expect.poll(() => figure("sent"), { timeout: SEND_CONDITION_MS }).toBeGreaterThan(first);
      expect(await figure("sent")).toBeLessThan(recipients);

      await Promise.all([page.waitForURL(/\?done=pause$/), page.getByRole("button", { name: "Pause the send" }).click()]);
      expect(await status()).toBe("Paused");
      const progress = async () => {
        const view = (await (await page.request.get(`${base}/admin/sends/${id}/progress`)).json()) as { sent: number; status: string; inFlight: number };
        expect(view.status).toBe("paused");
        return view;
      };
      // SES calls already under way when the pause came may still finish: wait until none is.
      await expect.poll(async () => (await progress()).inFlight, { interval: 500, timeout: SEND_CONDITION_MS }).toBe(0);
      const held = (await progress()).sent;
      expect(held).toBeLessThan(recipients);
      // Held still across several reads of the progress the page's script would poll.
      const readings: number[] = [];
      await expect
        .poll(async () => {
          readings.push((await progress()).sent);
          return readings.length;
        }, { interval: 1000, timeout: 30_000 })
        .toBeGreaterThanOrEqual(4);
      expect(new Set(readings)).toEqual(new Set([held]));

      // A second author follows the send; their session ends under the page (no cookie: the
      // desk answers the sign-in page), and the page says so instead of going quiet.
      const follower = await browser().newContext({ viewport: { width: 375, height: 900 } });
      const watcher = await follower.newPage();
      await watcher.goto(`${base}/admin/sign-in`);
      await watcher.getByLabel("Author token").fill(TEST_WORKER_SECRETS.AUTHOR_TOKEN);
      await Promise.all([watcher.waitForURL(`${base}/admin`), watcher.getByRole("button", { name: "Sign in" }).click()]);

      stop();
      await Promise.all([page.waitForURL(/\?done=resume$/), page.getByRole("button", { name: "Resume the send" }).click()]);
      stop = rescueStalledSend(base, stateDir, 10_000, id);
      try {
        await watcher.goto(`${base}/admin/sends/${id}`);
        expect(await watcher.locator("[data-progress-url]").getAttribute("data-running")).toBe("true");
        await follower.clearCookies();
        // The script's next poll is answered by the sign-in page, and the summary says so. (If a
        // poll just before the cookies went saw the status change, the script reloads the page
        // instead, and that reload lands on the sign-in form: told as plainly.)
        const told = async () => {
          if (new URL(watcher.url()).pathname === "/admin/sign-in") return "the sign-in form";
          return (await watcher.locator("#send-summary").textContent({ timeout: 1000 }).catch(() => null)) === SESSION_ENDED ? "the summary" : "nothing yet";
        };
        await expect.poll(told, { timeout: 30_000 }).not.toBe("nothing yet");
      } finally {
        await follower.close();
      }
      // The script reloads the page when the status changes; "Done" is the finished page.
      await expect.poll(status, { timeout: 120_000 }).toBe("Done");
      // The script writes "Done" in place, then reloads the page without the query, so the
      // finished page does not still say "Resumed".
      await page.waitForURL((url) => url.search === "", { timeout: SEND_CONDITION_MS });
      await page.waitForLoadState("load");
      expect(await status()).toBe("Done");
      expect(await page.locator(".notice").count()).toBe(0);
    } finally {
      stop();
    }
    expect(await figure("sent")).toBe(recipients);
    expect(await figure("total")).toBe(recipients);
    expect(await figure("failed") + (await figure("unknown"))).toBe(0);
    expect(await page.locator("figure.chart svg rect.bar").count()).toBeGreaterThan(0);
    expect(await page.locator("details table tbody tr").count()).toBe(await page.locator("figure.chart svg rect.bar").count());

    const store = ((await (await fetch(`${sesUrl}/store`)).json()) as { emails: { subject: string; destination: { to: string[] } }[] }).emails.filter((m) => m.subject === subject);
    const copies = new Map(people.map((p) => [p, 0]));
    for (const mail of store) for (const to of mail.destination.to) if (copies.has(to)) copies.set(to, copies.get(to)! + 1);
    expect([...copies].filter(([, n]) => n !== 1)).toEqual([]);
    // The progress script ran under its nonce the whole time: nothing blocked, nothing thrown.
    expect(complaints).toEqual([]);
  }, 300_000);

  it("sign out ends the session: the old cookie no longer opens the desk", async () => {
    const before = await context.cookies();
    expect(before.some((c) => c.name === "herald_desk")).toBe(true);
    await page.goto(`${base}/admin/sends`);
    await Promise.all([page.waitForURL(/\/admin\/sign-in\?signed-out$/), page.getByRole("button", { name: "Sign out" }).click()]);
    expect(await page.locator(".notice").textContent()).toContain("You are signed out.");
    await context.addCookies(before.filter((c) => c.name === "herald_desk"));
    await page.goto(`${base}/admin`);
    expect(new URL(page.url()).pathname).toBe("/admin/sign-in");
    expect(await page.getByLabel("Author token").isVisible()).toBe(true);
  });
});
