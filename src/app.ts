// Builds the Hono app from its dependencies; src/index.ts wires in the real ones.
import { Hono } from "hono";
import type { AppDeps, AppEnv } from "./app-env.ts";
import { readConfig } from "./config/config.ts";
import { securityHeaders } from "./http/security-headers.ts";
import { errorResponse } from "./http/error-response.ts";
import { alertApi } from "./routes/alert-api.ts";
import { apiNotFound, deskNotFound } from "./routes/api-not-found.ts";
import { authorApi } from "./routes/author-api.ts";
import { d1MeterApi } from "./routes/d1-meter-api.ts";
import { emailArchive } from "./routes/email-archive.ts";
import { feedRoutes } from "./routes/feeds.ts";
import { notFoundPage, pageRoutes } from "./routes/pages.ts";
import { sitemapRoute } from "./routes/sitemap.ts";
import { sendApi } from "./routes/send-api.ts";
import { sesWebhook } from "./routes/ses-webhook.ts";
import { subscriberAdmin } from "./routes/subscriber-admin.ts";
import { staticRoutes } from "./routes/static.ts";
import { subscriptionRoutes } from "./routes/subscription-routes.ts";
import { preferenceRoutes } from "./routes/preference-routes.ts";
import { websubRoutes } from "./routes/websub.ts";
import { websubApi } from "./routes/websub-api.ts";
import { deskSignIn, deskSignOut } from "./routes/desk-sign-in.ts";
import { deskToday } from "./routes/desk-today.ts";
import { deskSubscribers } from "./routes/desk-subscribers.ts";
import { deskAlerts } from "./routes/desk-alerts.ts";
import { deskSends } from "./routes/desk-sends.ts";

/** The desk's routers after sign-in; each carries its own session and CSRF checks (desk-router.ts). */
export const DESK_ROUTERS = [deskSignOut, deskToday, deskSends, deskSubscribers, deskAlerts];

export function createApp(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.use(async (c, next) => {
    c.set("config", readConfig(c.env));
    c.set("deps", deps);
    await next();
  });
  app.use(securityHeaders());
  app.route("/", feedRoutes);
  app.route("/", sitemapRoute);
  app.route("/", staticRoutes);
  app.route("/", emailArchive);
  const authorRouters = [authorApi, sendApi, subscriberAdmin, alertApi, d1MeterApi, websubApi];
  for (const router of authorRouters) app.route("/", router);
  // The sign-in form first: it is the one desk route served without a session.
  app.route("/", deskSignIn);
  for (const router of DESK_ROUTERS) app.route("/", router);
  app.route("/", subscriptionRoutes);
  app.route("/", preferenceRoutes);
  app.route("/", sesWebhook);
  app.route("/", websubRoutes);
  app.route("/", pageRoutes);
  app.notFound(apiNotFound(authorRouters, deskNotFound([deskSignIn, ...DESK_ROUTERS], notFoundPage)));
  app.onError(errorResponse);
  return app;
}
