// The bodies of the Sends pages: the list, one send's page (figures, progress bar, the
// controls that apply, the chart of messages per minute) and the cancel confirmation.
import type { Context } from "hono";
import { html } from "hono/html";
import type { AppEnv } from "../app-env.ts";
import type { Html } from "../pages/layout.ts";
import type { SendView } from "../sending/send-view.ts";
import { csrfField } from "./desk-page.ts";
import { shownTime } from "./desk-time.ts";
import { controlsFor, DONE_NOTICES, isRunning, notYetMailed, type Control } from "./send-controls.ts";
import { kindWord, statusWord, type SendDetail } from "./send-detail.ts";
import type { SendMinutes } from "./send-minutes-chart.ts";
import { sendPageFigures } from "./send-page-figures.ts";
import { barChart } from "./svg-chart.ts";
import { variantName } from "./today-page.ts";
import { counted } from "./counted.ts";

const n = (v: number) => v.toLocaleString("en-US");

export function sendsListBody(sends: SendView[], next: string | null, before: number | undefined): Html {
  return html`<h1>Sends</h1>
${sends.length === 0
  ? html`<p>${before === undefined ? html`No send yet. Start one from <a href="/admin">Today</a>.` : "No older sends."}</p>`
  : html`<div class="table-wrap"><table class="desk"><caption class="visually-hidden">Sends, newest first</caption>
<thead><tr><th scope="col">Send</th><th scope="col">Date</th><th scope="col">Kind</th><th scope="col">Status</th><th scope="col" class="num">Sent</th><th scope="col" class="num">Failed</th><th scope="col" class="num">Unknown</th><th scope="col" class="num">Left</th><th scope="col" class="num">Erased since</th><th scope="col" class="num">Total</th></tr></thead>
<tbody>${sends.map((s) => html`<tr><td><a href="/admin/sends/${s.id}">#${s.id}</a></td><td>${s.date}</td><td>${kindWord(s.kind)}</td><td>${statusWord(s.status)}</td><td class="num">${n(s.sent)}</td><td class="num">${n(s.failed)}</td><td class="num">${n(s.unknown)}</td><td class="num">${n(s.pending + s.scheduled + s.inFlight)}</td><td class="num">${n(s.erased)}</td><td class="num">${n(s.total)}</td></tr>`)}</tbody>
</table></div>`}
<p>${before !== undefined ? html`<a href="/admin/sends">Newest sends</a> ` : ""}${next ? html`<a href="/admin/sends?before=${next}">Older sends</a>` : ""}</p>`;
}

const FIGURES: { field: keyof SendView; label: string }[] = [
  { field: "sent", label: "sent" },
  { field: "failed", label: "failed" },
  { field: "skipped", label: "skipped" },
  { field: "unknown", label: "unknown (answer lost)" },
  { field: "erased", label: "erased since (their subscribers were erased)" },
  { field: "pending", label: "pending" },
  { field: "scheduled", label: "scheduled for later" },
  { field: "inFlight", label: "in flight" },
  { field: "rate", label: "messages a second (last 10 s)" },
];

export function sendBody(c: Context<AppEnv>, detail: SendDetail, minutes: SendMinutes, done: string | undefined): Html {
  const { view } = detail;
  const zone = c.get("config").timezone;
  const progress = sendPageFigures(detail, zone);
  const known = c.get("deps").index.events;
  const notice = done !== undefined ? DONE_NOTICES[done] : undefined;
  return html`<h1>Send #${view.id}: the ${view.date} email</h1>
${notice ? html`<p class="notice" role="status">${notice}</p>` : ""}
<p id="send-summary" class="send-summary" role="status" aria-live="polite">${progress.summary}</p>
<div class="send-figures" data-progress-url="/admin/sends/${view.id}/progress" data-status="${view.status}" data-running="${isRunning(view.status) ? "true" : "false"}" data-actions="${progress.actions.join(" ")}">
<p>Status: <strong data-field="statusWord">${progress.statusWord}</strong>${view.reason ? html` — ${view.reason}` : ""}</p>
<p class="send-bar"><label for="send-progress">Handled so far: <span data-field="handled">${n(progress.handled)}</span> of <span data-field="total">${n(view.total)}</span></label>
<progress id="send-progress" max="${Math.max(1, view.total)}" value="${progress.handled}"></progress></p>
<ul class="counts">${FIGURES.map((f) => html`<li><span class="n" data-field="${f.field}">${n(view[f.field] as number)}</span> <span class="label">${f.label}</span></li>`)}</ul>
<p id="send-scheduled" data-field="scheduledNote"${progress.scheduledNote ? "" : html` hidden`}>${progress.scheduledNote}</p>
</div>
<dl class="send-facts">
<dt>Subject</dt><dd>${view.subject ?? "—"}</dd>
<dt>Kind</dt><dd>${kindWord(view.kind)}${view.kind === "test" ? " (to the addresses given only)" : ""}</dd>
<dt>Created</dt><dd>${shownTime(view.createdAt, zone)}</dd>
<dt>Started</dt><dd>${shownTime(view.startedAt, zone)}</dd>
<dt>Finished</dt><dd>${shownTime(view.finishedAt, zone)}</dd>
</dl>
${view.variants.length > 1
  ? html`<h2>Versions</h2><div class="table-wrap"><table class="desk"><caption class="visually-hidden">Recipients per version</caption>
<thead><tr><th scope="col">Followers of</th><th scope="col">Subject</th><th scope="col" class="num">Recipients</th></tr></thead>
<tbody>${view.variants.map((v) => html`<tr><td>${variantName(v.events, known)}</td><td>${v.subject}</td><td class="num">${n(v.recipients)}</td></tr>`)}</tbody></table></div>`
  : ""}
${controlsSection(c, detail)}
${minutesSection(view, minutes)}`;
}

function controlsSection(c: Context<AppEnv>, detail: SendDetail): Html {
  const { view } = detail;
  const controls = controlsFor(detail);
  if (controls.length === 0) return html`<h2>Controls</h2><p>This send is ${statusWord(view.status).toLowerCase()}: nothing is left to pause, resume, cancel or retry.</p>`;
  return html`<h2>Controls</h2>
<div class="controls">${controls.map((control) => controlForm(c, view, control))}</div>`;
}

function controlForm(c: Context<AppEnv>, view: SendView, control: Control): Html {
  const id = `what-${control.action}`;
  const button = html`<button type="submit"${control.danger ? html` class="danger"` : ""} aria-describedby="${id}" data-label-of="${control.action}">${control.label}</button><span class="what" id="${id}">${control.what}</span>`;
  // Cancel asks first: its button opens the confirmation page, which changes nothing.
  return control.confirm
    ? html`<form method="get" action="/admin/sends/${view.id}/${control.action}">${button}</form>`
    : html`<form method="post" action="/admin/sends/${view.id}/${control.action}">${csrfField(c)}${button}</form>`;
}

function minutesSection(view: SendView, minutes: SendMinutes): Html {
  if (minutes.compacted) return html`<h2>Messages sent per minute</h2><p>This send's delivery rows were compacted away after the retention period; only its totals are kept, so there is no chart.</p>`;
  const { points } = minutes;
  if (points.length === 0) return html`<h2>Messages sent per minute</h2><p>Nothing has been sent yet.</p>`;
  const peak = points.reduce((a, b) => (b.value > a.value ? b : a));
  return html`<h2>Messages sent per minute</h2>
<figure class="chart">${barChart({
    title: `Messages sent per minute, send #${view.id}`,
    description: `${counted(view.sent, "message")} ${minutes.quietLeftOut ? "in the " : "over "}${counted(points.length, "minute")}${minutes.quietLeftOut ? " that sent something" : ""}, from ${points[0]!.label} to ${points.at(-1)!.label}; the busiest minute, ${peak.label}, sent ${n(peak.value)}.`,
    points,
    unit: "messages",
  })}
<figcaption>Minutes in the site's time zone.${minutes.quietLeftOut ? " Quiet minutes left out: over a send this long only the minutes that sent something are drawn, so the bars are not evenly spaced in time." : ""}</figcaption></figure>
<details><summary>The same figures as a table</summary>
<div class="table-wrap"><table class="desk"><thead><tr><th scope="col">Minute</th><th scope="col" class="num">Messages sent</th></tr></thead>
<tbody>${points.map((p) => html`<tr><td>${p.label}</td><td class="num">${n(p.value)}</td></tr>`)}</tbody></table></div></details>`;
}

export function cancelBody(c: Context<AppEnv>, detail: SendDetail): Html {
  const { view } = detail;
  const left = notYetMailed(detail);
  return html`<h1>Cancel send #${view.id}?</h1>
<p>Cancelling ends the ${view.date} send for good. ${n(view.sent)} already mailed keep their copy; <strong>${left.words} never ${left.plural ? "get" : "gets"} it</strong>, and the date cannot be sent again.</p>
<p>To stop for a while instead, pause it.</p>
<form method="post" action="/admin/sends/${view.id}/cancel">${csrfField(c)}
<div class="controls"><button type="submit" class="danger">Yes, cancel send #${view.id}</button>
<a href="/admin/sends/${view.id}">No, keep it going</a></div>
</form>`;
}

/** The step before resend-unknown: its dry run, who would get it again and who is left alone. */
export function resendUnknownBody(c: Context<AppEnv>, view: SendView, dryRun: { resend: number; skipped: { alreadyResent: number; notActive: number } }): Html {
  const left = dryRun.skipped.alreadyResent + dryRun.skipped.notActive;
  return html`<h1>Resend to the unknown of send #${view.id}?</h1>
<p>${n(view.unknown)} deliveries of this send have no known outcome: the call to SES went out, but its answer was lost, so SES may have mailed them.</p>
${left > 0 ? html`<p>${n(dryRun.skipped.alreadyResent)} were resent once already and ${n(dryRun.skipped.notActive)} belong to subscribers no longer active: those are left alone.</p>` : ""}
${dryRun.resend > 0
  ? html`<p>This sends the email once more to <strong>${n(dryRun.resend)} ${dryRun.resend === 1 ? "recipient" : "recipients"}</strong>; any of them whom SES did mail will get a second copy.</p>
<form method="post" action="/admin/sends/${view.id}/resend-unknown">${csrfField(c)}
<div class="controls"><button type="submit">Yes, resend to ${n(dryRun.resend)}</button>
<a href="/admin/sends/${view.id}">No, back to the send</a></div>
</form>`
  : html`<p>Nobody is left to resend to. <a href="/admin/sends/${view.id}">Back to the send</a></p>`}`;
}
