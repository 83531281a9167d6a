// /emails and /emails/:date: the public web versions of past daily emails. They carry
// no recipient's data, and a day appears only once its email is due.
import { Hono } from "hono";
import type { AppEnv } from "../app-env.ts";
import { isCalendarDate } from "../content/days.ts";
import { emailDates, isDue } from "../content/schedule.ts";
import { renderDay } from "../email/render-day.ts";
import { etagOf, isNotModified } from "../http/conditional-get.ts";
import { useEmailPagePolicy } from "../http/security-headers.ts";
import { emailArchivePage } from "../pages/email-archive-page.ts";
import { pageErrors } from "./page-errors.ts";

export const emailArchive = new Hono<AppEnv>();

emailArchive.get("/emails", pageErrors, (c) => {
  const config = c.get("config");
  const { index, now } = c.get("deps");
  const dates = emailDates(index, config, now());
  c.header("Cache-Control", "public, max-age=300");
  return c.html(emailArchivePage(config, dates));
});

emailArchive.get("/emails/:date", pageErrors, async (c) => {
  const date = c.req.param("date");
  const config = c.get("config");
  const { index, bodies, now } = c.get("deps");
  const at = now();
  if (!isCalendarDate(date) || !isDue(date, config, at)) return c.notFound();
  const etag = etagOf([index.buildId, "email", date, config.siteUrl, config.siteTitle, config.postalAddress, config.sendAt, config.timezone]);
  c.header("ETag", etag);
  c.header("Cache-Control", "public, max-age=3600");
  if (isNotModified(c.req.raw.headers, etag, undefined)) return c.body(null, 304);
  const snapshot = await renderDay(config, index, bodies(c.env), date, at, { mode: "web" });
  if (!snapshot) return c.notFound();
  useEmailPagePolicy(c);
  return c.html(snapshot.html);
});
