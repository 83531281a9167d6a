// Bearer-token check for the author API. Every configured token is compared (so the
// time taken does not reveal which one, if any, matched), each in constant time.
import type { MiddlewareHandler } from "hono";
import { timingSafeEqual } from "hono/utils/buffer";
import type { AppEnv } from "../app-env.ts";
import { ApiError } from "./api-error.ts";

export function authorAuth(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    // Every author router carries this check; in one app they all see the request, and once is enough.
    if (c.get("authorVerified")) return next();
    const header = c.req.header("authorization") ?? "";
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    let ok = false;
    if (match) {
      for (const token of c.get("config").authorTokens) {
        if (await timingSafeEqual(token, match[1]!)) ok = true;
      }
    }
    if (!ok) {
      c.header("WWW-Authenticate", 'Bearer realm="herald"');
      throw new ApiError(401, "unauthorized", match ? "The author token is not valid." : "Send the author token as `Authorization: Bearer <token>`.");
    }
    c.set("authorVerified", true);
    await next();
  };
}
