// The stylesheet, the site's icons and card, and content images. Post bodies under /_bodies/ are
// never served directly: they may belong to posts not yet published.
import { Hono, type Context } from "hono";
import type { AppEnv } from "../app-env.ts";
import { SITE_CARD } from "../content/site-card.ts";
import { SITE_ICONS } from "../content/site-icons.ts";
import { STYLE, STYLE_PATH } from "../pages/style.ts";

export const staticRoutes = new Hono<AppEnv>();

// A trivial route: uptime checks, and the baseline the feed benchmarks compare against.
staticRoutes.get("/healthz", (c) => c.text("ok"));

staticRoutes.get(STYLE_PATH, (c) => {
  c.header("Cache-Control", "public, max-age=86400");
  return c.body(STYLE, 200, { "Content-Type": "text/css; charset=utf-8" });
});

async function fromAssets(c: Context<AppEnv>): Promise<Response> {
  const response = await c.env.ASSETS.fetch(c.req.raw);
  if (response.status === 404) return c.notFound();
  // Asset responses have immutable headers; copy so the security headers can be added.
  return new Response(response.body, response);
}

staticRoutes.get("/images/*", fromAssets);
for (const path of Object.values(SITE_ICONS)) staticRoutes.get(path, fromAssets);
staticRoutes.get(SITE_CARD.path, fromAssets);
