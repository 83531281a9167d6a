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
import { deskSessionCookie, type DeskCookie } from "../support/desk-sign-in.ts";

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
  /** A desk page, seen signed in (the session cookie is put in the page's browser context). */
  desk?: true;
  visit: (page: Page) => Promise<Response | null>;
}

/** Real links for real subscribers: a confirmation mail's, and the one a send would sign. */
const links = { confirm: "", unsubscribe: "", preferences: "" };
/** The desk: a session, a test send's page, a subscriber to erase, and a session to sign out at each width. */
const desk = { session: undefined as DeskCookie | undefined, leaving: [] as DeskCookie[], sendId: 0, erasable: "" };

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
/** The dates whose author previews are visited: only the newest. They render what each date's web version shows, and that is visited for every date. */
const previewDates = dates.slice(0, 1);
/** Pages of the desk, signed in. */
const signedIn = (name: string, path: string | (() => string), status = 200): Visit => ({ name, desk: true, ...open(path, status) });
const DESK_PAGES: Visit[] = [
  { name: "desk sign-in", ...open("/admin/sign-in") },
  {
    name: "desk sign-in, wrong token",
    ...press("/admin/sign-in", /^Sign in$/, (page) => page.getByLabel("Author token").fill("not-an-author-token")),
    status: 401,
  },
  signedIn("desk today", "/admin"),
  ...dates.map((d) => signedIn(`desk today ${d}`, `/admin?date=${d}`)),
  // The framed copies are the same render as each date's web version (checked below, every date), so one date stands for them.
  ...previewDates.map((d) => ({ ...signedIn(`desk preview ${d}`, `/admin/preview/${d}`), kind: "email" as const })),
  signedIn("desk send now, confirmation", `/admin/send-now?date=${dates.at(-1)}`),
  {
    name: "desk test send, refused",
    desk: true,
    ...press(`/admin?date=${dates.at(-1)}`, /^Send a test/, (page) => page.getByLabel(/^Send this email to/).fill("not-an-address, <b>also</b>")),
    status: 400,
  },
  signedIn("desk sends", "/admin/sends"),
  signedIn("desk send", () => `/admin/sends/${desk.sendId}`),
  signedIn("desk subscribers", "/admin/subscribers"),
  signedIn("desk subscribers, search", "/admin/subscribers?q=every-page"),
  signedIn("desk subscribers, empty search", "/admin/subscribers?q=", 400),
  signedIn("desk erase, confirmation", () => `/admin/subscribers/erase?email=${encodeURIComponent(desk.erasable)}`),
  {
    name: "desk import report",
    desk: true,
    // Only refused rows, so the list the other pages show is left as it was.
    ...press("/admin/subscribers", /^Import the list$/, (page) => page.getByLabel("Or paste the CSV here").fill("email\nnot an address\n\"<i>x</i>\"\n")),
  },
  signedIn("desk alerts", "/admin/alerts"),
  signedIn("desk, a path it does not have", "/admin/no-such-page", 404),
  {
    name: "desk sign out, pressed",
    desk: true,
    status: 200,
    // The POST answers 303 to the sign-in form, which is the page a person then sees.
    visit: async (page) => {
      await page.goto(`${base}/admin`);
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === "GET" && r.request().isNavigationRequest() && new URL(r.url()).pathname === "/admin/sign-in"),
        page.getByRole("button", { name: /^Sign out$/ }).click(),
      ]);
      await page.waitForLoadState("load");
      return response;
    },
  },
];
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
  ...previewDates.map((d) => ({
    name: `preview ${d}`,
    kind: "email" as const,
    status: 200,
    visit: async (page: Page) => {
      // The author token goes with the preview's own request only.
      await page.route(`${base}/api/preview/${d}`, (route) => route.continue({ headers: { ...route.request().headers(), authorization: AUTH } }));
      return page.goto(`${base}/api/preview/${d}`);
    },
  })),
  ...DESK_PAGES,
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
  // The desk: one session for every signed-in page, another for the page that signs out.
  desk.session = await deskSessionCookie(base, TEST_WORKER_SECRETS.AUTHOR_TOKEN);
  desk.leaving = [await deskSessionCookie(base, TEST_WORKER_SECRETS.AUTHOR_TOKEN), await deskSessionCookie(base, TEST_WORKER_SECRETS.AUTHOR_TOKEN)];
  const testSend = await fetch(`${base}/api/sends`, { method: "POST", headers: { Authorization: AUTH, "Content-Type": "application/json" }, body: JSON.stringify({ date: dates[0], to: ["every-page-desk@example.com"] }) });
  expect(testSend.status).toBe(202);
  desk.sendId = ((await testSend.json()) as { id: number }).id;
  desk.erasable = leaving!;
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
    if (spec.desk) {
      const cookie = name === "desk sign out, pressed" ? desk.leaving.pop()! : desk.session!;
      await context.addCookies([{ ...cookie, domain: "127.0.0.1", path: "/admin", httpOnly: true, sameSite: "Strict" }]);
    }
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
