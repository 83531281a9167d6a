// Builds the real app with a pinned clock, for tests that depend on what is published when.
import { env } from "cloudflare:test";
import { createApp } from "../../src/app.ts";
import { assetBodyStore } from "../../src/assets/asset-body-store.ts";
import { contentIndex } from "../../src/generated/content-index.ts";

export const ORIGIN = "http://127.0.0.1:8787";

/** Fetches `path` from a fresh app whose clock reads `at`, with optional setting overrides. */
export function fetchAt(at: string, path: string, init?: RequestInit, vars: Partial<Env> = {}): Promise<Response> {
  const app = createApp({ index: contentIndex, now: () => Date.parse(at), bodies: (e) => assetBodyStore(e.ASSETS) });
  return Promise.resolve(app.fetch(new Request(`${ORIGIN}${path}`, init), { ...env, ...vars }));
}

/** A moment after every sample post is published. */
export const AFTER_ALL = "2026-11-26T12:00:00Z";
