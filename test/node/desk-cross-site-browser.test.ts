/// <reference lib="dom" />
// A form on another site, opened in the browser of a signed-in author, cannot change the
// desk: Chromium sends the POST as it would for a real attacker's page, and the desk refuses
// it (403, nothing erased), whether the page is another site (localhost: the SameSite=Strict
// cookie stays home) or another origin of the same site (another port on 127.0.0.1, where the
// cookie is sent and the Origin check refuses) — even when that page knows the CSRF token.
import { createServer, type Server } from "node:http";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { useBrowser } from "../support/browser.ts";
import { deskSessionCookie, type DeskCookie } from "../support/desk-sign-in.ts";
import { freePort } from "../support/free-port.ts";
import { TEST_WORKER_SECRETS } from "../support/local-worker.ts";

const base = inject("baseUrl");
const browser = useBrowser({ beforeAll, afterAll });
const AUTH = { Authorization: `Bearer ${TEST_WORKER_SECRETS.AUTHOR_TOKEN}` };
const TARGET = `desk-cross-site-${crypto.randomUUID().slice(0, 8)}@example.com`;

let attacker: Server;
let port = 0;
/** The form the attacker's page submits as soon as it loads. */
let form = "";

beforeAll(async () => {
  const imported = await fetch(`${base}/api/subscribers/import?consent=asserted`, { method: "POST", headers: { ...AUTH, "Content-Type": "text/csv" }, body: `email\n${TARGET}\n` });
  expect(imported.status).toBe(200);
  port = await freePort();
  attacker = createServer((_req, res) => {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><title>Win a prize</title>${form}<script>document.forms[0].submit()</script>`);
  });
  await new Promise<void>((resolve) => attacker.listen(port, "127.0.0.1", resolve));
});

afterAll(() => new Promise<void>((resolve) => attacker?.close(() => resolve())));

async function stillListed(): Promise<boolean> {
  const res = await fetch(`${base}/api/subscribers.csv`, { headers: AUTH });
  return (await res.text()).includes(TARGET);
}

/**
 * Opens the attacker's page in a browser signed in to the desk; answers the status of the POST
 * it makes there. `csrf` is what the page puts in the form, given the browser's session.
 */
async function submitFrom(attackerOrigin: string, csrf: (session: DeskCookie) => Promise<string>): Promise<number> {
  const session = await deskSessionCookie(base, TEST_WORKER_SECRETS.AUTHOR_TOKEN);
  form = `<form method="post" action="${base}/admin/subscribers/erase"><input name="email" value="${TARGET}"><input name="csrf" value="${await csrf(session)}"></form>`;
  const context = await browser().newContext();
  try {
    await context.addCookies([{ ...session, domain: "127.0.0.1", path: "/admin", httpOnly: true, sameSite: "Strict" }]);
    const page: Page = await context.newPage();
    const [post] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST" && r.url().startsWith(`${base}/admin/`)),
      page.goto(`${attackerOrigin}/prize`),
    ]);
    return post.status();
  } finally {
    await context.close();
  }
}

/** The session's own CSRF token, as a page that had it leaked would know it. */
async function leakedCsrf(session: DeskCookie): Promise<string> {
  const page = await fetch(`${base}/admin/subscribers`, { headers: { Cookie: `${session.name}=${session.value}` } });
  return /name="csrf" value="([0-9a-f]+)"/.exec(await page.text())![1]!;
}

describe("a desk form posted from another site", () => {
  it("from another site (localhost), even with a leaked CSRF token: refused (the cookie is not sent), nothing erased", { timeout: 60_000 }, async () => {
    expect(await submitFrom(`http://localhost:${port}`, leakedCsrf)).toBe(403);
    expect(await stillListed()).toBe(true);
  });

  it("from another origin of the same site (another port), even with a leaked CSRF token: refused, nothing erased", { timeout: 60_000 }, async () => {
    expect(await submitFrom(`http://127.0.0.1:${port}`, leakedCsrf)).toBe(403);
    expect(await stillListed()).toBe(true);
  });
});
