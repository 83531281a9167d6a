// The hub under wrangler dev, as a feed service meets it: a subscriber's callback server in
// this process, the Worker's own queue carrying the verification and the pushes, its
// scheduled handler (fired by hand: no cron runs locally) noticing a change. The scheduled
// event is given a time in 2015 between two recaps, so the feeds' content as of then differs
// from what the subscription recorded (every sample post is public by now); alternating two
// such times makes each firing a change.
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { freePort } from "../support/free-port.ts";
import { waitFor } from "../support/wait-for.ts";
import { startWebSubSubscriber, type CallbackRequest } from "../support/websub-subscriber.ts";

const baseUrl = inject("baseUrl");
const AUTH = { Authorization: "Bearer test-author-token-0001" };
const TOPIC = `${baseUrl}/events/kubecon-2015/atom.xml`;
const TIMES = [Date.parse("2015-11-09T18:35:00-08:00"), Date.parse("2015-11-10T18:35:00-08:00")];
const LIMIT_MS = 60_000;

let subscriber: Awaited<ReturnType<typeof startWebSubSubscriber>>;
beforeAll(async () => {
  subscriber = await startWebSubSubscriber(await freePort());
});
afterAll(() => subscriber.close());

const seen = async (name: string): Promise<CallbackRequest[]> => (await fetch(`${subscriber.url}/control/${name}`)).json() as Promise<CallbackRequest[]>;
const pushes = async (name: string) => (await seen(name)).filter((r) => r.method === "POST");

async function hub(mode: string, name: string, extra: Record<string, string> = {}): Promise<Response> {
  return fetch(`${baseUrl}/websub`, { method: "POST", body: new URLSearchParams({ "hub.mode": mode, "hub.topic": TOPIC, "hub.callback": `${subscriber.url}/cb/${name}`, ...extra }) });
}

/**
 * Asks until the hub holds (or no longer holds) the subscription, as a WebSub client does when
 * no verification comes: wrangler dev's local queue has been seen to lose a message (see
 * queue-warm-up.ts), and production's answer to that is the subscriber asking again.
 */
async function askUntil(mode: "subscribe" | "unsubscribe", name: string, extra: Record<string, string> = {}): Promise<void> {
  for (let attempt = 1; attempt <= 3; attempt++) {
    expect((await hub(mode, name, extra)).status).toBe(202);
    if (await waitFor(async () => (await subscribed(name)) === (mode === "subscribe"), LIMIT_MS / 3, 200)) return;
    console.warn(`websub e2e: no ${mode} verification for ${name} within ${LIMIT_MS / 3000} s (try ${attempt}); asking again`);
  }
  throw new Error(`the hub never verified the ${mode} of ${name}`);
}

async function subscribed(name: string): Promise<boolean> {
  const view = (await (await fetch(`${baseUrl}/api/websub?limit=1000`, { headers: AUTH })).json()) as { subscriptions: { callback: string }[] };
  return view.subscriptions.some((s) => s.callback === `${subscriber.url}/cb/${name}`);
}

let firing = 0;
/** One run of the scheduled handler at one of the two 2015 times, in turn. */
async function fireSchedule(): Promise<void> {
  const res = await fetch(`${baseUrl}/cdn-cgi/local/scheduled?cron=${encodeURIComponent("*/15 * * * *")}&time=${TIMES[firing++ % 2]}`);
  expect(res.status).toBe(200);
}

describe("the WebSub hub under wrangler dev", () => {
  it("verifies through the queue, pushes a change signed, and pushes nothing after an unsubscribe", { timeout: 6 * LIMIT_MS }, async () => {
    const tag = crypto.randomUUID().slice(0, 8);
    const [leaving, staying] = [`leaving-${tag}`, `staying-${tag}`];
    for (const name of [leaving, staying]) await fetch(`${subscriber.url}/control/${name}`, { method: "PUT", body: "{}" });

    await askUntil("subscribe", leaving, { "hub.secret": "an-e2e-secret" });
    await askUntil("subscribe", staying);
    const [check] = await seen(leaving);
    expect(check!.query).toMatchObject({ "hub.mode": "subscribe", "hub.topic": TOPIC });

    expect(await waitFor(async () => (await fireSchedule(), (await pushes(leaving)).length > 0), LIMIT_MS, 1_000)).toBeDefined();
    const [push] = await pushes(leaving);
    expect(push!.headers["content-type"]).toBe("application/atom+xml; charset=utf-8");
    expect(push!.headers["link"]).toContain(`<${TOPIC}>; rel="self"`);
    expect(push!.headers["link"]).toContain(`<${baseUrl}/websub>; rel="hub"`);
    expect(push!.headers["x-hub-signature"]).toBe(`sha256=${createHmac("sha256", "an-e2e-secret").update(push!.body).digest("hex")}`);
    expect(push!.body).toContain("<feed");

    await askUntil("unsubscribe", leaving);
    const before = { leaving: (await pushes(leaving)).length, staying: (await pushes(staying)).length };
    // The subscriber that stayed shows when a change has been pushed since.
    expect(await waitFor(async () => (await fireSchedule(), (await pushes(staying)).length > before.staying), LIMIT_MS, 1_000)).toBeDefined();
    expect((await pushes(leaving)).length).toBe(before.leaving);
  });
});
