// GET /api/alerts: the alerts Herald raised for the authors and what became of their mail.
import { ApiError } from "../http/api-error.ts";
import { authorRouter } from "../http/author-router.ts";
import { alertPage } from "../sending/alerts.ts";

export const alertApi = authorRouter();

alertApi.get("/api/alerts", async (c) => {
  const limit = Number(c.req.query("limit") ?? 50);
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw new ApiError(400, "invalid_limit", "limit must be a whole number from 1 to 200", "limit");
  const before = c.req.query("before") ?? String(Number.MAX_SAFE_INTEGER);
  if (!/^\d{1,16}$/.test(before)) throw new ApiError(400, "invalid_cursor", "before must be the `next` value of an earlier page", "before");
  return c.json(await alertPage(c.env.DB, Number(before), limit));
});
