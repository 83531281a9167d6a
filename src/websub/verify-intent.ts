// Verification of intent (W3C WebSub 5.3): the hub asks the callback to echo a random
// challenge, and only an exact echo with a 2xx status makes (or ends) the subscription. A
// network error or a 5xx is tried again later; any other answer ends the request with
// nothing stored.
import { deleteSubscription, findSubscription, recordTopic, subscriptionCounts, upsertSubscription } from "../db/websub.ts";
import type { SendingDeps } from "../sending/sending-deps.ts";
import { callbackWith, callCallback } from "./callback-fetch.ts";
import type { HubRequest } from "./hub-request.ts";
import { MAX_ECHO_BYTES, MAX_SUBSCRIPTIONS, MAX_SUBSCRIPTIONS_PER_HOST, VERIFY_TRIES } from "./hub-rules.ts";
import { armNextWake } from "./publish-check.ts";
import { findFeedTopic } from "../feeds/feed-topics.ts";
import { topicFingerprint } from "./topic-fingerprint.ts";

export type VerifyOutcome = "subscribed" | "unsubscribed" | "refused" | "denied" | "retry" | "gave_up";

export async function verifyIntent(deps: SendingDeps, request: HubRequest, attempt: number): Promise<VerifyOutcome> {
  const now = deps.now();
  const challenge = randomChallenge();
  const url = callbackWith(request.callback, {
    "hub.mode": request.mode,
    "hub.topic": request.topic,
    "hub.challenge": challenge,
    ...(request.mode === "subscribe" ? { "hub.lease_seconds": String(request.leaseSeconds) } : {}),
  });

  const answer = await callCallback(deps.fetch, url, { method: "GET" }, MAX_ECHO_BYTES, deps.config.siteUrl);
  if ("error" in answer || answer.status >= 500) {
    const why = "error" in answer ? answer.error : `answered ${answer.status}`;
    if (attempt < VERIFY_TRIES) {
      console.warn(`websub: verifying ${request.mode} of ${request.callback} to ${request.topic} failed (try ${attempt} of ${VERIFY_TRIES}): ${why}`);
      return "retry";
    }
    console.warn(`websub: gave up verifying ${request.mode} of ${request.callback} to ${request.topic}: ${why}`);
    return "gave_up";
  }
  if (answer.status < 200 || answer.status > 299 || answer.text.trim() !== challenge) return "refused";

  if (request.mode === "unsubscribe") {
    await deleteSubscription(deps.db, request.topic, request.callback);
    return "unsubscribed";
  }
  const topic = findFeedTopic(deps.config, deps.index, now, request.topic);
  if (!topic) return "refused"; // the feed went away while the request waited
  // The caps again: other requests may have been verified since this one was accepted.
  const existing = await findSubscription(deps.db, request.topic, request.callback);
  if (!existing) {
    const counts = await subscriptionCounts(deps.db, request.callbackHost, now);
    if (counts.host >= MAX_SUBSCRIPTIONS_PER_HOST || counts.total >= MAX_SUBSCRIPTIONS) {
      await deny(deps, request, "the hub holds as many subscriptions for this callback host as it takes");
      return "denied";
    }
  }
  // The topic's content as of now is what later changes are measured against.
  await recordTopic(deps.db, topic.url, await topicFingerprint(deps.config, deps.index, topic.scope, now), now);
  await upsertSubscription(deps.db, request, now);
  await armNextWake(deps, now, true);
  return "subscribed";
}

/** WebSub 5.2: the subscriber is told the subscription was refused. Its answer changes nothing. */
async function deny(deps: SendingDeps, request: HubRequest, reason: string): Promise<void> {
  const url = callbackWith(request.callback, { "hub.mode": "denied", "hub.topic": request.topic, "hub.reason": reason });
  await callCallback(deps.fetch, url, { method: "GET" }, 0, deps.config.siteUrl);
}

function randomChallenge(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
