// Renders the daily email of a date once: subject, HTML and text, with markers where
// each recipient's own values go (see personalise.ts). MJML ran at build time; this is
// string assembly, cheap enough to try again with summaries when over the size budget.
import type { PostBody } from "../content/text-blocks.ts";
import type { EventMeta, PostMeta } from "../content/types.ts";
import { emailArchiveUrl, postUrl, siteHomeUrl, subscribeUrl } from "../content/urls.ts";
import { escapeHtml as h } from "../content/escape-html.ts";
import { emailTemplates } from "../generated/email-templates.ts";
import { emailBodyHtml } from "./email-body-html.ts";
import { fillTemplate } from "./fill-template.ts";
import { bodyText, underline, wrap } from "./plain-text.ts";
import { makeMarkers, randomNonce, type EmailSnapshot, type RecipientMarkers } from "./snapshot.ts";

/** Gmail clips HTML past ~102 KB; keep room for recipient values and the client's own markup. */
export const HTML_BUDGET_BYTES = 95_000;

export interface EmailSettings {
  siteUrl: string;
  siteTitle: string;
  postalAddress: string;
  timezone: string;
}

export interface DailyPost {
  meta: PostMeta;
  event: EventMeta;
  body: PostBody;
}

export interface RenderOptions {
  mode: "email" | "web";
  budgetBytes?: number;
}

const bytes = (s: string) => new TextEncoder().encode(s).length;

/** Daily emails (not web versions) rendered by this isolate: tests check a send renders once per variant. */
export const renderCount = { email: 0 };

export function renderDailyEmail(settings: EmailSettings, date: string, posts: DailyPost[], options: RenderOptions): EmailSnapshot {
  if (posts.length === 0) throw new RangeError(`no posts for ${date}`);
  if (options.mode === "email") renderCount.email++;
  const ordered = [...posts].sort((a, b) => a.meta.publishedMs - b.meta.publishedMs || a.meta.slug.localeCompare(b.meta.slug));
  const markers = options.mode === "email" ? makeMarkers(randomNonce()) : undefined;
  const budget = options.budgetBytes ?? HTML_BUDGET_BYTES;
  // Biggest bodies give way to their summaries first, until the HTML fits.
  const bySize = [...ordered].sort((a, b) => bytes(b.body.html) - bytes(a.body.html));
  const summarized = new Set<string>();
  let snapshot = assemble(settings, date, ordered, summarized, markers);
  for (const post of bySize) {
    if (bytes(snapshot.html) <= budget) break;
    summarized.add(post.meta.slug);
    snapshot = assemble(settings, date, ordered, summarized, markers);
  }
  return bytes(snapshot.html) > budget ? { ...snapshot, overBudget: true } : snapshot;
}

function assemble(s: EmailSettings, date: string, posts: DailyPost[], summarized: Set<string>, markers?: RecipientMarkers): EmailSnapshot {
  const heading = dayHeading(posts);
  const first = posts[0]!;
  const dateLine = formatLongDate(date);
  const events = [...new Map(posts.map((p) => [p.event.slug, p.event])).values()];
  // One event: the subject names it (recap titles often start with the event and day already;
  // say it once). Several: the subject names the site and the day.
  const lead = events.length > 1 ? `${s.siteTitle}, ${dateLine}: ${first.meta.title}` : first.meta.title.startsWith(heading) ? first.meta.title : `${heading}: ${first.meta.title}`;
  const subject = posts.length === 1 ? lead : `${lead} (+${posts.length - 1} more)`;
  const preheader = posts.length === 1 ? first.meta.summary : `${first.meta.summary} Also: ${posts.slice(1).map((p) => p.meta.title).join("; ")}`;
  const webUrl = emailArchiveUrl(s, date);
  const reason = markers
    ? `You are receiving this because ${markers.email} subscribed to ${s.siteTitle} at ${s.siteUrl}.`
    : `This is the web version of the ${s.siteTitle} email of ${dateLine}.`;
  // A mail of one event also offers to stop that event only (the preference page asks first).
  const only = events.length === 1 ? events[0]! : undefined;
  const stopQuery = only ? `&stop=${encodeURIComponent(only.slug)}` : "";
  const link = (href: string, text: string) => `<a href="${href}" style="color:#5b5b66;">${text}</a>`;
  const footerLinks = markers
    ? [
        link(markers.unsubscribeUrl, "Unsubscribe"),
        ...(markers.preferencesUrl ? [link(markers.preferencesUrl, "Manage your subscription")] : []),
        ...(markers.preferencesUrl && only ? [link(`${markers.preferencesUrl}${h(stopQuery)}`, `Stop ${h(only.title)} only`)] : []),
        link(h(webUrl), "View in browser"),
      ].join(" · ")
    : `${link(h(subscribeUrl(s)), "Subscribe")} · ${link(h(siteHomeUrl(s)), h(s.siteTitle))}`;
  const textLinks = markers
    ? [
        `Unsubscribe: ${markers.unsubscribeUrl}`,
        ...(markers.preferencesUrl ? [`Manage your subscription: ${markers.preferencesUrl}`] : []),
        ...(markers.preferencesUrl && only ? [`Stop ${only.title} only: ${markers.preferencesUrl}${stopQuery}`] : []),
      ]
    : [`Subscribe: ${subscribeUrl(s)}`];

  const html = fillTemplate(emailTemplates.daily.html, {
    title: subject,
    preheader,
    web_url: webUrl,
    site_url: siteHomeUrl(s),
    site_title: s.siteTitle,
    heading,
    date_line: dateLine,
    toc_html: tocHtml(s, posts),
    posts_html: posts.map((p, i) => postHtml(s, p, summarized.has(p.meta.slug), i)).join("\n"),
    reason,
    postal_address: s.postalAddress,
    footer_links_html: footerLinks,
  });

  const refs: string[] = [];
  const absolute = (url: string) => (url.startsWith("/") ? `${s.siteUrl}${url}` : url);
  const text = [
    s.siteTitle.toUpperCase(),
    wrap(`${heading} · ${dateLine}`),
    `View this email in your browser: ${webUrl}`,
    underline("Contents", "="),
    posts
      .map((p, i) => [wrap(p.meta.title, 72, "   ", `${i + 1}. `), ...p.meta.toc.map((t) => wrap(t.text, 72, "     ", "   - "))].join("\n"))
      .join("\n"),
    ...posts.map((p) => postText(s, p, summarized.has(p.meta.slug), refs, absolute)),
    ...(refs.length ? [underline("Links", "="), refs.map((r, i) => `[${i + 1}] ${r}`).join("\n")] : []),
    ["-- ", wrap(reason), wrap(s.postalAddress), ...textLinks].join("\n"),
  ].join("\n\n");

  return {
    date,
    subject,
    preheader,
    html,
    text: `${text}\n`,
    postSlugs: posts.map((p) => p.meta.slug),
    summarized: posts.filter((p) => summarized.has(p.meta.slug)).map((p) => p.meta.slug),
    ...(markers ? { markers } : {}),
  };
}

/** "KubeCon 2015 — Day 1", or several such joined when the day spans events or days. */
export function dayHeading(posts: DailyPost[]): string {
  const seen = new Set<string>();
  for (const p of posts) seen.add(`${p.event.title} — Day ${p.meta.day}`);
  return [...seen].join(" · ");
}

function tocHtml(s: EmailSettings, posts: DailyPost[]): string {
  const items = posts.map((p) => {
    const url = postUrl(s, p.meta.slug);
    const sections = p.meta.toc.length
      ? `<ul style="margin:4px 0 0;padding-left:20px;">${p.meta.toc.map((t) => `<li style="margin:0 0 2px;font-size:14px;"><a href="${h(url)}#${h(t.id)}" style="color:#1f5fbf;">${h(t.text)}</a></li>`).join("")}</ul>`
      : "";
    return `<li style="margin:0 0 8px;"><a href="${h(url)}" style="color:#1f5fbf;font-weight:600;">${h(p.meta.title)}</a>${sections}</li>`;
  });
  return `<p style="margin:0 0 8px;font-weight:700;">In this issue</p><ol style="margin:0 0 8px;padding-left:24px;">${items.join("")}</ol>`;
}

function postHtml(s: EmailSettings, p: DailyPost, summary: boolean, index: number): string {
  const url = postUrl(s, p.meta.slug);
  const rule = index > 0 ? `<hr style="border:0;border-top:1px solid #d9d9de;margin:24px 0;">` : "";
  const byline = `By ${p.meta.authors.map((a) => a.name).join(", ")} · ${p.event.title}, Day ${p.meta.day}`;
  const content = summary
    ? `<p style="margin:0 0 16px;">${h(p.meta.summary)}</p><p style="margin:0 0 16px;"><a href="${h(url)}" style="color:#1f5fbf;font-weight:600;">Read on the web →</a></p>`
    : emailBodyHtml(p.body, s.siteUrl);
  return `${rule}<h2 style="font-size:22px;line-height:1.3;margin:16px 0 4px;"><a href="${h(url)}" style="color:inherit;text-decoration:none;">${h(p.meta.title)}</a></h2><p style="margin:0 0 16px;font-size:14px;color:#5b5b66;">${h(byline)}</p>${content}`;
}

function postText(s: EmailSettings, p: DailyPost, summary: boolean, refs: string[], absolute: (u: string) => string): string {
  const url = postUrl(s, p.meta.slug);
  const header = [underline(p.meta.title, "="), wrap(`By ${p.meta.authors.map((a) => a.name).join(", ")} · ${p.event.title}, Day ${p.meta.day}`), url].join("\n");
  const content = summary ? `${wrap(p.meta.summary)}\n\nRead on the web: ${url}` : bodyText(p.body, refs, absolute);
  return `${header}\n\n${content}`;
}

function formatLongDate(date: string): string {
  return new Intl.DateTimeFormat("en-US", { timeZone: "UTC", weekday: "long", year: "numeric", month: "long", day: "numeric" }).format(new Date(`${date}T12:00:00Z`));
}
