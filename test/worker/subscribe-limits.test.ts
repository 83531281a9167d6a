// The per-client subscribe limit as a domain function, without the route.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { clientKey, clientOverLimit, SUBSCRIBE_LIMIT, SUBSCRIBE_WINDOW_MS } from "../../src/subscriptions/subscribe-limits.ts";

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

describe("clientKey", () => {
  it.each([
    ["203.0.113.77", "203.0.113.77"],
    ["::ffff:203.0.113.77", "203.0.113.77"],
    ["0:0:0:0:0:ffff:203.0.113.77", "203.0.113.77"],
    ["2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64"],
    ["2001:DB8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64"],
    ["2001:db8::1", "2001:db8:0:0::/64"],
    ["unknown", "unknown"],
  ])("%s counts as %s", (ip, key) => {
    expect(clientKey(ip)).toBe(key);
  });
});
