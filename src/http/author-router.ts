// Every router that serves part of the author API starts from here, so each one carries
// the token check and `Cache-Control: no-store` itself, whichever order the app mounts
// them in and whether or not another router is mounted beside it.
import { Hono, type MiddlewareHandler } from "hono";
import type { AppEnv } from "../app-env.ts";
import { authorAuth } from "./author-auth.ts";

/** Answers about sends and subscribers are for one author at one moment: no cache keeps them. */
const noStore: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  c.res.headers.set("Cache-Control", "no-store");
};

export function authorRouter(): Hono<AppEnv> {
  const router = new Hono<AppEnv>();
  router.use("/api/*", noStore, authorAuth());
  return router;
}
