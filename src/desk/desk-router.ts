// Every router that serves part of the desk starts from here, so each carries the session
// check, the CSRF check, `Cache-Control: no-store` and the desk's error pages itself,
// whichever order the app mounts them in.
import { Hono, type MiddlewareHandler } from "hono";
import type { AppEnv } from "../app-env.ts";
import { htmlErrors } from "../http/html-errors.ts";
import { ApiError } from "../http/api-error.ts";
import { bodyLimit } from "hono/body-limit";
import { deskCsrf, deskSession } from "./desk-guard.ts";
import { deskErrorPage } from "./desk-page.ts";

const noStore: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  c.res.headers.set("Cache-Control", "no-store");
};

/** The most any desk form may send (the CSV import is the largest, 1 MiB, with its form around it). */
export const DESK_MAX_BODY = 2 * 1024 * 1024;

/**
 * The desk's body cap comes before the CSRF check, which reads the form: a body past it is
 * refused before anything reads it. Once per request (a later router sees the session set).
 */
const deskBodyLimit: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.get("desk")) return next();
  return bodyLimit({
    maxSize: DESK_MAX_BODY,
    onError: () => {
      throw new ApiError(413, "desk_body_too_large", `That was more than the desk takes in one form (${DESK_MAX_BODY / 1024 / 1024} MB). Nothing was changed.`, "body");
    },
  })(c, next);
};

export function deskRouter(): Hono<AppEnv> {
  const router = new Hono<AppEnv>();
  for (const path of ["/admin", "/admin/*"]) router.use(path, noStore, htmlErrors(deskErrorPage), deskBodyLimit, deskSession(), deskCsrf());
  return router;
}
