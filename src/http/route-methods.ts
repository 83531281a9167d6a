// Which methods some routers serve at a path: for answering 405 with `Allow` where a path is
// served under other methods, and 404 where it is not served at all.
import type { Hono } from "hono";
import { TrieRouter } from "hono/router/trie-router";
import type { AppEnv } from "../app-env.ts";

export function routeMethods(routers: Hono<AppEnv>[]): (path: string) => string[] {
  // The routers' own routes, by method; "ALL" entries are their middleware (the guards).
  const known = new TrieRouter<true>();
  const methods = new Set<string>();
  for (const route of routers.flatMap((r) => r.routes)) {
    if (route.method === "ALL") continue;
    known.add(route.method, route.path, true);
    methods.add(route.method);
  }
  return (path) => {
    const allowed = [...methods].filter((m) => known.match(m, path)[0].length > 0).sort();
    // Hono answers HEAD wherever GET is served.
    if (allowed.includes("GET")) allowed.splice(allowed.indexOf("GET") + 1, 0, "HEAD");
    return allowed;
  };
}
