// The per-client subscribe limit as a domain function, without the route.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { clientOverLimit, SUBSCRIBE_LIMIT, SUBSCRIBE_WINDOW_MS } from "../../src/subscriptions/subscribe-limits.ts";

describe("clientOverLimit", () => {
  it("lets SUBSCRIBE_LIMIT requests through per window, then says how long to wait; the next window starts afresh", async () => {
    const client = `198.51.100.1-${crypto.randomUUID()}`;
    const start = Math.ceil(Date.parse("2026-11-26T11:00:00Z") / SUBSCRIBE_WINDOW_MS) * SUBSCRIBE_WINDOW_MS;
    for (let i = 0; i < SUBSCRIBE_LIMIT; i++) expect(await clientOverLimit(env.DB, client, start + i)).toBeUndefined();
    expect(await clientOverLimit(env.DB, client, start + 60_000)).toBe((SUBSCRIBE_WINDOW_MS - 60_000) / 1000);
    expect(await clientOverLimit(env.DB, `${client}-other`, start + 60_000)).toBeUndefined();
    expect(await clientOverLimit(env.DB, client, start + SUBSCRIBE_WINDOW_MS)).toBeUndefined();
  });
});
