// A hub request that passed its checks is accepted (202) and put on the queue for its
// verification; before that, the per-client rate and, for a new subscription, the caps.
import { countHit } from "../db/rate-limits.ts";
import { findSubscription, subscriptionCounts } from "../db/websub.ts";
import type { SendingDeps } from "../sending/sending-deps.ts";
import { clientKey } from "../subscriptions/subscribe-limits.ts";
import type { HubRequest } from "./hub-request.ts";
import { HUB_REQUEST_LIMIT, HUB_REQUEST_WINDOW_MS, MAX_SUBSCRIPTIONS, MAX_SUBSCRIPTIONS_PER_HOST, VERIFICATIONS_PER_DOMAIN } from "./hub-rules.ts";

export type Acceptance = { ok: true } | { ok: false; status: 403 | 429; code: string; message: string; field?: string; retryAfterSeconds?: number };

/** Counts one request from `client`; refuses past the limit, with the seconds until the window ends. */
export async function hubClientOverLimit(db: D1Database, client: string, now: number): Promise<Acceptance> {
  const hit = await countHit(db, `websub:${clientKey(client)}`, HUB_REQUEST_WINDOW_MS, now);
  if (hit.count <= HUB_REQUEST_LIMIT) return { ok: true };
  return { ok: false, status: 429, code: "rate_limited", message: "Too many hub requests from your network; try again later.", retryAfterSeconds: Math.ceil((hit.resetAt - now) / 1000) };
}

export async function acceptHubRequest(deps: Pick<SendingDeps, "db" | "queue">, request: HubRequest, now: number): Promise<Acceptance> {
  if (request.mode === "subscribe" && !(await findSubscription(deps.db, request.topic, request.callback))) {
    const counts = await subscriptionCounts(deps.db, request.callbackHost, now);
    if (counts.host >= MAX_SUBSCRIPTIONS_PER_HOST) {
      return { ok: false, status: 403, code: "too_many_subscriptions", message: `hub.callback: ${request.callbackHost} holds ${MAX_SUBSCRIPTIONS_PER_HOST} subscriptions, as many as this hub takes for one domain`, field: "hub.callback" };
    }
    if (counts.total >= MAX_SUBSCRIPTIONS) {
      return { ok: false, status: 403, code: "hub_full", message: "hub.callback: this hub holds as many subscriptions as it takes; try again later", field: "hub.callback" };
    }
  }
  // Verifications are calls to the callback's domain: however many clients ask, it gets only so many.
  const calls = await countHit(deps.db, `websub-domain:${request.callbackHost}`, HUB_REQUEST_WINDOW_MS, now);
  if (calls.count > VERIFICATIONS_PER_DOMAIN) {
    return { ok: false, status: 429, code: "rate_limited", message: `hub.callback: ${request.callbackHost} was asked to verify as many requests as it is in ${HUB_REQUEST_WINDOW_MS / 60_000} minutes; try again later`, field: "hub.callback", retryAfterSeconds: Math.ceil((calls.resetAt - now) / 1000) };
  }
  await deps.queue.sendBatch([{ body: { type: "websub-verify", request } }]);
  return { ok: true };
}
