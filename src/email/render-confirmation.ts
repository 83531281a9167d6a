// The subscription confirmation email: one recipient, so rendered for them directly.
import { siteHomeUrl } from "../content/urls.ts";
import { escapeHtml as h } from "../content/escape-html.ts";
import { emailTemplates } from "../generated/email-templates.ts";
import { fillTemplate } from "./fill-template.ts";
import { wrap } from "./plain-text.ts";
import type { EmailSnapshot } from "./snapshot.ts";
import type { EmailSettings } from "./render-daily.ts";

/** `preferencesUrl`: the person's preference page, to choose events before (or after) confirming. */
/** `choice`: what the person asked to follow, in words ("everything", "KubeCon 2015"). */
export function renderConfirmation(s: EmailSettings, email: string, confirmUrl: string, expiresIn: string, preferencesUrl: string, choice: string): EmailSnapshot {
  const subject = `Confirm your subscription to ${s.siteTitle}`;
  const reason = `You are receiving this because someone entered ${email} in the subscribe form at ${s.siteUrl}.`;
  const html = fillTemplate(emailTemplates.confirm.html, {
    title: subject,
    preheader: `One click and the daily recaps start arriving. The link expires in ${expiresIn}.`,
    site_url: siteHomeUrl(s),
    site_title: s.siteTitle,
    heading: "Please confirm your subscription",
    date_line: "",
    email,
    choice,
    confirm_url: confirmUrl,
    expires_in: expiresIn,
    reason,
    postal_address: s.postalAddress,
    footer_links_html: `<a href="${h(preferencesUrl)}" style="color:#5b5b66;">Manage your subscription</a> · <a href="${h(siteHomeUrl(s))}" style="color:#5b5b66;">${h(s.siteTitle)}</a>`,
  });
  const text = [
    s.siteTitle.toUpperCase(),
    wrap(`Someone, hopefully you, asked to receive ${s.siteTitle} at ${email}. You chose: ${choice}. Confirm by opening this link, then pressing the button on the page:`),
    confirmUrl,
    wrap(`The link expires in ${expiresIn}. If you did not ask for this, ignore this message and nothing will be sent.`),
    `Manage your subscription (choose which events you get, and when):\n${preferencesUrl}`,
    ["-- ", wrap(reason), wrap(s.postalAddress)].join("\n"),
  ].join("\n\n");
  return { date: "", subject, preheader: "", html, text: `${text}\n`, postSlugs: [], summarized: [] };
}
