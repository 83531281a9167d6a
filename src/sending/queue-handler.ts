// The queue consumer: each message is a step of a send. A step that throws is retried by
// the queue; the ledger makes running a step twice harmless. The messages of a batch run
// side by side (each its own rows), so one consumer keeps many SES calls in flight.
import { requestSubscription } from "../subscriptions/request-subscription.ts";
import { deliverBatch, type DeliverResult } from "./deliver.ts";
import { deliverNotices } from "./deliver-notices.ts";
import { enqueueNotices } from "./enqueue.ts";
import { InFlightCap } from "./in-flight-cap.ts";
import { prepareStep } from "./prepare-send.ts";
import { requeueStep } from "./requeue.ts";
import type { SendingDeps, SendMessage } from "./sending-deps.ts";
import { backoffMs, INVOCATION_CONNECTIONS } from "./tuning.ts";
import { deliverPushes } from "../websub/deliver-push.ts";
import { verifyRetrySeconds } from "../websub/hub-rules.ts";
import { checkTopics } from "../websub/publish-check.ts";
import { verifyIntent } from "../websub/verify-intent.ts";

export interface QueueMessage {
  body: SendMessage;
  attempts: number;
  ack(): void;
  retry(options?: { delaySeconds?: number }): void;
}

export async function handleSendBatch(messages: readonly QueueMessage[], deps: SendingDeps): Promise<void> {
  // One invocation: its messages share the runtime's limit on open connections.
  const shared = { ...deps, inFlight: deps.inFlight ?? new InFlightCap(INVOCATION_CONNECTIONS) };
  await Promise.all(messages.map((message) => handleOne(message, shared)));
}

async function handleOne(message: QueueMessage, deps: SendingDeps): Promise<void> {
  const body = message.body;
  try {
    if (body.type === "prepare") await prepareStep(deps, body.sendId);
    else if (body.type === "requeue") await requeueStep(deps, body.sendId, body.afterId, body.staleBefore);
    else if (body.type === "subscribe") await subscribeStep(deps, body);
    else if (body.type === "websub-verify") {
      if ((await verifyIntent(deps, body.request, message.attempts)) === "retry") return message.retry({ delaySeconds: verifyRetrySeconds(message.attempts) });
    } else if (body.type === "websub-push") await deliverPushes(deps, body.ids);
    else if (body.type === "websub-check") await checkTopics(deps, deps.now());
    else {
      const result: DeliverResult = body.type === "notices" ? await deliverNotices(deps, body.ids) : await deliverBatch(deps, body.sendId, body.ids, message.attempts);
      if (!result.done) return message.retry({ delaySeconds: Math.ceil(result.retryAfterMs / 1000) });
    }
    message.ack();
  } catch (err) {
    // A subscribe request carries an address, a hub request a secret: the log names the step.
    const step = body.type === "subscribe" ? `subscribe (${body.source})` : body.type === "websub-verify" ? `websub-verify (${body.request.mode})` : JSON.stringify(body).slice(0, 200);
    console.error(`send step ${step} failed (attempt ${message.attempts})`, err);
    message.retry({ delaySeconds: Math.ceil(backoffMs(message.attempts) / 1000) });
  }
}

/** A subscribe request, after its answer: recorded, and its confirmation sent at once if one is due. */
async function subscribeStep(deps: SendingDeps, request: Extract<SendMessage, { type: "subscribe" }>): Promise<void> {
  if (request.trapped) return; // the honeypot: the same work at the door, nothing after it
  const result = await requestSubscription(deps.db, request.email, request.source, request.at, request.follows ?? null, request);
  if (result.outcome !== "confirmation_queued") return;
  const sent = await deliverNotices(deps, [result.noticeId]);
  if (!sent.done) await enqueueNotices(deps, [result.noticeId], Math.ceil(sent.retryAfterMs / 1000));
}
