// POST /webhooks/ses: Amazon SNS notifications of SES bounces and complaints. The route reads
// the body; src/webhooks/receive-sns.ts checks and applies the message.
import { Hono } from "hono";
import type { AppEnv } from "../app-env.ts";
import { ApiError } from "../http/api-error.ts";
import { limitBody } from "../http/limit-body.ts";
import { receiveSnsMessage } from "../webhooks/receive-sns.ts";

export const sesWebhook = new Hono<AppEnv>();

sesWebhook.post(
  "/webhooks/ses",
  limitBody(256 * 1024, "an SNS message is at most 256 KB"),
  async (c) => {
    let raw: unknown;
    try {
      raw = JSON.parse(await c.req.text()); // SNS posts JSON as text/plain
    } catch {
      throw new ApiError(400, "invalid_json", "the body is not an SNS message (JSON)", "body");
    }
    const { now, fetch } = c.get("deps");
    return c.json(await receiveSnsMessage({ db: c.env.DB, fetch, topics: c.get("config").snsTopicArns, now: now() }, raw));
  },
);
