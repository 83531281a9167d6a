/// <reference lib="dom" />
// A person who follows one event, in a real browser at a phone's width with JavaScript off:
// subscribe on the event's page, confirm from the mail, open "Manage your subscription" from
// the same mail, switch to everything, and the next send follows the new choice; then choose a
// delivery time (07:00 in Kathmandu) with the keyboard and see it said back. Its own
// Worker, so that its send of 2015-11-10 is the only one that day and reaches only its people.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { contentIndex } from "../../src/generated/content-index.ts";
import { useBrowser } from "../support/browser.ts";
import { startLocalWorker, type LocalWorker } from "../support/local-worker.ts";
import { warmUpQueue } from "../support/queue-warm-up.ts";
import { rescueStalledSend } from "../support/queue-rescue.ts";
import { SEND_CONDITION_MS, SENDING_TEST_MS } from "../support/send-timeouts.ts";
import { mailFor as mailTo } from "../support/local-inbox.ts";

const sesUrl = inject("sesUrl");
const browser = useBrowser({ beforeAll, afterAll });
const auth = { Authorization: "Bearer test-author-token-0001", "Content-Type": "application/json" };
const titleOf = (event: string, day: number) => contentIndex.posts.find((p) => p.event === event && p.day === day)!.title;
/** The two posts of 2015-11-10's email, one per event. */
const KUBECON_DAY_2 = titleOf("kubecon-2015", 2);
const CONTAINER_NIGHT = titleOf("container-night-sf-2015", 1);

const mailFor = (address: string) => mailTo(sesUrl, address);

/** The dry run of 2015-11-10: recipients per variant (subjects left out). */
async function variantsOf(base: string) {
  const res = await fetch(`${base}/api/sends`, { method: "POST", headers: auth, body: JSON.stringify({ date: "2015-11-10", dryRun: true }) });
  expect(res.status).toBe(200);
  return ((await res.json()) as { variants: { events: string[]; recipients: number }[] }).variants.map(({ events, recipients }) => ({ events, recipients }));
}

let worker: LocalWorker;
beforeAll(async () => {
  worker = await startLocalWorker({ SES_ENDPOINT: sesUrl }, process.cwd(), { logName: "preferences-browser" });
  await warmUpQueue(worker.url);
}, 120_000);
afterAll(async () => worker?.stop());

describe("following one event, then everything", () => {
  it("subscribe on the event's page, confirm, switch to everything on the preference page, and the send follows it", async () => {
    const base = worker.url;
    const email = `prefs-${crypto.randomUUID().slice(0, 8)}@example.com`;
    const context = await browser().newContext({ viewport: { width: 375, height: 800 }, javaScriptEnabled: false });
    const page = await context.newPage();
    const fitsWidth = () => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

    // The event's page subscribes to that event, or (chosen, since KubeCon 2015 is over by the
    // real clock) its series: every KubeCon.
    await page.goto(`${base}/events/kubecon-2015`);
    await expect.poll(() => page.getByRole("radio", { name: /Every KubeCon/ }).isChecked()).toBe(true);
    await page.getByLabel("Get each day's recap by email").fill(email);
    await page.getByRole("button", { name: "Subscribe" }).click();
    await page.waitForURL(`${base}/subscribe`);
    await expect.poll(() => page.getByRole("heading", { name: "Check your inbox" }).isVisible()).toBe(true);

    // Confirm from the mail in the local inbox.
    await expect.poll(async () => (await mailFor(email)).length, { timeout: SEND_CONDITION_MS }).toBe(1);
    const [confirmation] = await mailFor(email);
    const confirmLink = /(http:\/\/127\.0\.0\.1:\d+\/confirm\?token=\S+)/.exec(confirmation!.body.text)![1]!;
    await page.goto(confirmLink);
    await page.getByRole("button", { name: "Confirm my subscription" }).click();
    await expect.poll(() => page.getByRole("heading", { name: "You are subscribed" }).isVisible()).toBe(true);

    // What the day's send would be now: the one event's variant, for this one subscriber.
    expect(await variantsOf(base)).toEqual([{ events: ["kubecon-2015"], recipients: 1 }]);

    // The same mail's "Manage your subscription" link opens the preference page.
    const manage = /Manage your subscription[^\n]*\n(http:\/\/127\.0\.0\.1:\d+\/preferences\?token=\S+)/.exec(confirmation!.body.text)![1]!;
    await page.goto(manage);
    await expect.poll(() => page.getByRole("heading", { name: "Your subscription" }).isVisible()).toBe(true);
    expect(await page.locator("main").innerText()).toContain("You get: every KubeCon.");
    expect(await page.getByRole("checkbox", { name: /Every KubeCon/ }).isChecked()).toBe(true);
    expect(await page.getByRole("checkbox", { name: /Container Night SF 2015/ }).isChecked()).toBe(false);
    expect(await fitsWidth()).toBe(true);
    await page.screenshot({ path: "test-results/preferences-375.png", fullPage: true });

    // Keyboard only: focus "Get everything" and press Enter.
    await page.getByRole("button", { name: "Get everything" }).focus();
    await Promise.all([page.waitForURL(manage), page.keyboard.press("Enter")]);
    await expect.poll(() => page.getByRole("status").first().innerText()).toBe("Saved. You got every KubeCon; now you get everything.");
    expect(await page.locator("main").innerText()).toContain("You get: everything.");
    expect(await fitsWidth()).toBe(true);
    await context.close();

    // The day both events had posts: one mail, with both.
    expect(await variantsOf(base)).toEqual([{ events: ["container-night-sf-2015", "kubecon-2015"], recipients: 1 }]);
    const send = await fetch(`${base}/api/sends`, { method: "POST", headers: auth, body: JSON.stringify({ date: "2015-11-10" }) });
    expect(send.status).toBe(202);
    const { id } = (await send.json()) as { id: number };
    const stop = rescueStalledSend(base, worker.stateDir, 10_000, id);
    await expect
      .poll(async () => ((await (await fetch(`${base}/api/sends/${id}`, { headers: auth })).json()) as { status: string }).status, { timeout: SEND_CONDITION_MS })
      .toBe("done")
      .finally(stop);
    const daily = (await mailFor(email)).filter((m) => m !== undefined && !m.subject.startsWith("Confirm"));
    expect(daily).toHaveLength(1);
    expect(daily[0]!.body.text).toContain(KUBECON_DAY_2);
    expect(daily[0]!.body.text).toContain(CONTAINER_NIGHT);
    expect(daily[0]!.body.text).toMatch(/\/preferences\?token=/);

    // Then the morning edition: 07:00 in Kathmandu, chosen with the keyboard, and said back.
    // (After the send, so that send went out at once.)
    const later = await browser().newContext({ viewport: { width: 375, height: 800 }, javaScriptEnabled: false });
    const prefs = await later.newPage();
    await prefs.goto(manage);
    const time = prefs.getByLabel("Time", { exact: true });
    const zone = prefs.getByLabel("Time zone");
    expect(await prefs.locator("main").innerText()).toContain("Your email comes as soon as it is out.");
    expect(await time.inputValue()).toBe("asap");
    // Some zone is offered already: where the request came from, or the site's.
    expect(await zone.inputValue()).toMatch(/^[A-Z][A-Za-z_]+(\/[A-Za-z_+-]+)*$/);
    // asap, then 00:00, 00:30, …: fourteen half hours down is 07:00.
    await time.focus();
    for (let i = 0; i < 15; i++) await prefs.keyboard.press("ArrowDown");
    await expect.poll(() => time.inputValue()).toBe("07:00");
    // Chosen by what it says (the runtime's own name for it may be the old Asia/Katmandu).
    await zone.selectOption({ label: "Asia/Kathmandu" });
    await zone.focus();
    await prefs.keyboard.press("Tab");
    expect(await prefs.evaluate(() => document.activeElement?.textContent)).toBe("Save my time");
    await Promise.all([prefs.waitForURL(manage), prefs.keyboard.press("Enter")]);
    await expect.poll(() => prefs.getByRole("status").first().innerText()).toBe("Saved. Your email came as soon as it was out; now it comes at 07:00 in Asia/Kathmandu (Kathmandu time).");
    expect(await prefs.locator("main").innerText()).toContain("Your email comes at 07:00 in Asia/Kathmandu (Kathmandu time).");
    expect(await prefs.getByLabel("Time", { exact: true }).inputValue()).toBe("07:00");
    expect(await prefs.getByLabel("Time zone").evaluate((s) => (s as unknown as HTMLSelectElement).selectedOptions[0]?.textContent)).toBe("Asia/Kathmandu");
    // What they follow stays as it was.
    expect(await prefs.locator("main").innerText()).toContain("You get: everything.");
    expect(await prefs.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    await prefs.screenshot({ path: "test-results/preferences-time-375.png", fullPage: true });
    await later.close();
  }, SENDING_TEST_MS + 60_000);
});
