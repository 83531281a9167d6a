// GET /api/websub: the hub's subscriptions and how their pushes went, for the authors;
// DELETE /api/websub?topic=…&callback=… removes one.
import { ApiError } from "../http/api-error.ts";
import { authorRouter } from "../http/author-router.ts";
import { hubView, removeHubSubscription } from "../websub/hub-view.ts";

export const websubApi = authorRouter();

websubApi.get("/api/websub", async (c) => {
  const limit = Number(c.req.query("limit") ?? 100);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new ApiError(400, "invalid_limit", "limit must be a whole number from 1 to 1000", "limit");
  return c.json(await hubView(c.env.DB, limit));
});

websubApi.delete("/api/websub", async (c) => {
  const topic = c.req.query("topic");
  const callback = c.req.query("callback");
  if (!topic) throw new ApiError(400, "invalid_topic", "topic is required: the subscription's topic, as GET /api/websub shows it", "topic");
  if (!callback) throw new ApiError(400, "invalid_callback", "callback is required: the subscription's callback, as GET /api/websub shows it", "callback");
  if (!(await removeHubSubscription(c.env.DB, topic, callback))) throw new ApiError(404, "not_found", "no subscription has that topic and callback", "callback");
  return c.json({ removed: { topic, callback } });
});
