// The alerts page's list: each alert Herald raised for the authors, newest first, with what
// became of its mail, a page at a time (alertPage, as GET /api/alerts pages them).
import { html } from "hono/html";
import type { alertPage } from "../sending/alerts.ts";
import { ApiError } from "../http/api-error.ts";
import type { Html } from "../pages/layout.ts";
import { localTime } from "./local-time.ts";

export const ALERTS_PER_PAGE = 50;

export type AlertPage = Awaited<ReturnType<typeof alertPage>>;

/** `?before=`: the `next` cursor of an earlier page, or the newest page when absent. */
export function beforeParam(value: string | undefined): number {
  if (value === undefined) return Number.MAX_SAFE_INTEGER;
  if (!/^\d{1,16}$/.test(value)) throw new ApiError(400, "invalid_cursor", "The before field must be the number from an “Older alerts” link.", "before");
  return Number(value);
}

/** What became of the alert's mail to ALERT_TO, in words. */
function mailState(a: AlertPage["alerts"][number]): string {
  switch (a.state) {
    case "none":
      return "not mailed (ALERT_TO is not set)";
    case "sent":
      return "mailed to the authors";
    case "failed":
      return `mail given up after ${a.attempts} tries${a.error ? `: ${a.error}` : ""}`;
    default:
      return `mail ${a.state}${a.attempts ? ` (${a.attempts} tries so far)` : ""}`;
  }
}

export function alertList(page: AlertPage, zone: string, paged: boolean): Html {
  if (page.alerts.length === 0) {
    return paged
      ? html`<p>No older alerts.</p><p><a href="/admin/alerts">The newest alerts</a></p>`
      : html`<p>No alerts yet. Herald raises one when a send pauses, waits for SES, stalls, fails, is skipped, or ends with failed or unknown deliveries.</p>`;
  }
  return html`<ol class="alert-list">
${page.alerts.map(
  (a) => html`<li>
<h2>Send #${a.sendId}: <code>${a.cause}</code></h2>
<p class="when">${localTime(Date.parse(a.createdAt!), zone)}</p>
<p>${a.message}</p>
<p class="muted">${mailState(a)} · <a href="/admin/sends/${a.sendId}">Send #${a.sendId}’s page</a></p>
</li>`,
)}
</ol>
<nav class="pages" aria-label="Alert pages">
${paged ? html`<a href="/admin/alerts">Newest alerts</a>` : ""}
${page.next ? html`<a href="/admin/alerts?before=${page.next}">Older alerts</a>` : ""}
</nav>`;
}
