// /emails and /emails/:date: the public web versions of daily emails. They carry no
// recipient's data. A day whose send went out shows what that send froze; any other day
// appears only once its email is due, rendered from today's content.
import { Hono } from "hono";
import type { AppEnv } from "../app-env.ts";
import { isCalendarDate } from "../content/days.ts";
import { isDue } from "../content/schedule.ts";
import { renderDay } from "../email/render-day.ts";
import { etagOf, isNotModified } from "../http/conditional-get.ts";
import { useEmailPagePolicy } from "../http/security-headers.ts";
import { emailArchivePage } from "../pages/email-archive-page.ts";
import { archiveDays, frozenEmail } from "../sending/archived-emails.ts";
import { pageErrors } from "./page-errors.ts";

/** A frozen web version never changes, so caches may keep it for a day. */
const FROZEN_CACHE_CONTROL = "public, max-age=86400";

export const emailArchive = new Hono<AppEnv>();

emailArchive.get("/emails", pageErrors, async (c) => {
  const config = c.get("config");
  const { index, now } = c.get("deps");
  const days = await archiveDays(c.env.DB, index, config, now());
  c.header("Cache-Control", "public, max-age=300");
  return c.html(emailArchivePage(config, days));
});

emailArchive.get("/emails/:date", pageErrors, async (c) => {
  const date = c.req.param("date");
  if (!isCalendarDate(date)) return c.notFound();
  const frozen = await frozenEmail(c.env.DB, date);
  if (frozen !== undefined) {
    // From the stored bytes alone: no build, setting or clock can change what they are.
    const etag = etagOf(["frozen-email", frozen]);
    c.header("ETag", etag);
    c.header("Cache-Control", FROZEN_CACHE_CONTROL);
    if (isNotModified(c.req.raw.headers, etag, undefined)) return c.body(null, 304);
    useEmailPagePolicy(c);
    return c.html(frozen);
  }
  const config = c.get("config");
  const { index, bodies, now } = c.get("deps");
  const at = now();
  if (!isDue(date, config, at)) return c.notFound();
  const etag = etagOf([index.buildId, "email", date, config.siteUrl, config.siteTitle, config.postalAddress, config.sendAt, config.timezone]);
  c.header("ETag", etag);
  c.header("Cache-Control", "public, max-age=3600");
  if (isNotModified(c.req.raw.headers, etag, undefined)) return c.body(null, 304);
  const snapshot = await renderDay(config, index, bodies(c.env), date, at, { mode: "web" });
  if (!snapshot) return c.notFound();
  useEmailPagePolicy(c);
  return c.html(snapshot.html);
});
