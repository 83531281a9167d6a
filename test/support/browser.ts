// Debian's chromium driven by playwright-core, as the README installs it.
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { chromium, type Browser } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium with the line in the README (apt-get install -y chromium python3-feedparser)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}

/** One browser for a test file: launched before its tests, closed after; call the result to get it. */
export function useBrowser(hooks: { beforeAll(fn: () => Promise<void>): void; afterAll(fn: () => Promise<void>): void }): () => Browser {
  let browser: Browser | undefined;
  hooks.beforeAll(async () => {
    browser = await launchBrowser();
    await mkdir("test-results", { recursive: true });
  });
  hooks.afterAll(async () => browser?.close());
  return () => browser!;
}
