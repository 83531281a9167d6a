// The welcome that catches a new subscriber up on a running event: its days so far, each
// post as title, summary and link. One recipient, so their links are filled in directly
// (no markers); same partials, look and escaping rules as the daily email.
import type { CatchUpDay } from "../content/catch-up.ts";
import { addDays } from "../content/days.ts";
import { escapeHtml as h } from "../content/escape-html.ts";
import type { EventMeta } from "../content/types.ts";
import { eventUrl, postUrl, siteHomeUrl } from "../content/urls.ts";
import { emailTemplates } from "../generated/email-templates.ts";
import { fillTemplate } from "./fill-template.ts";
import { underline, wrap } from "./plain-text.ts";
import type { EmailSettings } from "./render-daily.ts";
import type { EmailSnapshot } from "./snapshot.ts";

export interface WelcomeRecipient {
  email: string;
  unsubscribeUrl: string;
  preferencesUrl: string;
}

export function welcomeSubject(event: EventMeta): string {
  return `Catch up on ${event.title}: the days so far`;
}

export function renderWelcome(s: EmailSettings, event: EventMeta, days: readonly CatchUpDay[], to: WelcomeRecipient): EmailSnapshot {
  if (days.length === 0) throw new RangeError(`no days so far to catch up on for ${event.slug}`);
  const subject = welcomeSubject(event);
  const span = daySpan(days);
  const intro = `Welcome to ${s.siteTitle}. ${event.title} is already under way, so here is what you missed: the recaps of ${span}, each with a short summary. The daily email takes it from here.`;
  const preheader = `The recaps of ${span} of ${event.title}, in one place.`;
  const reason = `You are receiving this because ${to.email} subscribed to ${s.siteTitle} at ${s.siteUrl} and follows ${event.title}. This welcome comes once.`;
  const footerLinks = `<a href="${h(to.preferencesUrl)}" style="color:#5b5b66;">Manage your subscription</a> · <a href="${h(to.unsubscribeUrl)}" style="color:#5b5b66;">Unsubscribe</a>`;

  const html = fillTemplate(emailTemplates.welcome.html, {
    title: subject,
    preheader,
    site_url: siteHomeUrl(s),
    site_title: s.siteTitle,
    heading: `Catch up on ${event.title}`,
    date_line: `${capitalise(span)} so far`,
    intro,
    days_html: days.map((d, i) => dayHtml(s, event, d, i)).join("\n"),
    event_url: eventUrl(s, event.slug),
    event_title: event.title,
    reason,
    postal_address: s.postalAddress,
    footer_links_html: footerLinks,
  });

  const text = [
    s.siteTitle.toUpperCase(),
    wrap(`Catch up on ${event.title} · ${capitalise(span)} so far`),
    wrap(intro),
    ...days.map((d) => dayText(s, event, d)),
    `Everything on ${event.title}: ${eventUrl(s, event.slug)}`,
    ["-- ", wrap(reason), wrap(s.postalAddress), `Manage your subscription: ${to.preferencesUrl}`, `Unsubscribe: ${to.unsubscribeUrl}`].join("\n"),
  ].join("\n\n");

  return {
    date: "",
    subject,
    preheader,
    html,
    text: `${text}\n`,
    postSlugs: days.flatMap((d) => d.posts.map((p) => p.slug)),
    summarized: [],
  };
}

/** "Day 1 · Monday, November 9", from the event's first date. */
function dayTitle(event: EventMeta, day: number): string {
  const date = addDays(event.start, day - 1);
  const long = new Intl.DateTimeFormat("en-US", { timeZone: "UTC", weekday: "long", month: "long", day: "numeric" }).format(new Date(`${date}T12:00:00Z`));
  return `Day ${day} · ${long}`;
}

/** "day 1", "days 1 and 2", "days 1, 2 and 4". */
function daySpan(days: readonly CatchUpDay[]): string {
  const numbers = days.map((d) => String(d.day));
  if (numbers.length === 1) return `day ${numbers[0]}`;
  return `days ${numbers.slice(0, -1).join(", ")} and ${numbers[numbers.length - 1]}`;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function dayHtml(s: EmailSettings, event: EventMeta, d: CatchUpDay, index: number): string {
  const rule = index > 0 ? `<hr style="border:0;border-top:1px solid #d9d9de;margin:24px 0;">` : "";
  const posts = d.posts
    .map((p) => {
      const url = postUrl(s, p.slug);
      return `<p style="margin:0 0 4px;"><a href="${h(url)}" style="color:#1f5fbf;font-weight:600;">${h(p.title)}</a></p><p style="margin:0 0 16px;font-size:15px;">${h(p.summary)}</p>`;
    })
    .join("");
  return `${rule}<h2 style="font-size:20px;line-height:1.3;margin:16px 0 8px;">${h(dayTitle(event, d.day))}</h2>${posts}`;
}

function dayText(s: EmailSettings, event: EventMeta, d: CatchUpDay): string {
  const posts = d.posts.map((p) => [wrap(p.title), wrap(p.summary), postUrl(s, p.slug)].join("\n"));
  return [underline(dayTitle(event, d.day), "="), ...posts].join("\n\n");
}
