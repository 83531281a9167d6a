// Content distribution (W3C WebSub 7): a change of a topic, pushed to one subscriber's
// callback as the feed itself, signed when the subscriber gave a secret; or an external
// hub's publish ping. A failure is tried again later through the queue, with growing waits;
// after PUSH_TRIES the push is dropped, and a callback whose pushes keep being dropped loses
// its subscription. A 410 Gone ends the subscription at once.
import { claimPush, markPushDropped, markPushRetry, markPushSent, removeSubscriptionById, type HubSubscription } from "../db/websub.ts";
import { hubUrl } from "../content/urls.ts";
import type { SendingDeps } from "../sending/sending-deps.ts";
import { callCallback } from "./callback-fetch.ts";
import { DROPS_BEFORE_REMOVAL, PUSH_LEASE_MS, PUSH_TRIES, pushRetryMs } from "./hub-rules.ts";
import { enqueuePushes } from "./publish-check.ts";
import { hubSignature } from "./signature.ts";
import { topicContent } from "./topic-content.ts";
import { findFeedTopic } from "../feeds/feed-topics.ts";
import { feedLinkHeader } from "../feeds/feed-link-header.ts";

export type PushOutcome = "sent" | "retry" | "dropped" | "gone" | "skipped";

export async function deliverPushes(deps: SendingDeps, ids: readonly number[]): Promise<PushOutcome[]> {
  return Promise.all(ids.map((id) => deliverPush(deps, id)));
}

async function deliverPush(deps: SendingDeps, id: number): Promise<PushOutcome> {
  const now = deps.now();
  const push = await claimPush(deps.db, id, now, PUSH_LEASE_MS);
  if (!push) return "skipped"; // done, dropped, not due yet, or held by another consumer
  const attempt = push.to.kind === "hub" ? await pingHub(deps, push.topic, push.to.hub) : await postContent(deps, push.topic, push.to.subscription, now);
  if (attempt === "sent") {
    await markPushSent(deps.db, push, deps.now());
    return "sent";
  }
  if (attempt === "gone" && push.to.kind === "subscription") {
    await removeSubscriptionById(deps.db, push.to.subscription.id);
    return "gone";
  }
  const error = attempt === "gone" ? "answered 410 Gone" : attempt.error;
  if (push.attempts >= PUSH_TRIES) {
    await markPushDropped(deps.db, push, error, DROPS_BEFORE_REMOVAL, deps.now());
    console.warn(`websub: dropped push ${push.id} of ${push.topic} after ${push.attempts} tries: ${error}`);
    return "dropped";
  }
  const waitMs = pushRetryMs(push.attempts);
  await markPushRetry(deps.db, push.id, error, now + waitMs, deps.now());
  await enqueuePushes(deps, [push.id], Math.ceil(waitMs / 1000));
  return "retry";
}

type Attempt = "sent" | "gone" | { error: string };

async function postContent(deps: SendingDeps, topicUrl: string, subscription: HubSubscription, now: number): Promise<Attempt> {
  const topic = findFeedTopic(deps.config, deps.index, now, topicUrl);
  if (!topic) return { error: "the topic is no longer a feed of this site" };
  const { body, contentType } = await topicContent(deps, topic, now);
  const headers = new Headers({ "Content-Type": contentType, Link: feedLinkHeader([hubUrl(deps.config)], topic.url) });
  const { secret, callback } = subscription;
  if (secret) headers.set("X-Hub-Signature", await hubSignature(secret, body));
  return outcome(await callCallback(deps.fetch, callback, { method: "POST", headers, body }, 256, deps.config.siteUrl));
}

/** A publish ping as the common hubs take it: the topic's URL, form-encoded. */
async function pingHub(deps: SendingDeps, topicUrl: string, hub: string): Promise<Attempt> {
  const body = new URLSearchParams({ "hub.mode": "publish", "hub.url": topicUrl }).toString();
  return outcome(await callCallback(deps.fetch, hub, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body }, 256, deps.config.siteUrl));
}

function outcome(answer: Awaited<ReturnType<typeof callCallback>>): Attempt {
  if ("error" in answer) return answer;
  if (answer.status >= 200 && answer.status <= 299) return "sent";
  if (answer.status === 410) return "gone";
  return { error: `answered ${answer.status}` };
}
