// Mail to the authors (ALERT_TO) when a send needs them: it paused, failed or was skipped,
// or it ended with failed or unknown deliveries. Each (send, cause) alerts once.
import type { Config } from "../config/config.ts";
import { listAlerts, recordAlert, type AlertView } from "../db/alerts.ts";
import { insertNotice } from "../db/notices.ts";
import type { Send } from "../db/sends.ts";
import { noticeMessageHeaders } from "../email/message-headers.ts";
import { escapeHtml } from "../content/escape-html.ts";
import { personalise, prepareMessage } from "../email/personalise.ts";
import { wrap } from "../email/plain-text.ts";
import { enqueueNotices } from "./enqueue.ts";
import type { SendingDeps } from "./sending-deps.ts";
import { isoOrNull } from "../util/iso-time.ts";

export type AlertCause = "paused:error_budget" | "paused:account" | "waiting:ses" | "resumed:ses" | "stalled" | "failed" | "skipped" | "ended:failed" | "ended:unknown";

const ADVICE: Record<AlertCause, string> = {
  "paused:error_budget":
    "Too many recipients were refused. Look at the failed deliveries (GET /api/sends/{id}); if the cause is fixed, POST /api/sends/{id}/resume to go on, and later /retry-failed to try the failed ones again.",
  "paused:account":
    "SES refused the account itself (sending paused, quota, credentials or an unverified sender). Fix it in the AWS console, then POST /api/sends/{id}/resume. Nobody was counted as sent who was not.",
  "waiting:ses":
    "SES did not answer several calls in a row (connections failed, or it answered 5xx). Nobody who was not reached is counted as sent: their rows wait. Herald tries one recipient after 5 s, 10 s, 20 s … then every minute, and goes on by itself when SES answers; GET /api/sends/{id} shows the send as waiting. To stop it instead: POST /api/sends/{id}/pause or /cancel.",
  "resumed:ses": "Nothing to do: the send goes on at the usual rate. Rows whose answer was lost during the outage are counted unknown.",
  stalled:
    "The send's rows stopped moving and putting them back on the queue did not help. Check the Worker's logs and the queue consumer (wrangler tail); GET /api/sends/{id} shows what is open. Herald keeps putting its rows back on the queue while they do not move.",
  failed: "The send could not start. Check the reason, fix it, and trigger the day again with npm run send.",
  skipped:
    "The scheduled job ran too late for this day (SEND_LATENESS_HOURS), so nothing was sent. If the day should still go out, send it by hand: npm run send -- {date}.",
  "ended:failed": "Some recipients were refused by SES. To try them again: POST /api/sends/{id}/retry-failed (only those still subscribed are mailed).",
  "ended:unknown":
    "For some recipients SES never answered: they may or may not have the mail, and Herald does not re-send them by itself, so that nobody gets two copies. " +
    "If the SES configuration set's SNS destination publishes Send or Delivery events, Herald settles each of them to sent by itself as soon as SES's event arrives: check GET /api/sends/{id} after a few minutes. " +
    'For those still unknown, if a possible second copy is acceptable: POST /api/sends/{id}/resend-unknown with {"dryRun": true} shows how many would go, and without it sends to each of them once (only those still subscribed, and never twice).',

};

/**
 * Records the alert (once per send and cause) and queues its mail to ALERT_TO: it goes out
 * through the queue and the global limiter, and is retried until SES takes it or a day has
 * passed (the notice row and GET /api/alerts say which).
 */
export async function alertAuthors(deps: SendingDeps, send: Send, cause: AlertCause, what: string): Promise<void> {
  const now = deps.now();
  const alertId = await recordAlert(deps.db, send.id, cause, what, now);
  if (alertId === undefined) return; // this cause already alerted
  const to = deps.config.alertTo;
  if (!to) return console.warn(`alert for send ${send.id} (${cause}) not mailed: ALERT_TO is not set. ${what}`);
  await enqueueNotices(deps, [await insertNotice(deps.db, { kind: "alert", alertId }, to, now)]);
}

/** The alert's mail to `to`, written from its record. */
export function alertMail(config: Config, send: Send, cause: string, what: string, to: string, now: number): string {
  const advice = (ADVICE[cause as AlertCause] ?? "").replaceAll("{id}", String(send.id)).replaceAll("{date}", send.date);
  const subject = `[${config.siteTitle}] Send #${send.id} (${send.date}): ${what}`;
  const text = [wrap(what), wrap(`What to do: ${advice}`), `Send #${send.id}, ${send.kind}, for ${send.date}: ${config.siteUrl}/api/sends/${send.id}`].join("\n\n");
  const html = `<p>${escapeHtml(what)}</p><p><strong>What to do:</strong> ${escapeHtml(advice)}</p><p>Send #${send.id}, ${escapeHtml(send.kind)}, for ${escapeHtml(send.date)}.</p>`;
  return personalise(
    prepareMessage({ date: send.date, subject, preheader: "", html, text: `${text}\n`, postSlugs: [], summarized: [] }, noticeMessageHeaders(config)),
    { address: to, date: new Date(now) },
  );
}

/** A page of alerts, newest first, with what became of each one's mail; `next` is the cursor of the following page. */
export async function alertPage(db: D1Database, before: number, limit: number) {
  const alerts = await listAlerts(db, before, limit);
  return { alerts: alerts.map((a: AlertView) => ({ ...a, createdAt: isoOrNull(a.createdAt), sentAt: isoOrNull(a.sentAt) })), next: alerts.length === limit ? String(alerts.at(-1)!.id) : null };
}
