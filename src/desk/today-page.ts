// The Today page's body: the next email (date, time, subject, who gets which variant), its
// framed preview and text version, a test-send form and the way to send it now.
import type { Context } from "hono";
import { html } from "hono/html";
import type { AppEnv } from "../app-env.ts";
import type { EventMeta } from "../content/types.ts";
import type { Html } from "../pages/layout.ts";
import { csrfField } from "./desk-page.ts";
import { longTime } from "./desk-time.ts";
import type { DeskPreview } from "./email-preview.ts";
import { MAX_TEST_RECIPIENTS } from "../sending/author-sends.ts";
import type { TodayPlan } from "./today-plan.ts";
import { counted } from "./counted.ts";

/** "KubeCon 2015 + Container Night SF 2015" for a variant's events. */
export function variantName(events: readonly string[], known: readonly EventMeta[]): string {
  return events.map((slug) => known.find((e) => e.slug === slug)?.title ?? slug).join(" + ") || "everything";
}

/**
 * The preview frame may open links only as new top-level tabs (the framed copy carries
 * <base target="_blank">, and every desk page refuses to be framed); no scripts, no forms,
 * and an opaque origin, so the email can reach nothing of the desk.
 */
export const PREVIEW_SANDBOX = "allow-popups allow-popups-to-escape-sandbox";

const eventsQuery = (events: readonly string[]) => events.map((e) => `&events=${encodeURIComponent(e)}`).join("");

/** A test-send form sent back with what was typed and why it was refused. */
export interface RefusedTestSend {
  to: string;
  error: string;
}

export function todayBody(c: Context<AppEnv>, plan: TodayPlan, preview: DeskPreview | undefined, events: string[], refused?: RefusedTestSend): Html {
  const config = c.get("config");
  const known = c.get("deps").index.events;
  const { date, dryRun, send } = plan;
  const cancelled = send?.status === "cancelled";
  const previewPath = `/admin/preview/${date}${events.length ? `?${eventsQuery(events).slice(1)}` : ""}`;
  return html`<h1>Today</h1>
<p>The ${date} email ${plan.due ? "was due" : "is due"} ${longTime(plan.dueMs, config.timezone)} (${config.timezone}; the daily send goes out at ${config.sendAt}).</p>
<dl class="today">
<dt>Date</dt><dd>${date}</dd>
<dt>Its send</dt><dd>${send ? html`<a href="/admin/sends/${send.id}">Send #${send.id}</a> (${send.status})` : plan.due ? "Not sent: no daily send was made for this date." : "Not started yet."}</dd>
${dryRun ? html`<dt>Subject</dt><dd>${dryRun.subject}</dd>` : ""}
${dryRun && !cancelled ? html`<dt>Recipients</dt><dd>${counted(dryRun.recipients, "active subscriber")} would get it now.</dd>` : ""}
</dl>
${cancelled ? html`<p class="notice" role="status">The ${date} email's send was cancelled: <a href="/admin/sends/${send!.id}">send #${send!.id}</a>. A date is sent once, so it cannot be sent again; a test send still can.</p>` : ""}
${plan.tooLateHours !== undefined && dryRun ? html`<p class="notice" role="status">The daily job no longer sends this one by itself: it is more than ${counted(plan.tooLateHours, "hour")} late. You can still send it by hand.</p>` : ""}
${plan.noPosts ? html`<p class="notice" role="status">${plan.noPosts}</p>` : ""}
${dryRun && dryRun.variants.length > 0
  ? html`<h2>Who gets which version</h2>
<div class="table-wrap"><table class="desk"><caption class="visually-hidden">Recipients per version of the ${date} email</caption>
<thead><tr><th scope="col">Followers of</th><th scope="col">Subject</th><th scope="col" class="num">Recipients</th><th scope="col">Preview</th></tr></thead>
<tbody>${dryRun.variants.map((v) => html`<tr><td>${variantName(v.events, known)}</td><td>${v.subject}</td><td class="num">${v.recipients.toLocaleString("en-US")}</td><td><a href="/admin?date=${date}${eventsQuery(v.events)}">Show this version</a></td></tr>`)}</tbody>
</table></div>`
  : ""}
${preview
  ? html`<h2>The email${events.length ? html` for followers of ${variantName(events, known)}` : ""}</h2>
<p>Subject: <strong>${preview.subject}</strong>. <a href="${previewPath}">Open the email on its own page</a>.</p>
<iframe class="preview" sandbox="${PREVIEW_SANDBOX}" src="${previewPath}" title="The ${date} email as subscribers will see it"></iframe>
<h2>Its text version</h2>
<pre class="text-version">${preview.text}</pre>
<h2>Send a test</h2>
<form method="post" action="/admin/test-send">${csrfField(c)}
<input type="hidden" name="date" value="${date}">
${events.map((e) => html`<input type="hidden" name="events" value="${e}">`)}
<div class="field stacked"><label for="to">Send this email to (up to ${MAX_TEST_RECIPIENTS} addresses, one per line or separated by commas)</label>
${refused ? html`<p class="notice" id="to-error" role="alert">${refused.error} Nothing was sent.</p>` : ""}
<textarea id="to" name="to" rows="3" required autocomplete="email"${refused ? html` aria-invalid="true" aria-describedby="to-error" autofocus` : ""}>${refused?.to ?? ""}</textarea></div>
<p><button type="submit">Send a test of the ${date} email</button></p>
<p class="muted">A test goes only to these addresses, with "[Test]" before its subject; it does not count as the day's send.</p>
</form>
<h2>Send it now</h2>
${cancelled
  ? html`<p>The ${date} email's send, <a href="/admin/sends/${send!.id}">send #${send!.id}</a>, was cancelled. A date is sent once.</p>`
  : send
  ? html`<p>The ${date} email already has its send: <a href="/admin/sends/${send.id}">send #${send.id}</a> (${send.status}). A date is sent once.</p>`
  : html`<form method="get" action="/admin/send-now"><input type="hidden" name="date" value="${date}">
<p><button type="submit">Send the ${date} email now…</button></p>
<p class="muted">You will see how many subscribers it goes to and confirm before anything is sent.</p></form>`}`
  : ""}
<h2>Other dates</h2>
<ul class="dates">${plan.dates.map((d) => html`<li>${d.date === date ? html`<strong aria-current="page">${d.date}</strong>` : html`<a href="/admin?date=${d.date}">${d.date}</a>`}${d.send ? html` — <a href="/admin/sends/${d.send.id}">send #${d.send.id}</a> (${d.send.status})` : " — not sent"}</li>`)}</ul>`;
}

/** " now", or how many go now and how many at their own delivery time, as the dry run counts them. */
function whenLine(dryRun: TodayPlan["dryRun"] & object): string {
  const later = dryRun.recipients - dryRun.atOnce;
  if (later <= 0) return " now";
  return `: ${dryRun.atOnce.toLocaleString("en-US")} now and ${later.toLocaleString("en-US")} at the delivery time they chose`;
}

/** The confirmation step before the day's send: what the dry run says it would do. */
export function sendNowBody(c: Context<AppEnv>, plan: TodayPlan): Html {
  const known = c.get("deps").index.events;
  const { date, dryRun, send } = plan;
  if (send) return html`<h1>Send the ${date} email</h1><p class="notice" role="status">The ${date} email already has its send: <a href="/admin/sends/${send.id}">send #${send.id}</a> (${send.status}). Nothing more will be sent.</p>`;
  if (!dryRun) return html`<h1>Send the ${date} email</h1><p class="notice" role="status">${plan.noPosts}</p><p><a href="/admin">Back to Today</a></p>`;
  return html`<h1>Send the ${date} email?</h1>
<p>This sends “${dryRun.subject}” to <strong>${dryRun.recipients.toLocaleString("en-US")} subscribers</strong>${whenLine(dryRun)}${dryRun.variants.length > 1 ? `, in ${dryRun.variants.length} versions by what each follows` : ""}. It cannot be undone once messages have gone; you can pause or cancel it from its page.</p>
${dryRun.variants.length > 1 ? html`<ul>${dryRun.variants.map((v) => html`<li>${v.recipients.toLocaleString("en-US")} followers of ${variantName(v.events, known)}: “${v.subject}”</li>`)}</ul>` : ""}
<form method="post" action="/admin/send-now">${csrfField(c)}<input type="hidden" name="date" value="${date}">
<div class="controls"><button type="submit" class="danger">Yes, send it to ${dryRun.recipients.toLocaleString("en-US")} subscribers</button>
<a href="/admin?date=${date}">No, back to Today</a></div>
</form>`;
}
