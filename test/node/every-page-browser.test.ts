/// <reference lib="dom" />
// Every page Herald serves, as served (headers and all), in Chromium at a phone's and a
// desktop's width: no CSP violation, console error, failed or 4xx/5xx subresource,
// third-party request or sideways scrolling. Screenshots in test-results/every-page/.
import { mkdir, writeFile } from "node:fs/promises";
import type { Page, Response } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { emailDates } from "../../src/content/schedule.ts";
import { publishedTags } from "../../src/content/tags.ts";
import { contentIndex } from "../../src/generated/content-index.ts";
import { preferencesUrlFor, subscriberUnsubscribeUrl } from "../../src/subscriptions/subscriber-links.ts";
import { useBrowser } from "../support/browser.ts";
import { localWorkerConfig, TEST_WORKER_SECRETS } from "../support/local-worker.ts";
import { checkPage } from "../support/page-check.ts";

const base = inject("baseUrl");
const sesUrl = inject("sesUrl");
const config = localWorkerConfig(base);
const browser = useBrowser({ beforeAll, afterAll });
const AUTH = `Bearer ${TEST_WORKER_SECRETS.AUTHOR_TOKEN}`;
const SCREENSHOTS = "test-results/every-page";

interface Visit {
  name: string;
  status: number;
  /** A site page (styled by /style.css) or an email's web version (by its own inline styles). */
  kind?: "email";
  visit: (page: Page) => Promise<Response | null>;
}

/** Real links for real subscribers: a confirmation mail's, and the one a send would sign. */
const links = { confirm: "", unsubscribe: "", preferences: "" };

const open = (path: string | (() => string), status = 200): Omit<Visit, "name"> => ({
  status,
  visit: (page) => page.goto(`${base}${typeof path === "string" ? path : path()}`),
});

/** Presses a form's button and answers the document the POST leads to. */
const press = (path: string | (() => string), button: RegExp, fill?: (page: Page) => Promise<void>): Omit<Visit, "name"> => ({
  status: 200,
  visit: async (page) => {
    await page.goto(`${base}${typeof path === "string" ? path : path()}`);
    await fill?.(page);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST" && r.request().isNavigationRequest()),
      page.getByRole("button", { name: button }).click(),
    ]);
    await page.waitForLoadState("load");
    return response;
  },
});

const dates = emailDates(contentIndex, config, Date.now()).map((d) => d.date);
const PAGES: Visit[] = [
  { name: "home", ...open("/") },
  ...contentIndex.posts.map((p) => ({ name: `post ${p.slug}`, ...open(`/posts/${p.slug}`) })),
  ...contentIndex.events.map((e) => ({ name: `event ${e.slug}`, ...open(`/events/${e.slug}`) })),
  ...publishedTags(contentIndex, Date.now()).map((t) => ({ name: `tag ${t}`, ...open(`/tags/${t}`) })),
  { name: "unknown tag", ...open("/tags/no-such-tag", 404) },
  { name: "email archive", ...open("/emails") },
  ...dates.map((d) => ({ name: `email ${d}`, kind: "email" as const, ...open(`/emails/${d}`) })),
  { name: "subscribe", ...open("/subscribe") },
  {
    name: "subscribe, submitted",
    ...press("/subscribe", /^Subscribe$/, (page) => page.getByLabel("Get each day's recap by email").fill(`every-page-${crypto.randomUUID().slice(0, 8)}@example.com`)),
    status: 202,
  },
  { name: "confirm", ...open(() => links.confirm) },
  { name: "confirm, pressed", ...press(() => links.confirm, /Confirm my subscription/) },
  { name: "unsubscribe", ...open(() => links.unsubscribe) },
  { name: "unsubscribe, pressed", ...press(() => links.unsubscribe, /^Unsubscribe$/) },
  { name: "preferences", ...open(() => links.preferences) },
  { name: "preferences, stop one event", ...open(() => `${links.preferences}&stop=kubecon-2015`) },
  { name: "preferences, saved", ...press(() => links.preferences, /^Get everything$/) },
  { name: "preferences, time saved", ...press(() => links.preferences, /^Save my time$/) },
  { name: "a link that does not work", ...open("/confirm?token=not-a-token", 400) },
  { name: "404", ...open("/no/such/page", 404) },
  ...dates.map((d) => ({
    name: `preview ${d}`,
    kind: "email" as const,
    status: 200,
    visit: async (page: Page) => {
      // The author token goes with the preview's own request only.
      await page.route(`${base}/api/preview/${d}`, (route) => route.continue({ headers: { ...route.request().headers(), authorization: AUTH } }));
      return page.goto(`${base}/api/preview/${d}`);
    },
  })),
];

const found: Record<string, string[]> = {};

beforeAll(async () => {
  // Two subscribers: pages run side by side, and an unsubscribe pressed before a confirm
  // rightly voids that confirm link, so the two buttons get a person each.
  const [confirming, leaving] = [0, 1].map(() => `every-page-${crypto.randomUUID().slice(0, 8)}@example.com`);
  for (const email of [confirming, leaving]) {
    const res = await fetch(`${base}/subscribe`, { method: "POST", headers: { "Content-Type": "application/json", "CF-Connecting-IP": "192.0.2.120" }, body: JSON.stringify({ email }) });
    expect(res.status).toBe(202);
  }
  // The confirmation goes out after the answer; wait for it in the local SES inbox.
  const text = await vi.waitFor(async () => {
    const store = (await (await fetch(`${sesUrl}/store`)).json()) as { emails: { destination: { to: string[] }; body: { text: string } }[] };
    const mail = store.emails.find((m) => m.destination.to.includes(confirming!));
    if (!mail) throw new Error(`no confirmation for ${confirming} yet`);
    return mail.body.text;
  }, { timeout: 20_000, interval: 200 });
  links.confirm = new URL(/(\S+\/confirm\?token=\S+)/.exec(text)![1]!).href.replace(base, "");
  links.unsubscribe = subscriberUnsubscribeUrl(config, await vi.waitFor(() => subscriberId(leaving!), { timeout: 20_000, interval: 200 })).replace(base, "");
  // The confirming one's page: its confirm press leaves the page open, the other's unsubscribe would close it.
  links.preferences = preferencesUrlFor(config, String(await vi.waitFor(() => subscriberId(confirming!), { timeout: 20_000, interval: 200 }))).replace(base, "");
  await mkdir(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  // What was found, page by page: the count to compare against another version.
  const total = Object.values(found).reduce((n, p) => n + p.length, 0);
  await writeFile("test-results/every-page.json", JSON.stringify({ total, pages: found }, null, 2));
});

describe.each([375, 1280])("at %i px", (width) => {
  // Side by side: each page has a context of its own, and nothing here depends on timing.
  it.concurrent.each(PAGES.map((p) => [p.name, p] as const))("%s: no CSP violation, console error, failed request or overflow", async (name, spec) => {
    expect(dates.length).toBeGreaterThan(0);
    const context = await browser().newContext({ viewport: { width, height: 800 } });
    try {
      const { page, response, problems } = await checkPage(context, base, spec.visit);
      found[`${name} @${width}`] = problems;
      await page.screenshot({ path: `${SCREENSHOTS}/${name.replace(/[^a-z0-9-]+/gi, "_")}-${width}.png`, fullPage: true });
      expect(response?.status()).toBe(spec.status);
      expect(response?.headers()["content-type"]).toBe("text/html; charset=UTF-8");
      expect(problems).toEqual([]);
      // The styles applied: the site's header is laid out by /style.css, an email's card by its own styles.
      if (spec.kind === "email") expect(await page.locator(".card").first().evaluate((el) => getComputedStyle(el).backgroundColor)).toBe("rgb(255, 255, 255)");
      else expect(await page.locator("header.site").evaluate((el) => getComputedStyle(el).display)).toBe("flex");
    } finally {
      await context.close();
    }
  });
});

async function subscriberId(email: string): Promise<number> {
  let cursor = "0";
  for (;;) {
    const res = await fetch(`${base}/api/subscribers?limit=1000&cursor=${cursor}`, { headers: { Authorization: AUTH } });
    const page = (await res.json()) as { subscribers: { id: number; email: string }[]; next: string | null };
    const match = page.subscribers.find((s) => s.email === email);
    if (match) return match.id;
    if (!page.next) throw new Error(`${email} is not on the list`);
    cursor = page.next;
  }
}
