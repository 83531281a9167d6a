/// <reference lib="dom" />
// Watches one page in a real browser for what a reader would suffer from: CSP violations,
// console errors, subresources that failed or answered 4xx/5xx, requests to other
// origins, icons or a link-preview image that do not load, and a page wider than the window.
import type { BrowserContext, Page, Response } from "playwright-core";

export interface PageCheck {
  page: Page;
  /** The main document's answer. */
  response: Response | null;
  problems: string[];
}

declare global {
  interface Window {
    __heraldViolations?: string[];
  }
}

/**
 * Opens a page in `context`, runs `visit` (a navigation, maybe a click that leads to the
 * next document), waits for its load and reports every problem seen.
 * JavaScript stays on only so the listener below can run: the pages' CSP allows no script
 * of their own, and playwright's injected scripts are not subject to it.
 */
export async function checkPage(context: BrowserContext, origin: string, visit: (page: Page) => Promise<Response | null>): Promise<PageCheck> {
  const page = await context.newPage();
  const problems: string[] = [];
  await page.addInitScript(() => {
    window.__heraldViolations = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      window.__heraldViolations!.push(`CSP ${e.effectiveDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile || document.URL}:${e.lineNumber})`);
    });
  });
  const cspConsole: string[] = [];
  page.on("console", (m) => {
    if (m.type() !== "error" && m.type() !== "warning") return;
    // The document's own 4xx is the caller's to judge; CSP reports come in as events below.
    if (m.text().startsWith("Failed to load resource") && m.location().url === page.url()) return;
    (m.text().includes("Content Security Policy") ? cspConsole : problems).push(`console ${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  page.on("request", (r) => {
    if (new URL(r.url()).origin !== origin && !r.url().startsWith("data:")) problems.push(`third-party request: ${r.url()}`);
  });
  page.on("requestfailed", (r) => problems.push(`failed request: ${r.url()} (${r.failure()?.errorText})`));
  page.on("response", (r) => {
    if (r.request().isNavigationRequest() && r.request().frame() === page.mainFrame()) return; // the caller judges the document's status
    if (r.status() >= 400) problems.push(`subresource ${r.status()}: ${r.url()}`);
  });

  const response = await visit(page);
  // Pages run no script, so "load" comes after every request they make; violation events
  // are queued as tasks, so one more turn of the page's event loop delivers the last.
  await page.waitForLoadState("load");
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
  const violations = await page.evaluate(() => window.__heraldViolations ?? []);
  problems.push(...(violations.length ? violations : cspConsole));
  // Browsers fetch icons outside the page's own requests; ask for each one the page links.
  for (const href of await page.$$eval("link[rel~=icon], link[rel=apple-touch-icon]", (links) => links.map((l) => (l as HTMLLinkElement).href))) {
    const icon = await context.request.get(href);
    if (icon.status() !== 200 || !icon.headers()["content-type"]?.startsWith("image/")) problems.push(`icon ${href}: ${icon.status()} ${icon.headers()["content-type"]}`);
  }
  // Link previews fetch og:image outside the page too: it must be there at that very URL (some
  // preview fetchers follow no redirect), and a raster (previews show no SVG).
  for (const src of await page.$$eval('meta[property="og:image"]', (metas) => metas.map((m) => (m as HTMLMetaElement).content))) {
    const image = await context.request.get(src, { maxRedirects: 0 });
    const type = image.headers()["content-type"] ?? "";
    if (image.status() !== 200 || !/^image\/(png|jpeg|gif)$/.test(type)) problems.push(`og:image ${src}: ${image.status()} ${type}`);
  }
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
  if (scrollWidth > clientWidth) problems.push(`horizontal overflow: ${scrollWidth} px of content in ${clientWidth} px`);
  return { page, response, problems };
}
