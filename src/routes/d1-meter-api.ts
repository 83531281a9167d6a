// GET /api/d1-meter: what the sending pipeline asked of D1 so far (src/util/d1-meter.ts),
// and how many daily emails this isolate rendered (a send renders once per variant);
// DELETE starts the counts again. Only when D1_METER is "on" (the sending benchmark);
// otherwise the route does not exist.
import { ApiError } from "../http/api-error.ts";
import { authorRouter } from "../http/author-router.ts";
import { renderCount } from "../email/render-daily.ts";
import { d1Totals, resetD1Totals } from "../util/d1-meter.ts";

export const d1MeterApi = authorRouter();

d1MeterApi.use("/api/d1-meter", async (c, next) => {
  if ((c.env as { D1_METER?: string }).D1_METER !== "on") throw new ApiError(404, "not_found", "no such route (D1_METER is off)");
  await next();
});
d1MeterApi.get("/api/d1-meter", (c) => c.json({ ...d1Totals, renders: renderCount.email }));
d1MeterApi.delete("/api/d1-meter", (c) => {
  resetD1Totals();
  renderCount.email = 0;
  return c.body(null, 204);
});
