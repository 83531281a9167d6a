// POST /webhooks/ses: Amazon SNS notifications of SES bounces and complaints. Every
// message is verified before anything is read from it; forged, unsigned, replayed,
// foreign-topic or malformed messages get 4xx and change nothing.
import { Hono } from "hono";
import type { AppEnv } from "../app-env.ts";
import { forgetSnsMessage, recordSnsMessage } from "../db/bounces.ts";
import { ApiError } from "../http/api-error.ts";
import { limitBody } from "../http/limit-body.ts";
import { applySesNotification, sesNotificationSchema } from "../webhooks/ses-notification.ts";
import { snsHost, snsMessageSchema, SnsTrustError, verifySnsMessage } from "../webhooks/sns-verify.ts";

export const sesWebhook = new Hono<AppEnv>();

sesWebhook.post(
  "/webhooks/ses",
  limitBody(256 * 1024, "an SNS message is at most 256 KB"),
  async (c) => {
    const config = c.get("config");
    const { now, fetch: fetchUrl } = c.get("deps");
    let raw: unknown;
    try {
      raw = JSON.parse(await c.req.text()); // SNS posts JSON as text/plain
    } catch {
      throw new ApiError(400, "invalid_json", "the body is not an SNS message (JSON)", "body");
    }
    const parsed = snsMessageSchema.safeParse(raw);
    if (!parsed.success) throw new ApiError(400, "invalid_message", `not an SNS message: ${parsed.error.issues[0]!.path.join(".")} ${parsed.error.issues[0]!.message}`, parsed.error.issues[0]!.path.join(".") || "body");
    const message = parsed.data;
    const at = now();
    try {
      await verifySnsMessage(message, config.snsTopicArns, fetchUrl, at);
    } catch (err) {
      if (err instanceof SnsTrustError) throw new ApiError(err.status, "untrusted_message", err.message, "Signature");
      throw err;
    }

    if (message.Type === "SubscriptionConfirmation") {
      const target = message.SubscribeURL ? snsHost(message.SubscribeURL) : undefined;
      if (!target || target.host !== snsHost(message.SigningCertURL)!.host) {
        throw new ApiError(403, "untrusted_message", "SubscribeURL is not on the SNS host that signed the message", "SubscribeURL");
      }
      if (!(await recordSnsMessage(c.env.DB, message.MessageId, at))) throw new ApiError(409, "replayed", "this SNS message was already received", "MessageId");
      const res = await fetchUrl(message.SubscribeURL!).catch(() => undefined);
      if (!res?.ok) {
        await forgetSnsMessage(c.env.DB, message.MessageId); // SNS retries; let the retry in
        throw new ApiError(502, "confirm_failed", `SNS did not accept the subscription confirmation (${res?.status ?? "no answer"})`);
      }
      return c.json({ status: "subscription confirmed", topic: message.TopicArn });
    }
    if (message.Type === "UnsubscribeConfirmation") return c.json({ status: "ignored" });

    let notification;
    try {
      notification = sesNotificationSchema.parse(JSON.parse(message.Message));
    } catch {
      throw new ApiError(400, "invalid_notification", "the SNS message does not carry an SES notification", "Message");
    }
    if (!(await recordSnsMessage(c.env.DB, message.MessageId, at))) throw new ApiError(409, "replayed", "this SNS message was already received", "MessageId");
    let effects;
    try {
      effects = await applySesNotification(c.env.DB, notification, at);
    } catch (err) {
      await forgetSnsMessage(c.env.DB, message.MessageId); // not applied: the redelivery must get through
      throw err;
    }
    return c.json({ status: "processed", effects: effects.map((e) => ({ effect: e.effect, subscriberId: e.subscriberId ?? null })) });
  },
);
