// Each SES call goes out at its own slot or not at all: a call held up (here by a slow SES
// and a single connection) gives its slot back and books a new one, rather than going out
// late and crowding the next second.
import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { findSend } from "../../src/db/sends.ts";
import { sesMailer, type Mailer } from "../../src/mail/ses-mailer.ts";
import { InFlightCap } from "../../src/sending/in-flight-cap.ts";
import { LATE_MS } from "../../src/sending/tuning.ts";
import { startDailySend } from "../../src/sending/start-send.ts";
import { addSubscribers, capturingQueue, clearLedger, config, consume, copies, DAY1, DAY1_DUE, deliverUntilAcked, ledger, testDeps } from "./sending-helpers.ts";

beforeEach(clearLedger);

/**
 * A call may read as starting up to 1 ms before its slot: slots fall on fractions of a
 * millisecond, the clock reads whole ones, and atSlot does not sleep for less than 1 ms.
 */
const EARLY_MS = 1;

/** Pairs each call with the latest unused slot at or before it; returns how late each call was. */
function lateness(slots: number[], starts: number[]): number[] {
  const free = [...slots].sort((a, b) => a - b);
  return [...starts].sort((a, b) => a - b).map((t) => {
    let i = free.length - 1;
    while (i >= 0 && free[i]! > t + EARLY_MS) i--;
    if (i < 0) return Infinity; // a call before any slot
    const [slot] = free.splice(i, 1);
    return t - slot!;
  });
}

describe("pacing at the slot", () => {
  it("with one connection and a slow SES, no call starts more than LATE_MS after a slot of its own, and everyone gets one copy", async () => {
    const people = await addSubscribers(8);
    const clock = { now: DAY1_DUE + 60_000 };
    const base = testDeps(() => clock.now);
    const slots: number[] = [];
    const starts: number[] = [];
    const real = sesMailer(config.ses);
    const slow: Mailer = {
      // SES answers after 120 ms: the one connection stays taken that long.
      async send(message) {
        const outcome = await real.send(message);
        if (!outcome.ok && outcome.kind === "late") return outcome; // never made: it comes back for a new slot
        await new Promise((r) => setTimeout(r, 120));
        return outcome;
      },
    };
    // A call starts when its request is handed to fetch: stamped there, not guessed from when
    // the mailer was handed the call (a loaded machine hands it late, and the guess ran ahead
    // of the real start). A call held past its slot never reaches fetch.
    const realFetch = globalThis.fetch;
    const sesEndpoint = config.ses.endpoint!; // the tests' local endpoint
    globalThis.fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
      const url = input instanceof Request ? input.url : String(input);
      if (url.startsWith(sesEndpoint)) starts.push(Date.now());
      return realFetch(input, init);
    }) as typeof fetch;
    const q = capturingQueue();
    const deps = testDeps(() => clock.now, {
      queue: q.queue,
      mailer: slow,
      inFlight: new InFlightCap(1),
      config: { ...config, maxSendRate: 20 },
      limiter: {
        async acquire(n, limit) {
          const got = await base.limiter.acquire(n, limit);
          for (let k = 0; k < got.granted; k++) slots.push(got.firstAt + k * got.spacingMs);
          return got;
        },
      },
    });
    let send: Awaited<ReturnType<typeof startDailySend>>["send"];
    try {
      send = (await startDailySend(deps, DAY1, "daily")).send;
      await consume(q.take(), deps); // prepare
      await deliverUntilAcked(q.take(), deps);
    } finally {
      globalThis.fetch = realFetch;
    }

    expect(starts).toHaveLength(8);
    // Slots went unused (calls held behind the one connection gave theirs back)…
    expect(slots.length).toBeGreaterThan(8);
    // …and every call that did start, started on a slot of its own.
    for (const late of lateness(slots, starts)) expect(late).toBeLessThanOrEqual(LATE_MS + 2);
    expect((await ledger(send.id)).map((r) => r.status)).toEqual(people.map(() => "sent"));
    const subject = (await env.DB.prepare("SELECT subject FROM sends WHERE id = ?1").bind(send.id).first<{ subject: string }>())!.subject;
    expect([...(await copies(people.map((p) => p.email), subject)).values()]).toEqual(people.map(() => 1));
    expect((await findSend(env.DB, send.id))!.status).toBe("done");
  });
});

describe("the in-flight cap", () => {
  it("never runs more than its size at once and runs every call", async () => {
    const cap = new InFlightCap(3);
    let running = 0;
    let most = 0;
    const done = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        cap.run(async () => {
          most = Math.max(most, ++running);
          await new Promise((r) => setTimeout(r, 1 + (i % 4)));
          running--;
          return i;
        }),
      ),
    );
    expect(most).toBe(3);
    expect(done).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });
});
