import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { SlidingWindow, WINDOW_MS } from "../../src/sending/sliding-window.ts";
import type { SendRateLimiter } from "../../src/sending/send-rate-limiter.ts";
import { busiestWindow } from "../support/busiest-window.ts";


describe("the global send rate", () => {
  it.each([14, 100, 500])("never lets any one-second window hold more than %i grants, under bursty demand from many consumers", (limit) => {
    const window = new SlidingWindow();
    const grants: number[] = [];
    let seed = limit;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    let now = 0;
    const waiting: number[] = [];
    for (let step = 0; step < 20_000; step++) {
      now += Math.floor(random() * 7); // the injected clock: 0–6 ms between requests
      const wanted = 1 + Math.floor(random() * 10);
      const { granted, waitMs } = window.take(now, wanted, limit);
      for (let k = 0; k < granted; k++) grants.push(now);
      if (granted < wanted) waiting.push(waitMs);
    }
    expect(busiestWindow(grants, 1000)).toBeLessThanOrEqual(limit);
    expect(busiestWindow(grants, WINDOW_MS)).toBeLessThanOrEqual(limit);
    // …and it is not stingy: over the run it grants close to the limit.
    const seconds = now / 1000;
    expect(grants.length / seconds).toBeGreaterThan(limit * 0.9);
    expect(waiting.every((w) => w > 0 && w <= WINDOW_MS)).toBe(true);
  });

  it("the Durable Object hands out no more than the limit at once, and keeps its grants across a restart", async () => {
    const stub = env.SEND_RATE_LIMITER.get(env.SEND_RATE_LIMITER.idFromName(`test-${crypto.randomUUID()}`));
    const first = await stub.acquire(10, 14);
    const second = await stub.acquire(10, 14);
    expect(first).toEqual({ granted: 10, waitMs: 0 });
    expect(second.granted).toBe(4);
    expect(second.waitMs).toBeGreaterThan(0);
    const stored = await runInDurableObject(stub, (instance: SendRateLimiter, state) => state.storage.get<number[]>("grants"));
    expect(stored).toHaveLength(14);
  });
});
