// What the author API and the desk answer when none of their routes matched. The API: its
// own JSON error, never the site's HTML 404 page — 405 with `Allow` for a path it serves under
// other methods, 404 for a path it does not have. The desk: the same, as its own page with a
// way back (a browser without a session never gets here: the desk's guard sends it to sign
// in first). Everything else goes to `otherwise`.
import type { Context, Hono, NotFoundHandler } from "hono";
import type { AppEnv } from "../app-env.ts";
import { deskErrorPage } from "../desk/desk-page.ts";
import { ApiError } from "../http/api-error.ts";
import { routeMethods } from "../http/route-methods.ts";

export function apiNotFound(routers: Hono<AppEnv>[], otherwise: NotFoundHandler<AppEnv>): NotFoundHandler<AppEnv> {
  const methodsAt = routeMethods(routers);
  return (c: Context<AppEnv>) => {
    if (!c.req.path.startsWith("/api/")) return otherwise(c);
    const allowed = methodsAt(c.req.path);
    c.header("Cache-Control", "no-store");
    if (allowed.length === 0) return c.json(new ApiError(404, "not_found", `the author API has no ${c.req.path}`).toJSON(), 404);
    c.header("Allow", allowed.join(", "));
    return c.json(new ApiError(405, "method_not_allowed", `${c.req.path} answers ${allowed.join(", ")}, not ${c.req.method}`).toJSON(), 405);
  };
}

export function deskNotFound(routers: Hono<AppEnv>[], otherwise: NotFoundHandler<AppEnv>): NotFoundHandler<AppEnv> {
  const methodsAt = routeMethods(routers);
  return (c: Context<AppEnv>) => {
    const { path } = c.req;
    if (path !== "/admin" && !path.startsWith("/admin/")) return otherwise(c);
    // A desk path written with a trailing slash: the page without it.
    if (path.endsWith("/") && methodsAt(path.slice(0, -1)).includes(c.req.method)) return c.redirect(path.slice(0, -1) + new URL(c.req.url).search, 308);
    const allowed = methodsAt(path);
    c.header("Cache-Control", "no-store");
    if (allowed.length === 0) return c.html(deskErrorPage(c, `The desk has no page at ${path}.`), 404);
    c.header("Allow", allowed.join(", "));
    return c.html(deskErrorPage(c, `${path} is not something to ${c.req.method === "GET" || c.req.method === "HEAD" ? "open" : `send a ${c.req.method} to`}: it answers ${allowed.join(", ")}.`), 405);
  };
}
