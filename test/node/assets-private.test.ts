// Through the real static-asset layer of `wrangler dev` (run_worker_first): bodies are
// never served as files, so a post cannot leak before its publication time.
import { describe, expect, inject, it } from "vitest";
import { contentIndex } from "../../src/generated/content-index.ts";

const base = inject("baseUrl");

describe("pre-rendered bodies", () => {
  it.each(contentIndex.posts.map((p) => [p.slug, p.bodyPath]))("%s's body file answers 404 and leaks nothing", async (_, bodyPath) => {
    const res = await fetch(`${base}${bodyPath}`);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('"html":');
  });

  it("while images from the same assets are served", async () => {
    expect((await fetch(`${base}/images/rolling-update.svg`)).status).toBe(200);
  });
});
