// The desk's Alerts page: what Herald told the authors, newest first, a page at a time.
import { html } from "hono/html";
import { alertList, ALERTS_PER_PAGE, beforeParam } from "../desk/alert-list.ts";
import { deskPage } from "../desk/desk-page.ts";
import { deskRouter } from "../desk/desk-router.ts";
import { alertPage } from "../sending/alerts.ts";

export const deskAlerts = deskRouter();

deskAlerts.get("/admin/alerts", async (c) => {
  const before = c.req.query("before");
  const page = await alertPage(c.env.DB, beforeParam(before), ALERTS_PER_PAGE);
  const body = html`<h1>Alerts</h1>
<p>The alerts Herald raised for the authors (and mailed to <code>ALERT_TO</code>), newest first.</p>
${alertList(page, c.get("config").timezone, before !== undefined)}`;
  return deskPage(c, { title: "Alerts", section: "alerts", body });
});
