// Each author API router guards itself: served alone, in a fresh app that mounts nothing
// else, every one of its routes refuses a request without the author token, and does nothing.
import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { Hono } from "hono";
import { beforeEach, describe, expect, it } from "vitest";
import type { AppEnv } from "../../src/app-env.ts";
import { readConfig } from "../../src/config/config.ts";
import { ApiError } from "../../src/http/api-error.ts";
import { alertApi } from "../../src/routes/alert-api.ts";
import { authorApi } from "../../src/routes/author-api.ts";
import { sendApi } from "../../src/routes/send-api.ts";
import { subscriberAdmin } from "../../src/routes/subscriber-admin.ts";
import { websubApi } from "../../src/routes/websub-api.ts";
import { ORIGIN, realAppDeps } from "./app-at.ts";
import { addSubscribers, clearLedger, DAY1, DAY1_DUE } from "./sending-helpers.ts";

/** A fresh app holding only `router`: what createApp adds around it, and nothing else. */
function servedAlone(router: Hono<AppEnv>) {
  const app = new Hono<AppEnv>();
  app.use(async (c, next) => {
    c.set("config", readConfig(c.env));
    c.set("deps", realAppDeps(() => DAY1_DUE + 60_000));
    await next();
  });
  app.route("/", router);
  app.onError((err, c) => (err instanceof ApiError ? c.json(err.toJSON(), err.status) : c.json({ error: { code: "internal", message: String(err) } }, 500)));
  return app;
}

/** A concrete path for a route pattern: `:action{pause|…}` takes its first choice, other parameters a sample. */
const SAMPLES: Record<string, string> = { date: DAY1, email: "someone%40example.com", id: "1" };
const concrete = (pattern: string) => pattern.replace(/:(\w+)(?:\{([^}|]+)[^}]*\})?/g, (_, name: string, first?: string) => first ?? SAMPLES[name] ?? "1");

/** Bodies that would do something if the guard let them through. */
const BODIES: Record<string, { type: string; body: string }> = {
  "POST /api/sends": { type: "application/json", body: JSON.stringify({ date: DAY1 }) },
  "POST /api/subscribers/import": { type: "text/csv", body: "email\nnewcomer@example.com\n" },
};
const count = async (table: string) => (await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table}`).first<{ n: number }>())!.n;

beforeEach(clearLedger);

describe.each([
  ["authorApi", authorApi],
  ["sendApi", sendApi],
  ["subscriberAdmin", subscriberAdmin],
  ["alertApi", alertApi],
  ["websubApi", websubApi],
])("%s served alone", (_, router) => {
  const routes = router.routes.filter((r) => r.method !== "ALL");

  it("has routes to guard", () => {
    expect(routes.length).toBeGreaterThan(0);
  });

  it("answers 401 without the token on every route, and changes nothing", async () => {
    const [subscriber] = await addSubscribers(1);
    const before = { sends: await count("sends"), subscribers: await count("subscribers") };
    const app = servedAlone(router);
    for (const route of routes) {
      const path = concrete(route.path);
      const body = BODIES[`${route.method} ${path}`];
      const init: RequestInit = { method: route.method, ...(body ? { body: body.body, headers: { "Content-Type": body.type } } : {}) };
      const target = route.path.includes(":email") ? path.replace("someone%40example.com", encodeURIComponent(subscriber!.email)) : path;
      const ctx = createExecutionContext();
      const res = await app.fetch(new Request(`${ORIGIN}${target}`, init), env, ctx);
      await waitOnExecutionContext(ctx);
      expect(res.status, `${route.method} ${route.path}`).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("unauthorized");
    }
    expect({ sends: await count("sends"), subscribers: await count("subscribers") }).toEqual(before);
  });
});
