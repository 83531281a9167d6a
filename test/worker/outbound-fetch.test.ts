// The Worker's outbound fetch (SNS certificates and confirmations, Turnstile, the hub's
// callbacks) reaches a real server and takes a redirect as an answer, never following it.
// Before, it asked workerd for redirect "error", which workerd refuses with a TypeError, so
// every such call failed before it left.
import { env } from "cloudflare:test";
import { expect, it } from "vitest";
import { workerDeps } from "../../src/worker-deps.ts";

const SUBSCRIBER = (env as unknown as { WEBSUB_SUBSCRIBER: string }).WEBSUB_SUBSCRIBER;

it("reaches a local server", async () => {
  const res = await workerDeps.fetch(`${SUBSCRIBER}/cb/outbound-probe?hub.challenge=reached`);
  expect(res.status).toBe(200);
  expect(await res.text()).toBe("reached");
});

it("takes a redirect as the answer, without following it", async () => {
  const res = await workerDeps.fetch(`${SUBSCRIBER}/redirect/outbound-probe-2?hub.challenge=followed`);
  expect(res.status).toBe(302);
  const seen = (await (await fetch(`${SUBSCRIBER}/control/outbound-probe-2`)).json()) as unknown[];
  expect(seen).toEqual([]);
});
