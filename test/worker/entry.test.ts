import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

describe("the Worker entry", () => {
  it("serves the site through the real wiring and clock", async () => {
    const home = await exports.default.fetch("http://127.0.0.1:8787/");
    expect(home.status).toBe(200);
    expect(await home.text()).toContain("KubeCon 2015");
    const feed = await exports.default.fetch("http://127.0.0.1:8787/feed.json");
    expect(((await feed.json()) as { items: unknown[] }).items).toHaveLength(5);
  });
});
