// GET /api/websub: the hub's subscriptions and how their pushes went, for the authors.
import { ApiError } from "../http/api-error.ts";
import { authorRouter } from "../http/author-router.ts";
import { hubView } from "../websub/hub-view.ts";

export const websubApi = authorRouter();

websubApi.get("/api/websub", async (c) => {
  const limit = Number(c.req.query("limit") ?? 100);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new ApiError(400, "invalid_limit", "limit must be a whole number from 1 to 1000", "limit");
  return c.json(await hubView(c.env.DB, limit));
});
