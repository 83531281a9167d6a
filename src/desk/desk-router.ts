// Every router that serves part of the desk starts from here, so each carries the session
// check, the CSRF check, `Cache-Control: no-store` and the desk's error pages itself,
// whichever order the app mounts them in.
import { Hono, type MiddlewareHandler } from "hono";
import type { AppEnv } from "../app-env.ts";
import { htmlErrors } from "../http/html-errors.ts";
import { deskCsrf, deskSession } from "./desk-guard.ts";
import { deskErrorPage } from "./desk-page.ts";

const noStore: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  c.res.headers.set("Cache-Control", "no-store");
};

export function deskRouter(): Hono<AppEnv> {
  const router = new Hono<AppEnv>();
  for (const path of ["/admin", "/admin/*"]) router.use(path, noStore, htmlErrors(deskErrorPage), deskSession(), deskCsrf());
  return router;
}
