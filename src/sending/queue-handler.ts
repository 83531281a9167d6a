// The queue consumer: each message is a step of a send. A step that throws is retried by
// the queue; the ledger makes running a step twice harmless. The messages of a batch run
// side by side (each its own rows), so one consumer keeps many SES calls in flight.
import { backoffMs, deliverBatch } from "./deliver.ts";
import { InFlightCap, INVOCATION_CONNECTIONS } from "./in-flight-cap.ts";
import { prepareStep } from "./prepare-send.ts";
import { requeueStep } from "./requeue.ts";
import type { SendingDeps, SendMessage } from "./sending-deps.ts";

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
    else {
      const result = await deliverBatch(deps, body.sendId, body.ids, message.attempts);
      if (!result.done) return message.retry({ delaySeconds: Math.ceil(result.retryAfterMs / 1000) });
    }
    message.ack();
  } catch (err) {
    console.error(`send step ${JSON.stringify(body).slice(0, 200)} failed (attempt ${message.attempts})`, err);
    message.retry({ delaySeconds: Math.ceil(backoffMs(message.attempts) / 1000) });
  }
}
