// What the author API answers when none of its routes matched: its own JSON error, never
// the site's HTML 404 page — 405 with `Allow` for a path it serves under other methods,
// 404 for a path it does not have. Everything outside /api/ goes to `otherwise`.
import type { Context, Hono, NotFoundHandler } from "hono";
import { TrieRouter } from "hono/router/trie-router";
import type { AppEnv } from "../app-env.ts";
import { ApiError } from "../http/api-error.ts";

export function apiNotFound(routers: Hono<AppEnv>[], otherwise: NotFoundHandler<AppEnv>): NotFoundHandler<AppEnv> {
  // The routers' own routes, by method; "ALL" entries are their middleware (the guard).
  const known = new TrieRouter<true>();
  const methods = new Set<string>();
  for (const route of routers.flatMap((r) => r.routes)) {
    if (route.method === "ALL") continue;
    known.add(route.method, route.path, true);
    methods.add(route.method);
  }
  return (c: Context<AppEnv>) => {
    if (!c.req.path.startsWith("/api/")) return otherwise(c);
    const allowed = [...methods].filter((m) => known.match(m, c.req.path)[0].length > 0).sort();
    // Hono answers HEAD wherever GET is served.
    if (allowed.includes("GET")) allowed.splice(allowed.indexOf("GET") + 1, 0, "HEAD");
    c.header("Cache-Control", "no-store");
    if (allowed.length === 0) return c.json(new ApiError(404, "not_found", `the author API has no ${c.req.path}`).toJSON(), 404);
    c.header("Allow", allowed.join(", "));
    return c.json(new ApiError(405, "method_not_allowed", `${c.req.path} answers ${allowed.join(", ")}, not ${c.req.method}`).toJSON(), 405);
  };
}
