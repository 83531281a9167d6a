// One SNS message posted to /webhooks/ses, from first byte to effect: checked against the
// trust rules before anything is read from it, then a subscription confirmed or an SES
// notification applied (an unknown row settled, a bounce or complaint applied), each message
// once (a replay is refused; a message whose effect failed is forgotten again, so SNS's
// redelivery gets through).
import { forgetSnsMessage, recordSnsMessage } from "../db/bounces.ts";
import { ApiError } from "../http/api-error.ts";
import { applySesNotification, sesNotificationSchema } from "./ses-notification.ts";
import { settleFromNotification } from "./settle-delivery.ts";
import { snsHost, snsMessageSchema, SnsTrustError, verifySnsMessage, type Fetcher, type SnsMessage } from "./sns-verify.ts";

export interface SnsDeps {
  db: D1Database;
  fetch: Fetcher;
  /** SNS_TOPIC_ARNS: the only topics taken. */
  topics: readonly string[];
  now: number;
}

/** What to answer SNS with; anything untrusted or malformed throws an ApiError (4xx) and changes nothing. */
export async function receiveSnsMessage(deps: SnsDeps, raw: unknown): Promise<Record<string, unknown>> {
  const message = await trustedMessage(deps, raw);
  if (message.Type === "SubscriptionConfirmation") return confirmSubscription(deps, message);
  if (message.Type === "UnsubscribeConfirmation") return { status: "ignored" };

  let notification;
  try {
    notification = sesNotificationSchema.parse(JSON.parse(message.Message));
  } catch {
    throw new ApiError(400, "invalid_notification", "the SNS message does not carry an SES notification", "Message");
  }
  const { settled, effects } = await once(deps, message, async () => {
    // Settled first: a bounce for a row whose fate was unknown then finds it by SES's id.
    const settled = await settleFromNotification(deps.db, notification, deps.now);
    return { settled, effects: await applySesNotification(deps.db, notification, deps.now) };
  });
  return { status: "processed", settled, effects: effects.map((e) => ({ effect: e.effect, subscriberId: e.subscriberId ?? null })) };
}

async function trustedMessage(deps: SnsDeps, raw: unknown): Promise<SnsMessage> {
  const parsed = snsMessageSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ApiError(400, "invalid_message", `not an SNS message: ${issue.path.join(".")} ${issue.message}`, issue.path.join(".") || "body");
  }
  try {
    await verifySnsMessage(parsed.data, deps.topics, deps.fetch, deps.now);
  } catch (err) {
    if (err instanceof SnsTrustError) throw new ApiError(err.status, "untrusted_message", err.message, "Signature");
    throw err;
  }
  return parsed.data;
}

/** Confirmed only through a SubscribeURL on the SNS host that signed the message. */
async function confirmSubscription(deps: SnsDeps, message: SnsMessage): Promise<Record<string, unknown>> {
  const target = message.SubscribeURL ? snsHost(message.SubscribeURL) : undefined;
  if (!target || target.host !== snsHost(message.SigningCertURL)!.host) {
    throw new ApiError(403, "untrusted_message", "SubscribeURL is not on the SNS host that signed the message", "SubscribeURL");
  }
  await once(deps, message, async () => {
    const res = await deps.fetch(message.SubscribeURL!).catch(() => undefined);
    if (!res?.ok) throw new ApiError(502, "confirm_failed", `SNS did not accept the subscription confirmation (${res?.status ?? "no answer"})`);
  });
  return { status: "subscription confirmed", topic: message.TopicArn };
}

/** Runs `effect` for a message id seen for the first time; a replay is a 409. */
async function once<T>(deps: SnsDeps, message: SnsMessage, effect: () => Promise<T>): Promise<T> {
  if (!(await recordSnsMessage(deps.db, message.MessageId, deps.now))) throw new ApiError(409, "replayed", "this SNS message was already received", "MessageId");
  try {
    return await effect();
  } catch (err) {
    await forgetSnsMessage(deps.db, message.MessageId); // not applied: SNS's redelivery must get through
    throw err;
  }
}
