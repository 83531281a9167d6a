// POST /websub: Herald's WebSub hub, for its own feeds only. A request is checked, answered
// 202 and verified later with the callback (src/websub/verify-intent.ts); a refused one is
// a 4xx naming the parameter, and nothing is stored.
import { Hono } from "hono";
import type { AppEnv } from "../app-env.ts";
import { ApiError } from "../http/api-error.ts";
import { limitBody } from "../http/limit-body.ts";
import { readFields } from "../http/read-fields.ts";
import { acceptHubRequest, hubClientOverLimit } from "../websub/accept-request.ts";
import { HUB_FIELDS, readHubRequest } from "../websub/hub-request.ts";

const MAX_BODY_BYTES = 8 * 1024;

export const websubRoutes = new Hono<AppEnv>();

websubRoutes.post("/websub", limitBody(MAX_BODY_BYTES), async (c) => {
  const { now: clock, index } = c.get("deps");
  const now = clock();
  const rate = await hubClientOverLimit(c.env.DB, c.req.header("cf-connecting-ip") ?? "unknown", now);
  if (!rate.ok) {
    c.header("Retry-After", String(rate.retryAfterSeconds));
    throw new ApiError(rate.status, rate.code, rate.message);
  }
  // Every hub.* field is kept whole when repeated, so a second value is refused, not silently taken.
  const read = readHubRequest(await readFields(c, HUB_FIELDS), { config: c.get("config"), index, now });
  if (!read.ok) throw new ApiError(read.status, read.code, read.message, read.field);
  const accepted = await acceptHubRequest(c.get("deps").sending(c.env, c.get("config")), read.request, now);
  if (!accepted.ok) {
    if (accepted.retryAfterSeconds !== undefined) c.header("Retry-After", String(accepted.retryAfterSeconds));
    throw new ApiError(accepted.status, accepted.code, accepted.message, accepted.field);
  }
  c.header("Cache-Control", "no-store");
  return c.text(`Accepted: the hub will now ask ${read.request.callback} to confirm this ${read.request.mode} request.\n`, 202);
});

websubRoutes.on(["GET", "HEAD", "PUT", "DELETE", "PATCH"], "/websub", (c) => {
  c.header("Allow", "POST");
  throw new ApiError(405, "method_not_allowed", `This is a WebSub hub: POST a form with hub.mode, hub.topic and hub.callback. Feeds name it in <link rel="hub">.`);
});
