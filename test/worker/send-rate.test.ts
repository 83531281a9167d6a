import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { SlotSchedule } from "../../src/sending/send-slots.ts";
import { HORIZON_MS, LEAD_MS, SPAN_MS } from "../../src/sending/tuning.ts";
import type { SendRateLimiter } from "../../src/sending/send-rate-limiter.ts";
import { busiestWindow } from "../support/busiest-window.ts";

/** Bursty demand from many consumers on an injected clock; every slot handed out, as a time. */
function demand(limit: number, steps: number) {
  const schedule = new SlotSchedule();
  const slots: number[] = [];
  const waits: number[] = [];
  let seed = limit;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  let now = 0;
  for (let step = 0; step < steps; step++) {
    now += Math.floor(random() * 7); // 0–6 ms between requests
    const wanted = 1 + Math.floor(random() * 10);
    const got = schedule.take(now, wanted, limit);
    for (let k = 0; k < got.granted; k++) slots.push(got.firstAt + k * got.spacingMs);
    if (got.granted === 0) waits.push(got.waitMs);
  }
  return { slots, waits, now, random };
}

describe("the global send rate", () => {
  it.each([14, 100, 500])("never puts more than %i slots in any one-second window, even when calls run up to 35 ms late", (limit) => {
    const { slots, waits, now, random } = demand(limit, 20_000);
    expect(busiestWindow(slots, 1000)).toBeLessThanOrEqual(limit);
    // Each call reaching SES anywhere from on time to SPAN_MS − 1000 ms late still keeps to the limit…
    const late = slots.map((t) => t + random() * (SPAN_MS - 1000));
    expect(busiestWindow(late, 1000)).toBeLessThanOrEqual(limit);
    // …and the bound is tight: a slightly longer window already holds more.
    expect(busiestWindow(slots, 1100)).toBeGreaterThan(limit);
    // It is not stingy: over the run it books close to the limit, and never far ahead.
    expect(slots.length / (now / 1000)).toBeGreaterThan(limit * 0.95);
    expect(Math.max(...slots) - now).toBeLessThanOrEqual(LEAD_MS + HORIZON_MS);
    expect(waits.every((w) => w > 0 && w <= HORIZON_MS)).toBe(true);
  });

  it("books the first slot LEAD_MS ahead and spaces the rest evenly, and says how long to wait when the horizon is full", () => {
    const schedule = new SlotSchedule();
    expect(schedule.take(10_000, 10, 14)).toEqual({ granted: 10, firstAt: 10_000 + LEAD_MS, spacingMs: SPAN_MS / 14, waitMs: 0 });
    const rest = schedule.take(10_000, 10, 14);
    expect(rest.granted).toBe(4); // 14 slots fit in the horizon
    expect(rest.firstAt).toBeCloseTo(10_000 + LEAD_MS + 10 * (SPAN_MS / 14));
    const full = schedule.take(10_000, 6, 14);
    expect(full.granted).toBe(0);
    // The wait is for room for all six, not for the first slot to free up.
    const early = new SlotSchedule(schedule.next);
    expect(early.take(10_000 + full.waitMs - 2, 6, 14).granted).toBe(5);
    expect(schedule.take(10_000 + full.waitMs, 6, 14).granted).toBe(6);
  });

  it("the Durable Object books no more than the horizon holds, and stores its timeline for a restart", async () => {
    const stub = env.SEND_RATE_LIMITER.get(env.SEND_RATE_LIMITER.idFromName(`test-${crypto.randomUUID()}`));
    const first = await stub.acquire(10, 14);
    const second = await stub.acquire(10, 14);
    expect(first.granted).toBe(10);
    expect(second.granted).toBe(4);
    expect((await stub.acquire(1, 14)).granted).toBe(0);
    const next = await runInDurableObject(stub, (_instance: SendRateLimiter, state) => state.storage.get<number>("next"));
    expect(next).toBeGreaterThan(Date.now());
  });
});
